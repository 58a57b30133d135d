import type { APIGatewayRequestSimpleAuthorizerHandlerV2 } from 'aws-lambda';

/**
 * The Lambda request authorizer (payload 2.0, simple responses) of the security scheme `PartnerTokenAuthorizer` (function `partner-authorizer`). It reads `$request.header.X-Api-Token`.
 *
 * Denies every request until implemented. To allow a request, return `{ isAuthorized: true, context }`. The operations it guards (payload 2.0) read `context` in `requestContext.authorizer.lambda`, typed from what `handler` returns: leave the type of `handler` inferred.
 */
export const handler = (async () => {
  return { isAuthorized: false };
}) satisfies APIGatewayRequestSimpleAuthorizerHandlerV2;
