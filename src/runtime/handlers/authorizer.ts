/**
 * Helpers for Lambda authorizers: the IAM policy a REST API (or an HTTP API without simple
 * responses) expects back. This file is copied verbatim into every handlers package.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
import type { APIGatewayAuthorizerResult } from 'aws-lambda';

/**
 * The `context` of a policy: API Gateway refuses objects and arrays as values (the request
 * fails with 500), and a REST API passes the others on as strings.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export type PolicyContext = Record<string, string | number | boolean>;

export interface PolicyOptions<Effect extends 'Allow' | 'Deny' = 'Allow' | 'Deny', Context extends PolicyContext = PolicyContext> {
  /** Who the caller is: becomes `$context.authorizer.principalId`. */
  principalId: string;
  effect: Effect;
  /** The `execute-api` ARNs the statement covers: the event's `methodArn` (`routeArn` for HTTP APIs), or a pattern from `apiArnPattern`. */
  resource: string | string[];
  /** Values passed to the integration (`requestContext.authorizer`, typed in the operations the authorizer guards). */
  context?: Context;
  /** The API key of a usage plan, when the API takes keys from the authorizer. */
  usageIdentifierKey?: string;
}

/**
 * An authorizer result whose type keeps its effect and its context, so that the operations the
 * authorizer guards see the context that an allowing answer carries (`AuthorizerContextOf`).
 */
export interface Policy<
  Effect extends 'Allow' | 'Deny' = 'Allow' | 'Deny',
  Context extends PolicyContext = PolicyContext,
> extends APIGatewayAuthorizerResult {
  policyDocument: { Version: string; Statement: [{ Action: string; Effect: Effect; Resource: string | string[] }] };
  context?: Context;
}

/**
 * An authorizer result allowing or denying `execute-api:Invoke` on resources. Its type has the
 * effect and the context given (`NoInfer`: a handler's declared answer type must not make up a
 * context the call has not given).
 * @example
 * ```ts
 * return buildPolicy({ principalId: user.id, effect: 'Allow', resource: apiArnPattern(event.methodArn), context: { tenantId } });
 * ```
 */
export function buildPolicy<Effect extends 'Allow' | 'Deny', Context extends PolicyContext = Record<never, never>>(
  options: PolicyOptions<Effect, Context>,
): Policy<Effect, NoInfer<Context>> {
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
