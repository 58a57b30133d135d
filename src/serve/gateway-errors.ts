import type { GatewayResponseModel } from '../model/types.js';
import type { GatewayResponse } from './gateway-messages.js';
import { ownField, setOwn } from './own-fields.js';

/**
 * API Gateway's own error responses, by gateway response type. The authorizer entries are what
 * REST APIs answer, as recorded against AWS in https://github.com/lmammino/loige.co
 * (`astro/src/content/posts/2023-11-05_debugging-custom-apigateway-authorizers/index.md`):
 * 401 `{"message":"Unauthorized"}`, 403 `{"Message":"User is not authorized to access this
 * resource with an explicit deny"}` (capital M: it comes from the policy evaluation), 500
 * `{"message":null}`.
 */
const GATEWAY_ERRORS = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  INVALID_API_KEY: { status: 403, message: 'Forbidden' },
  THROTTLED: { status: 429, message: 'Too Many Requests' },
  QUOTA_EXCEEDED: { status: 429, message: 'Limit Exceeded' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'Not Found' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Media Type' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Missing required request parameters' },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body' },
  API_CONFIGURATION_ERROR: { status: 500, message: 'Internal server error' },
  INTEGRATION_FAILURE: { status: 504, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  ACCESS_DENIED: { status: 403, message: 'User is not authorized to access this resource with an explicit deny', key: 'Message' },
  AUTHORIZER_FAILURE: { status: 500, message: null },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, message: null },
  INVALID_SIGNATURE: {
    status: 403,
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  },
  EXPIRED_TOKEN: { status: 403, message: 'The security token included in the request is expired' },
} satisfies Record<string, { status: number; message: string | null; key?: string }>;
export type GatewayErrorType = keyof typeof GATEWAY_ERRORS;

/**
 * An error API Gateway itself answers (`{"message": …}`), customised by the document's
 * `x-amazon-apigateway-gateway-responses`: the type's own entry, else `DEFAULT_4XX`/`DEFAULT_5XX`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export function gatewayError(
  customised: readonly GatewayResponseModel[],
  type: GatewayErrorType,
  requestId: string,
  detail?: string,
  extra: { headers?: Record<string, string>; key?: 'message' | 'Message' } = {},
): GatewayResponse {
  const entry: { status: number; message: string | null; key?: string } = GATEWAY_ERRORS[type];
  const { status } = entry;
  const message = detail ?? entry.message;
  const family = status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX';
  const custom = customised.find((response) => response.type === type) ?? customised.find((response) => response.type === family);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': errorTypeHeader(type),
    'x-amzn-requestid': requestId,
    ...extra.headers,
  };
  const response = {
    statusCode: status,
    headers,
    body: JSON.stringify({ [extra.key ?? entry.key ?? 'message']: message }),
    answeredBy: 'gateway',
  };
  return custom ? customise(custom, response, { type, message, requestId }) : response;
}

/**
 * A failed integration's answer (src/serve/integration-failures.ts) as a REST API's gateway
 * responses customise it: a timeout is `INTEGRATION_TIMEOUT` (504, "Endpoint request timed out"),
 * a failed Lambda function or malformed proxy result API Gateway's internal error (502), both
 * falling back to `DEFAULT_5XX`, as the response types table says. Uncustomised, the answer is
 * kept as it is.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export function customisedFailure(
  customised: readonly GatewayResponseModel[],
  failure: GatewayResponse,
  { timedOut, requestId }: { timedOut: boolean; requestId: string },
): GatewayResponse {
  const type = timedOut ? 'INTEGRATION_TIMEOUT' : 'DEFAULT_5XX';
  const custom = customised.find((response) => response.type === type) ?? customised.find((response) => response.type === 'DEFAULT_5XX');
  if (!custom) return failure;
  const message = timedOut ? GATEWAY_ERRORS.INTEGRATION_TIMEOUT.message : 'Internal server error';
  return customise(custom, { ...failure, headers: { ...failure.headers } }, { type, message, requestId });
}

/** A gateway response's `statusCode`, `responseParameters` headers and template over the default answer. */
function customise(
  custom: GatewayResponseModel,
  response: GatewayResponse,
  error: { type: string; message: string | null; requestId: string },
): GatewayResponse {
  for (const [target, source] of Object.entries(custom.responseParameters)) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(target)?.[1];
    const literal = /^'(.*)'$/s.exec(source)?.[1];
    if (name && literal !== undefined) setOwn(response.headers, name.toLowerCase(), literal);
  }
  const template = custom.responseTemplates['application/json'] ?? Object.values(custom.responseTemplates)[0];
  // Gateway response templates are not VTL: only `$context` variables are substituted.
  if (template !== undefined)
    response.body = substituteContext(template, {
      'error.messageString': JSON.stringify(error.message),
      'error.message': error.message ?? '',
      'error.responseType': error.type,
      requestId: error.requestId,
    });
  if (custom.statusCode !== undefined) response.statusCode = Number(custom.statusCode);
  return response;
}

/**
 * The `x-amzn-ErrorType` of each type; a path or method the API does not have is
 * `MissingAuthenticationTokenException`, as recorded against AWS (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_common.snapshot.json, test_routing_not_found, 8b9a79f).
 */
function errorTypeHeader(type: GatewayErrorType): string {
  if (type === 'MISSING_AUTHENTICATION_TOKEN') return 'MissingAuthenticationTokenException';
  if (type === 'INVALID_API_KEY') return 'ForbiddenException';
  // As recorded for an HTTP_PROXY URI that is no URL (test_apigateway_import.snapshot.json, test_import_with_stage_variables).
  if (type === 'API_CONFIGURATION_ERROR') return 'InternalServerErrorException';
  if (type === 'RESOURCE_NOT_FOUND') return 'NotFoundException';
  if (type === 'THROTTLED' || type === 'QUOTA_EXCEEDED') return 'TooManyRequestsException';
  if (type === 'UNAUTHORIZED') return 'UnauthorizedException';
  if (type === 'ACCESS_DENIED') return 'AccessDeniedException';
  if (type === 'AUTHORIZER_CONFIGURATION_ERROR' || type === 'AUTHORIZER_FAILURE') return 'AuthorizerConfigurationException';
  if (type === 'INVALID_SIGNATURE') return 'InvalidSignatureException';
  if (type === 'EXPIRED_TOKEN') return 'ExpiredTokenException';
  return type;
}

function substituteContext(template: string, values: Record<string, string>): string {
  return template.replace(/\$context\.([A-Za-z.]+)/g, (match, name: string) => ownField(values, name) ?? match);
}
