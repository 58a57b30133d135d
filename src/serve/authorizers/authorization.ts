import type { OperationModel } from '../../model/types.js';
import type { GatewayErrorType } from '../gateway-errors.js';
import type { ProxyRequest } from '../lambda-proxy.js';

/** A request to authorize, for the operation it reached. */
export interface AuthorizationCall {
  operation: OperationModel;
  request: ProxyRequest;
  /** The payload version of the integration's event: where the authorizer's output goes in it. */
  integrationVersion: '1.0' | '2.0';
  /** The operation's authorization scopes for the scheme (`security: [{ Scheme: [scopes] }]`). */
  scopes: readonly string[];
}

/** What reaches the integration's event when a request is let through. */
export interface AuthorizationGrant {
  /** `requestContext.authorizer`. */
  authorizer?: Record<string, unknown>;
  /** Fields of `requestContext.identity` (IAM callers). */
  identity?: Record<string, unknown>;
  /** A Lambda authorizer's `usageIdentifierKey`: the API key usage plans count when the API's key source is AUTHORIZER. */
  usageIdentifierKey?: string;
}

/** The gateway response a refused request gets. */
export interface AuthorizationRefusal {
  type: GatewayErrorType;
  /** Instead of the type's default message. */
  message?: string;
  /** HTTP APIs answer `{"message":"Forbidden"}` where REST APIs write `Message`. */
  key?: 'message' | 'Message';
  headers?: Record<string, string>;
}

export type AuthorizationOutcome = { granted: AuthorizationGrant } | { refused: AuthorizationRefusal };

/** An authorizer of one security scheme. */
export interface Authorizer {
  authorize(call: AuthorizationCall): Promise<AuthorizationOutcome>;
}
