import type { GatewayRequest, GatewayResponse } from './gateway-messages.js';

/**
 * HTTP APIs with `x-amazon-apigateway-cors` answer preflight requests themselves, before
 * routing, and add the CORS headers to every answer to an allowed origin.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export async function withCors(
  cors: Record<string, unknown> | undefined,
  request: GatewayRequest,
  respond: () => Promise<GatewayResponse>,
): Promise<GatewayResponse> {
  const origin = request.headers.origin;
  if (!cors) return respond();
  if (origin === undefined) return withoutBackendCors(await respond(), {});
  const origins = stringList(cors.allowOrigins);
  const allowed = origins.includes('*') || origins.includes(origin);
  const headers: Record<string, string> = {};
  if (allowed) {
    headers['access-control-allow-origin'] = origins.includes('*') && cors.allowCredentials !== true ? '*' : origin;
    if (cors.allowCredentials === true) headers['access-control-allow-credentials'] = 'true';
  }
  if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
    if (allowed) {
      headers['access-control-allow-methods'] = stringList(cors.allowMethods).join(',') || '*';
      const allowHeaders = stringList(cors.allowHeaders).join(',');
      if (allowHeaders) headers['access-control-allow-headers'] = allowHeaders;
      if (typeof cors.maxAge === 'number') headers['access-control-max-age'] = String(cors.maxAge);
    }
    return { statusCode: 204, headers, body: '', answeredBy: 'cors' };
  }
  const response = await respond();
  const exposed = stringList(cors.exposeHeaders).join(',');
  if (allowed && exposed) headers['access-control-expose-headers'] = exposed;
  return withoutBackendCors(response, headers);
}

/** "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend integration": the gateway's own take their place. */
function withoutBackendCors(response: GatewayResponse, cors: Record<string, string>): GatewayResponse {
  const own = Object.entries(response.headers).filter(([name]) => !name.startsWith('access-control-'));
  return { ...response, headers: { ...Object.fromEntries(own), ...cors } };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
