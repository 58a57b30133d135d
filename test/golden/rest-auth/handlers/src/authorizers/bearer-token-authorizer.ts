import type { APIGatewayTokenAuthorizerHandler } from 'aws-lambda';
import { apiArnPattern, buildPolicy } from '../runtime/authorizer.js';

/**
 * The Lambda token authorizer of the security scheme `BearerTokenAuthorizer` (function `accounts-token-authorizer`).
 *
 * Denies every request until implemented. To allow a request, return `buildPolicy({ principalId, effect: 'Allow', resource, context })`. The operations it guards read `context` in `requestContext.authorizer`, typed from what `handler` returns, its values as strings (as API Gateway passes them): leave the type of `handler` inferred.
 *
 * API Gateway caches the answer per identity for 300 seconds, so an allowing policy should cover the whole API: `apiArnPattern(event.methodArn)`.
 */
export const handler = (async (event) => {
  return buildPolicy({ principalId: 'anonymous', effect: 'Deny', resource: apiArnPattern(event.methodArn) });
}) satisfies APIGatewayTokenAuthorizerHandler;
