import type { APIGatewayTokenAuthorizerHandler } from 'aws-lambda';
import { apiArnPattern, buildPolicy } from '../runtime/authorizer.js';

/**
 * The Lambda token authorizer of the security scheme `BearerTokenAuthorizer` (function `accounts-token-authorizer`).
 *
 * Denies every request until implemented. To allow a request, return `buildPolicy({ principalId, effect: 'Allow', resource, context })`; `context` values reach the integration in `requestContext.authorizer`.
 *
 * API Gateway caches the answer per identity for 300 seconds, so an allowing policy should cover the whole API: `apiArnPattern(event.methodArn)`.
 */
export const handler: APIGatewayTokenAuthorizerHandler = async (event) => {
  return buildPolicy({ principalId: 'anonymous', effect: 'Deny', resource: apiArnPattern(event.methodArn) });
};
