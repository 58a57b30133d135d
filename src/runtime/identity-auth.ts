/**
 * Lambda REQUEST authorizers for generated SDKs: their identity sources are parameters of the
 * operations they guard, which the caller passes with the call; the scheme is satisfied when
 * every one is given. This file is copied into an SDK package only when some operation uses such
 * an authorizer.
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
 */
import type { AuthKind, OperationAuth, OperationParams } from './client.js';
import { ownValue } from './serialize.js';

/** The headers and query strings the authorizer reads. */
export interface IdentityScheme extends OperationAuth {
  readonly headers: readonly string[];
  readonly query: readonly string[];
}

/** Nothing to send beyond the call's own parameters: ready when the caller gave each identity source. */
export const identityAuth: AuthKind<IdentityScheme> = {
  ready: (scheme, { params }) =>
    scheme.headers.every((header) => hasHeader(params.headers, header)) &&
    scheme.query.every((parameter) => ownValue(params.query, parameter) !== undefined),
};

function hasHeader(headers: OperationParams['headers'], name: string): boolean {
  const lower = name.toLowerCase();
  return Object.entries(headers ?? {}).some(([key, value]) => key.toLowerCase() === lower && value !== undefined);
}
