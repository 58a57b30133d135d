/** Identity sources as a list: a comma-separated string, or (as SAM writes them for HTTP APIs) an array. */
export function identitySources(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value.filter((entry) => typeof entry === 'string')
    : typeof value === 'string'
      ? value.split(',')
      : [];
  return list.map((entry) => entry.trim()).filter(Boolean);
}

/** A request parameter an identity source reads. */
export interface IdentityInput {
  in: 'header' | 'query';
  name: string;
}

/**
 * The request parameter an identity source names: a header or a query string parameter, in REST
 * (`method.request.header.X-Auth`, `method.request.querystring.tenant`), HTTP API
 * (`$request.header.X-Auth`, `$request.querystring.tenant`) or WebSocket (`route.request.…`)
 * syntax. Stage variables and context values are not the caller's to send: undefined.
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
 * @see https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html
 */
export function identityInput(source: string): IdentityInput | undefined {
  const match = /^(?:method\.request|\$request|route\.request)\.(header|multivalueheader|querystring|multivaluequerystring)\.(.+)$/i.exec(
    source.trim(),
  );
  if (!match) return undefined;
  return { in: match[1]!.toLowerCase().endsWith('header') ? 'header' : 'query', name: match[2]! };
}
