import type { GatewayResponseModel } from '../model/types.js';
import type { GatewayResponse } from './gateway.js';

/** API Gateway's own error responses, by gateway response type. */
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
} as const;
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
): GatewayResponse {
  const { status } = GATEWAY_ERRORS[type];
  const message = detail ?? GATEWAY_ERRORS[type].message;
  const family = status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX';
  const custom = customised.find((response) => response.type === type) ?? customised.find((response) => response.type === family);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': errorTypeHeader(type),
    'x-amzn-requestid': requestId,
  };
  let body = JSON.stringify({ message });
  if (custom) {
    for (const [target, source] of Object.entries(custom.responseParameters)) {
      const name = /^gatewayresponse\.header\.(.+)$/.exec(target)?.[1];
      const literal = /^'(.*)'$/s.exec(source)?.[1];
      if (name && literal !== undefined) headers[name.toLowerCase()] = literal;
    }
    const template = custom.responseTemplates['application/json'] ?? Object.values(custom.responseTemplates)[0];
    // Gateway response templates are not VTL: only `$context` variables are substituted.
    if (template !== undefined)
      body = substituteContext(template, {
        'error.messageString': JSON.stringify(message),
        'error.message': message,
        'error.responseType': type,
        requestId,
      });
  }
  return { statusCode: Number(custom?.statusCode ?? status), headers, body, answeredBy: 'gateway' };
}

function errorTypeHeader(type: GatewayErrorType): string {
  if (type === 'MISSING_AUTHENTICATION_TOKEN') return 'IncompleteSignatureException';
  if (type === 'INVALID_API_KEY') return 'ForbiddenException';
  if (type === 'RESOURCE_NOT_FOUND') return 'NotFoundException';
  if (type === 'THROTTLED' || type === 'QUOTA_EXCEEDED') return 'TooManyRequestsException';
  return type;
}

function substituteContext(template: string, values: Record<string, string>): string {
  return template.replace(/\$context\.([A-Za-z.]+)/g, (match, name: string) => values[name] ?? match);
}
