import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * A request to an HTTP integration's backend with exactly the headers API Gateway sends: `fetch`
 * would add `Accept-Language`, `Sec-Fetch-Mode` and `identity` to `Accept-Encoding`, and decode a
 * compressed answer that API Gateway passes on as it is. A method that may have a body sends its
 * `Content-Length`, `0` for none, as AWS recorded it (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json, test_apigateway_header_remapping_http, 8b9a79f).
 */

interface BackendRequest {
  method: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /** The integration timeout: it bounds the whole exchange, the body's last byte included. */
  timeoutMs: number;
}

/** The backend's status and headers (by lower-case name, as Node reads them: `set-cookie` a list), and its body as it comes. */
export interface BackendStream {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

/** The backend gave no complete answer within the integration timeout. */
export class BackendTimeoutError extends Error {}

/** Sends the request; resolves once the status and headers have come, the body still to be read. */
export function openBackendRequest(target: URL, options: BackendRequest): Promise<BackendStream> {
  const { method, timeoutMs } = options;
  const body = options.body ?? '';
  const headers = { ...options.headers };
  // Node sends a Trailer header only with a chunked body: then the body goes chunked, not with its length.
  if (method !== 'GET' && method !== 'HEAD' && headers.trailer === undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const outgoing = send(target, { method, headers }, (incoming) => {
      answer = incoming;
      incoming.once('close', () => clearTimeout(timer));
      resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: incoming });
    });
    const timer = setTimeout(() => {
      const error = new BackendTimeoutError(`no answer within ${timeoutMs} ms`);
      answer?.destroy(error);
      outgoing.destroy(error);
    }, timeoutMs);
    outgoing.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(method === 'GET' || method === 'HEAD' ? undefined : body);
  });
}

/** Sends the request and reads the whole answer. */
export async function sendToBackend(
  target: URL,
  options: BackendRequest,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { status, headers, body } = await openBackendRequest(target, options);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return { status, headers, body: Buffer.concat(chunks) };
}
