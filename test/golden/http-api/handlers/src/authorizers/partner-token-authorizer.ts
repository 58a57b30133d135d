import type { APIGatewayRequestSimpleAuthorizerHandlerV2 } from 'aws-lambda';

/**
 * The Lambda request authorizer (payload 2.0, simple responses) of the security scheme `PartnerTokenAuthorizer` (function `partner-authorizer`). It reads `$request.header.X-Api-Token`.
 *
 * Denies every request until implemented. To allow a request, return `{ isAuthorized: true, context }`; `context` reaches the integration in `requestContext.authorizer.lambda`.
 */
export const handler: APIGatewayRequestSimpleAuthorizerHandlerV2 = async () => {
  return { isAuthorized: false };
};
