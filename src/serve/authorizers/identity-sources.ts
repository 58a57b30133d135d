import { ownField } from '../own-fields.js';

/**
 * The values of an authorizer's identity sources: REST's `method.request.header.X`,
 * `method.request.querystring.x`, `stageVariables.x`, `context.x`, and HTTP APIs'
 * `$request.header.X`, `$request.querystring.x`, `$stageVariables.x`, `$context.x`. When one is
 * missing or empty, API Gateway answers 401 without calling the authorizer.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.identity-sources
 */

export interface IdentityRequest {
  /** Header names in lower case. */
  headers: Record<string, string>;
  query: URLSearchParams;
  stageVariables: Record<string, string>;
  /** `$context` variables by name (`requestId`, `identity.sourceIp`...). */
  context: Record<string, string>;
}

/** The sources' values in order, or undefined when one is missing or empty. */
export function identityValues(sources: readonly string[], request: IdentityRequest): string[] | undefined {
  const values: string[] = [];
  for (const source of sources) {
    const value = identityValue(source, request);
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}

function identityValue(source: string, request: IdentityRequest): string | undefined {
  const match = /^\$?(?:(?:method\.)?request\.(header|querystring)|(stageVariables|context))\.(.+)$/.exec(source.trim());
  if (!match) return undefined;
  const [, location, variables, name] = match as unknown as [string, string | undefined, string | undefined, string];
  if (location === 'header') return ownField(request.headers, name.toLowerCase());
  if (location === 'querystring') return request.query.getAll(name).at(-1);
  return ownField(variables === 'stageVariables' ? request.stageVariables : request.context, name);
}
