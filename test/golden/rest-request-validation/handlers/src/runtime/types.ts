/**
 * Types that generated operation declarations refer to. This file is copied verbatim into
 * every handlers package.
 */
import type { Context } from 'aws-lambda';
import type { HeaderValue } from './result.js';

export type { HeaderValue } from './result.js';

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The status codes of a class, for `2XX`-style responses: `StatusCodesOf<4>` is `400 | 401 | … | 499`. */
export type StatusCodesOf<Class extends 1 | 2 | 3 | 4 | 5> = `${Class}${Digit}${Digit}` extends infer Code
  ? Code extends `${infer Status extends number}`
    ? Status
    : never
  : never;

/** Response headers: declared ones are typed by the operation, others may be added. */
export type ResponseHeaders = Readonly<Record<string, HeaderValue | undefined>>;

/** `requestContext.identity` of a REST API request that API Gateway checked an API key for. */
export interface WithApiKey {
  requestContext: { identity: { apiKey: string; apiKeyId: string } };
}

/** `requestContext.identity` of a REST API request signed with SigV4 (IAM authorization): the caller. */
export interface WithIamIdentity {
  requestContext: { identity: { accessKey: string; accountId: string; caller: string; user: string; userArn: string } };
}

/**
 * `requestContext.authorizer` of a REST API request a Lambda authorizer allowed: the principal,
 * and the authorizer's `context` values, which API Gateway turns into strings.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export interface RestLambdaAuthorizerContext {
  principalId: string;
  integrationLatency: number;
  [key: string]: string | number;
}

/** `requestContext.authorizer.lambda` of an HTTP API request a Lambda authorizer allowed: the `context` it returned. */
export type HttpLambdaAuthorizerContext = Record<string, unknown>;

/** An operation's implementation: the typed request in, one of the operation's declared responses out. */
export type OperationHandler<Request, Response> = (request: Request) => Response | Promise<Response>;

/** The implementation of a function's non-proxy integrations: the event their mapping templates make, and the Lambda context. */
export type NonProxyHandler<Event> = (event: Event, context: Context) => unknown;
