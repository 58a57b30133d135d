/**
 * Types that generated operation declarations refer to. This file is copied verbatim into
 * every handlers package.
 */
import type { APIGatewayEventRequestContextV2WithAuthorizer, APIGatewayProxyEventV2WithRequestContext, Context } from 'aws-lambda';
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
 * `requestContext.authorizer` of a REST API request no authorizer checked: nothing to read.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export type NoAuthorizer = null | undefined;

/** What a handler (a function, the Lambda authorizer's `handler`) resolves to. */
type AnswerOf<Handler> = Handler extends (...args: never[]) => infer Result ? Awaited<Result> : never;

/** True when an authorizer's answer may let the request through: a policy with an `Allow` statement, a simple response whose `isAuthorized` may be true. */
type MayAllow<Answer> = Answer extends { isAuthorized: infer Authorized }
  ? true extends Authorized
    ? true
    : false
  : Answer extends { policyDocument: { Statement: readonly (infer Statement)[] } }
    ? 'Allow' extends (Statement extends { Effect: infer Effect } ? Effect : never)
      ? true
      : false
    : false;

/** The `context` of an answer; `{}` when it has none. */
type ContextOf<Answer> = 'context' extends keyof Answer ? NonNullable<Answer[keyof Answer & 'context']> : Record<never, never>;

/**
 * The contexts of the answers that may allow, one union member each; any context values for a
 * handler that answers through its callback (resolving to nothing), whose answers have no type.
 */
type AllowingContexts<Answer> = Answer extends unknown
  ? Answer extends void
    ? { [key: string]: string | number | boolean }
    : MayAllow<Answer> extends true
      ? ContextOf<Answer>
      : never
  : never;

/**
 * The `context` a Lambda authorizer passes on when it allows a request, read from the type of
 * its handler: a union of the contexts of its answers that may allow (denying answers are left
 * out), `{}` for an allowing answer without context or for a handler that never allows.
 * @example
 * ```ts
 * // src/authorizers/tenant.ts returns buildPolicy({ ..., effect: 'Allow', context: { tenantId } }):
 * type Context = AuthorizerContextOf<typeof handler>; // { tenantId: string }
 * ```
 */
export type AuthorizerContextOf<Handler> = [AllowingContexts<AnswerOf<Handler>>] extends [never]
  ? Record<never, never>
  : AllowingContexts<AnswerOf<Handler>>;

/** A context value as a REST API passes it on: `42` as `'42'`, `true` as `'true'`. */
type Stringified<Value> = Value extends string | number | boolean ? `${Value}` : string;

/**
 * `requestContext.authorizer` of a REST API (or payload 1.0) request a Lambda authorizer allowed:
 * the principal, the authorizer's latency, and the `context` values of the authorizer's handler
 * (`typeof handler` of its stub), which API Gateway turns into strings. Without a handler, any
 * string value.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
export type RestLambdaAuthorizer<Handler = never> = ([Handler] extends [never]
  ? { [key: string]: string }
  : StringifiedContext<AuthorizerContextOf<Handler>>) & { principalId: string; integrationLatency: number };

/** Each member of a union of contexts with its values as strings (and without the keys API Gateway sets itself). */
type StringifiedContext<Context> = Context extends unknown
  ? { [Key in keyof Context as Exclude<Key, 'principalId' | 'integrationLatency'>]: Stringified<Context[Key]> }
  : never;

/**
 * `requestContext.authorizer` of an HTTP API request (payload 2.0) a Lambda authorizer allowed:
 * under `lambda`, the `context` the authorizer's handler (`typeof handler` of its stub) returned,
 * as it returned it. Without a handler, any JSON object.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-lambda-authorizer.json
 */
export interface HttpLambdaAuthorizer<Handler = never> {
  lambda: [Handler] extends [never] ? Record<string, unknown> : AuthorizerContextOf<Handler>;
}

/**
 * `requestContext.authorizer` of an HTTP API request (payload 2.0) a JWT authorizer allowed: the
 * token's claims, which API Gateway passes as strings, and its scopes, `null` when it has none
 * (never for a route that requires scopes).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/apigw.go (`Claims map[string]string`)
 */
export interface HttpJwtAuthorizer<Scopes extends string[] | null = string[] | null> {
  jwt: { claims: { [name: string]: string }; scopes: Scopes };
}

/**
 * `requestContext.authorizer` of an HTTP API request (payload 2.0) signed with SigV4 (IAM
 * authorization): the caller, with its Cognito identity when it signed with Cognito credentials.
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-iam.json
 */
export interface HttpIamAuthorizer {
  iam: {
    accessKey: string;
    accountId: string;
    callerId: string;
    cognitoIdentity: { amr: string[]; identityId: string; identityPoolId: string } | null;
    principalOrgId: string | null;
    userArn: string;
    userId: string;
  };
}

/** An HTTP API proxy event (payload 2.0) whose `requestContext.authorizer` is `Authorizer`. */
export type HttpAuthorizedEvent<Authorizer> = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2WithAuthorizer<Authorizer>
>;

/** An operation's implementation: the typed request in, one of the operation's declared responses out. */
export type OperationHandler<Request, Response> = (request: Request) => Response | Promise<Response>;

/** The implementation of a function's non-proxy integrations: the event their mapping templates make, and the Lambda context. */
export type NonProxyHandler<Event> = (event: Event, context: Context) => unknown;
