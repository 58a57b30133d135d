/**
 * Headers API Gateway keeps for itself in REST APIs, as AWS recorded them (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json,
 * TestApiGatewayHeaderRemapping, and test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration,
 * at 8b9a79f05846835cf4dff63ab7eefdde9df83783). Names in lower case.
 */

/** Request headers that reach neither a Lambda proxy event nor mapping templates and parameter mappings (`$input.params()` has them empty). */
export const UNREAD_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'www-authenticate',
]);

/**
 * The name a method response header mapped by an integration response reaches the client with:
 * API Gateway's reserved names as `x-amzn-remapped-<name>`, `Transfer-Encoding` not at all
 * (undefined), any other as it is.
 */
export function mappedResponseHeaderName(name: string): string | undefined {
  if (name === 'transfer-encoding') return undefined;
  return REMAPPED_RESPONSE_HEADERS.has(name) ? `x-amzn-remapped-${name}` : name;
}

const REMAPPED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'connection',
  'content-length',
  'content-md5',
  'date',
  'expect',
  'host',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'trailer',
  'upgrade',
  'user-agent',
  'www-authenticate',
]);
