import { isRecord } from './resolve-ref.js';

/**
 * How API Gateway authorizes a request for a security scheme:
 * - `apiKey`: an API key in the `x-api-key` header, checked against usage plans;
 * - `cognito`, `lambdaToken`, `lambdaRequest`, `jwt`: an `x-amazon-apigateway-authorizer`;
 * - `iam`: SigV4-signed requests (`x-amazon-apigateway-authtype: awsSigv4`);
 * - `other`: a plain OpenAPI scheme API Gateway does not enforce.
 */
export type AuthKind = 'apiKey' | 'cognito' | 'lambdaToken' | 'lambdaRequest' | 'jwt' | 'iam' | 'other';

/**
 * Classifies a security scheme.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
 */
export function classifyScheme(scheme: Record<string, unknown>): AuthKind {
  const authorizer = scheme['x-amazon-apigateway-authorizer'];
  if (isRecord(authorizer)) {
    const type = String(authorizer.type ?? '').toLowerCase();
    if (type === 'cognito_user_pools') return 'cognito';
    if (type === 'token') return 'lambdaToken';
    if (type === 'request') return 'lambdaRequest';
    if (type === 'jwt') return 'jwt';
    return 'other';
  }
  const authType = String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase();
  // `awsSigv4` and every other `aws*` value are reserved for IAM authorization.
  if (authType.startsWith('aws')) return 'iam';
  if (scheme.type === 'apiKey' && scheme.in === 'header' && String(scheme.name).toLowerCase() === 'x-api-key') return 'apiKey';
  return 'other';
}
