import { atom, propertyKey, type TypeMember, type TypeTree } from '../../emit/layout.js';
import { union, type TypeOptions } from '../../emit/type-expressions.js';
import type { ApiModel, OperationModel } from '../../model/types.js';
import { preferredMedia } from '../../emit/media.js';
import { hasNoBody, mediaTree } from './media.js';

/**
 * The statuses API Gateway answers with by itself, before or instead of the integration, and
 * the gateway response types behind them.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
const GATEWAY_STATUSES: Record<string, number> = {
  ACCESS_DENIED: 403,
  EXPIRED_TOKEN: 403,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  WAF_FILTERED: 403,
  UNAUTHORIZED: 401,
  QUOTA_EXCEEDED: 429,
  THROTTLED: 429,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
};

const TOKEN_KINDS = new Set(['cognito', 'jwt', 'lambdaToken', 'lambdaRequest']);

/**
 * The error bodies of an operation by status: each declared non-2xx response, plus API
 * Gateway's own errors (403 missing key or token, 429 throttled or over quota, 504
 * integration timeout, 401 from authorizers, 502 from a malformed Lambda proxy answer), whose
 * body is `{ message }` unless the document customizes that gateway response.
 */
export function errorBodies(model: ApiModel, operation: OperationModel, refName: NonNullable<TypeOptions['refName']>): TypeMember[] {
  const bodies = new Map<string, TypeTree[]>();
  const add = (status: string, body: TypeTree) => bodies.set(status, [...(bodies.get(status) ?? []), body]);
  for (const response of operation.responses) {
    if (/^2/.test(response.status)) continue;
    const media = preferredMedia(response.content);
    add(statusKey(response.status), hasNoBody(media) ? atom('undefined') : mediaTree(media!, { direction: 'response', refName }));
  }
  for (const status of gatewayStatuses(operation)) add(String(status), gatewayBody(model, status));
  return [...bodies]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([status, types]) => ({ key: /^\d{3}$/.test(status) ? status : propertyKey(status), type: union(types) }));
}

/** The statuses `ApiError.is()` tells apart at run time. */
export function declaredErrorStatuses(operation: OperationModel): string[] {
  return operation.responses.map((response) => statusKey(response.status)).filter((status) => !/^2/.test(status));
}

/** The declared error statuses whose response has no body (no content, or JSON without a schema): the client drops what comes. */
export function bodilessErrorStatuses(operation: OperationModel): string[] {
  return operation.responses
    .filter((response) => !/^2/.test(response.status) && hasNoBody(preferredMedia(response.content)))
    .map((response) => statusKey(response.status));
}

/**
 * How errors key a response status: `404`, `4XX` (ranges in capitals, however written) and
 * `default`, the spelling OpenAPI gives it and `ApiError.is()` matches.
 * @see https://spec.openapis.org/oas/v3.0.3#responses-object
 */
function statusKey(status: string): string {
  return status.toLowerCase() === 'default' ? 'default' : status.toUpperCase();
}

function gatewayStatuses(operation: OperationModel): number[] {
  const statuses = [403, 429, 504];
  if (operation.security.some((requirement) => requirement.schemes.some((scheme) => TOKEN_KINDS.has(scheme.kind)))) statuses.push(401);
  if (operation.integration?.kind === 'lambdaProxy') statuses.push(502);
  return statuses;
}

/** `{ message }`, or `unknown` when a gateway response with a body template covers the status. */
function gatewayBody(model: ApiModel, status: number): TypeTree {
  const customized = model.gatewayResponses.some((response) => {
    if (Object.keys(response.responseTemplates).length === 0) return false;
    const answers = response.statusCode === undefined ? GATEWAY_STATUSES[response.type] : Number(response.statusCode);
    if (response.type === 'DEFAULT_4XX' || response.type === 'DEFAULT_5XX') return Math.floor(status / 100) === Number(response.type[8]);
    return answers === status;
  });
  return customized ? atom('unknown') : atom('GatewayErrorBody');
}
