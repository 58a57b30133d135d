/**
 * Helpers for Lambda authorizers: the IAM policy a REST API (or an HTTP API without simple
 * responses) expects back. This file is copied verbatim into every handlers package.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
import type { APIGatewayAuthorizerResult, APIGatewayAuthorizerResultContext } from 'aws-lambda';

export interface PolicyOptions {
  /** Who the caller is: becomes `$context.authorizer.principalId`. */
  principalId: string;
  effect: 'Allow' | 'Deny';
  /** The `execute-api` ARNs the statement covers: the event's `methodArn` (`routeArn` for HTTP APIs), or a pattern from `apiArnPattern`. */
  resource: string | string[];
  /** Values passed to the integration (`requestContext.authorizer`); API Gateway turns them into strings. */
  context?: APIGatewayAuthorizerResultContext;
  /** The API key of a usage plan, when the API takes keys from the authorizer. */
  usageIdentifierKey?: string;
}

/**
 * An authorizer result allowing or denying `execute-api:Invoke` on resources.
 * @example
 * ```ts
 * return buildPolicy({ principalId: user.id, effect: 'Allow', resource: apiArnPattern(event.methodArn), context: { tenantId } });
 * ```
 */
export function buildPolicy(options: PolicyOptions): APIGatewayAuthorizerResult {
  return {
    principalId: options.principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: options.effect, Resource: options.resource }],
    },
    ...(options.context ? { context: options.context } : {}),
    ...(options.usageIdentifierKey ? { usageIdentifierKey: options.usageIdentifierKey } : {}),
  };
}

/**
 * Widens a method ARN (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}`)
 * to every method and path of the same API and stage. API Gateway caches a policy per identity,
 * so a policy that names only the method first called would deny the caller's other methods.
 */
export function apiArnPattern(methodArn: string): string {
  const [arn = '', stage = '*'] = methodArn.split('/');
  return `${arn}/${stage}/*/*`;
}
