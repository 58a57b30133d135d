import type { IncomingHttpHeaders } from 'node:http';
import aws4 from 'aws4';

/** A request as a server receives it: method, raw request target (path and query), headers, raw body. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer | string;
}

export interface SigV4Check {
  /** The Authorization header received. */
  received: string;
  /** The Authorization header the independent verifier computes for the same request. */
  expected: string;
  /** The headers the received signature says it covers. */
  signedHeaders: string[];
  /** The date of the received credential scope (`yyyymmdd`). */
  scopeDate: string;
}

/**
 * An independent SigV4 verifier for tests, as API Gateway checks a signature: recomputes the
 * Authorization header with the `aws4` package (its own canonical request on node:crypto, no code
 * shared with the AWS SDK signer) from the method, the raw path and query, the headers the
 * signature lists, the raw body, the region and the caller's credentials.
 */
export function verifySigV4(
  request: ReceivedRequest,
  options: { credentials: aws4.Credentials; region: string; service?: string },
): SigV4Check {
  const received = String(request.headers.authorization ?? '');
  const parts = /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/[^,]+, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(received);
  const signedHeaders = parts?.[2]?.split(';') ?? [];
  const signing: aws4.Request & { extraHeadersToIgnore: Record<string, boolean> } = {
    service: options.service ?? 'execute-api',
    region: options.region,
    method: request.method,
    path: request.url,
    headers: Object.fromEntries(signedHeaders.map((name) => [name, String(request.headers[name] ?? '')])),
    body: request.body,
    // aws4 adds Content-Type and Content-Length to requests with a body; only the listed headers count.
    extraHeadersToIgnore: Object.fromEntries(['content-length', 'content-type'].map((name) => [name, !signedHeaders.includes(name)])),
  };
  const expected = String(aws4.sign(signing, options.credentials).headers?.Authorization ?? '');
  return { received, expected, signedHeaders, scopeDate: parts?.[1] ?? '' };
}
