import { existsSync } from 'node:fs';
import type { ApiModel, AuthorizerModel, SecuritySchemeModel } from '../../model/types.js';
import { proxyEvent, type LambdaHandlers, type ProxyRequest } from '../lambda-proxy.js';
import type { AuthorizationCall, AuthorizationOutcome, Authorizer } from './authorization.js';
import { identityValues } from './identity-sources.js';
import { methodArn } from './method-arn.js';
import { evaluatePolicy, readPolicyDocument, type PolicyStatement } from './policy.js';

/**
 * A Lambda authorizer run from the built `handlers` output (`dist/authorizers/<name>.js`), as
 * API Gateway runs it:
 * - its identity sources must all be present (and a TOKEN must match the
 *   `identityValidationExpression`), else 401 without calling the function;
 * - the function gets a TOKEN or REQUEST event (REST), or an HTTP API's payload 1.0 or 2.0 event;
 * - its answer is cached by identity for `authorizerResultTtlInSeconds` (300 by default, 0 for no
 *   cache), and a cached policy is evaluated again against each method's ARN;
 * - an IAM policy (or a simple response's `isAuthorized`) decides: Deny → 403, Allow → the
 *   integration, with the returned `context` in `requestContext.authorizer`; a thrown
 *   `Unauthorized` → 401; another error → 500.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */

type Variant = 'token' | 'request' | 'requestV1' | 'requestV2' | 'simpleV2';

/** An answer of the function, as cached. */
type Answer =
  | {
      kind: 'policy';
      principalId: string;
      statements: PolicyStatement[];
      context: Record<string, unknown> | undefined;
      /** The API key for usage plans, when the API's key source is AUTHORIZER. */
      usageIdentifierKey: string | undefined;
    }
  | { kind: 'simple'; authorized: boolean; context: Record<string, unknown> | undefined };

export interface LambdaAuthorizerOptions {
  model: ApiModel;
  scheme: SecuritySchemeModel & { authorizer: AuthorizerModel };
  /** Undefined without `--handlers`: then only the identity sources are checked. */
  handlers: LambdaHandlers | undefined;
  /** The built module, when the handlers have one for this scheme. */
  modulePath: string | undefined;
  warn: (message: string) => void;
  now?: () => number;
}

const MAX_TTL_SECONDS = 3600;

export class LambdaAuthorizer implements Authorizer {
  readonly #options: LambdaAuthorizerOptions;
  readonly #variant: Variant;
  readonly #sources: string[];
  readonly #validation: RegExp | undefined;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { expires: number; answer: Answer }>();
  readonly #now: () => number;
  #warnedUnrun = false;

  constructor(options: LambdaAuthorizerOptions) {
    this.#options = options;
    const { scheme, model } = options;
    const { authorizer } = scheme;
    this.#variant =
      scheme.kind === 'lambdaToken'
        ? 'token'
        : model.kind === 'rest'
          ? 'request'
          : authorizer.payloadFormatVersion === '1.0'
            ? 'requestV1'
            : authorizer.enableSimpleResponses
              ? 'simpleV2'
              : 'requestV2';
    // A TOKEN authorizer reads the scheme's header (`name`), unless it names another source.
    this.#sources =
      this.#variant === 'token'
        ? [authorizer.identitySource[0] ?? `method.request.header.${scheme.parameterName ?? 'Authorization'}`]
        : authorizer.identitySource;
    this.#validation =
      this.#variant === 'token' && authorizer.identityValidationExpression !== undefined
        ? new RegExp(`^(?:${authorizer.identityValidationExpression})$`)
        : undefined;
    // HTTP APIs cache only by identity sources; without any, every request calls the function.
    const ttl = Math.min(authorizer.resultTtlInSeconds ?? 300, MAX_TTL_SECONDS);
    this.#ttlMs = this.#sources.length === 0 ? 0 : ttl * 1000;
    this.#now = options.now ?? Date.now;
  }

  async authorize(call: AuthorizationCall): Promise<AuthorizationOutcome> {
    const { request } = call;
    const identity = identityValues(this.#sources, {
      headers: request.headers,
      query: request.query,
      stageVariables: request.stageVariables,
      context: {
        requestId: request.requestId,
        stage: request.stage,
        httpMethod: request.method,
        path: request.path,
        resourcePath: call.operation.path,
        'identity.sourceIp': request.sourceIp,
        'identity.userAgent': request.headers['user-agent'] ?? '',
      },
    });
    if (!identity) return { refused: { type: 'UNAUTHORIZED' } };
    if (this.#validation && !this.#validation.test(identity[0]!)) return { refused: { type: 'UNAUTHORIZED' } };
    const { handlers, modulePath, scheme } = this.#options;
    if (!handlers) {
      if (!this.#warnedUnrun) {
        this.#options.warn(
          `the Lambda authorizer of ${scheme.name} does not run without --handlers: requests with its identity sources pass`,
        );
        this.#warnedUnrun = true;
      }
      return { granted: {} };
    }
    const arn = methodArn(request.stage, request.method, request.path);
    const key = identity.join('\u0000');
    const cached = this.#ttlMs > 0 ? this.#cache.get(key) : undefined;
    let answer = cached && cached.expires > this.#now() ? cached.answer : undefined;
    if (!answer) {
      if (modulePath === undefined || !existsSync(modulePath)) {
        this.#options.warn(
          `${scheme.name}: ${modulePath ?? 'its authorizer module'} not found: build the handlers (npm run build in ${handlers.folder})`,
        );
        return { refused: { type: 'AUTHORIZER_CONFIGURATION_ERROR' } };
      }
      let result: unknown;
      try {
        result = await handlers.call(modulePath, this.#event(call, identity, arn));
      } catch (error) {
        // The function's own way to say 401: `throw new Error('Unauthorized')`.
        if (error instanceof Error && error.message === 'Unauthorized') return { refused: { type: 'UNAUTHORIZED' } };
        this.#options.warn(`${scheme.name}: the Lambda authorizer failed: ${String(error)}`);
        return { refused: { type: 'AUTHORIZER_FAILURE' } };
      }
      const read = this.#read(result);
      if (typeof read === 'string') {
        this.#options.warn(`${scheme.name}: the Lambda authorizer's answer is not one API Gateway accepts: ${read}`);
        return { refused: { type: 'AUTHORIZER_CONFIGURATION_ERROR' } };
      }
      answer = read;
      if (this.#ttlMs > 0) this.#cache.set(key, { expires: this.#now() + this.#ttlMs, answer });
    }
    return this.#decide(answer, arn, call);
  }

  #event(call: AuthorizationCall, identity: string[], arn: string): Record<string, unknown> {
    const { request, operation } = call;
    if (this.#variant === 'token') return { type: 'TOKEN', authorizationToken: identity[0], methodArn: arn };
    if (this.#variant === 'requestV2' || this.#variant === 'simpleV2') {
      const { version, ...rest } = withoutBody(proxyEvent(operation, request, '2.0'));
      return { version, type: 'REQUEST', routeArn: arn, identitySource: identity, ...rest };
    }
    const rest = withEmptyObjects(withoutBody(proxyEvent(operation, request, '1.0')));
    if (this.#variant === 'request') return { type: 'REQUEST', methodArn: arn, ...withContentLength(rest, request) };
    const joined = identity.join(',');
    return { version: '1.0', type: 'REQUEST', methodArn: arn, identitySource: joined, authorizationToken: joined, ...rest };
  }

  /** The answer, or what is wrong with it. */
  #read(result: unknown): Answer | string {
    if (typeof result !== 'object' || result === null) return 'it is not an object';
    const shape = result as Record<string, unknown>;
    const context = shape.context;
    if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context)))
      return '`context` is not an object';
    const contextMap = (context ?? undefined) as Record<string, unknown> | undefined;
    if (this.#variant === 'simpleV2') {
      if (typeof shape.isAuthorized !== 'boolean') return '`isAuthorized` is not a boolean';
      return { kind: 'simple', authorized: shape.isAuthorized, context: contextMap };
    }
    if (typeof shape.principalId !== 'string') return '`principalId` is missing';
    const statements = readPolicyDocument(shape.policyDocument);
    if (!statements) return '`policyDocument` has no Statement with Effect, Action and Resource';
    // REST APIs pass context values on as strings: objects and arrays are refused.
    if (
      this.#options.model.kind === 'rest' &&
      contextMap &&
      Object.values(contextMap).some((value) => typeof value === 'object' && value !== null)
    )
      return '`context` values must be strings, numbers or booleans';
    const usageIdentifierKey = typeof shape.usageIdentifierKey === 'string' ? shape.usageIdentifierKey : undefined;
    return { kind: 'policy', principalId: shape.principalId, statements, context: contextMap, usageIdentifierKey };
  }

  #decide(answer: Answer, arn: string, call: AuthorizationCall): AuthorizationOutcome {
    const http = this.#options.model.kind === 'http';
    if (answer.kind === 'simple') {
      if (!answer.authorized) return { refused: { type: 'ACCESS_DENIED', message: 'Forbidden', key: 'message' } };
      return { granted: { authorizer: this.#authorizerOutput(answer.context, undefined, call) } };
    }
    const decision = evaluatePolicy(answer.statements, arn);
    if (decision !== 'allow') {
      if (http) return { refused: { type: 'ACCESS_DENIED', message: 'Forbidden', key: 'message' } };
      return decision === 'explicitDeny'
        ? { refused: { type: 'ACCESS_DENIED' } }
        : { refused: { type: 'ACCESS_DENIED', message: 'User is not authorized to access this resource' } };
    }
    return {
      granted: {
        authorizer: this.#authorizerOutput(answer.context, answer.principalId, call),
        ...(answer.usageIdentifierKey === undefined ? {} : { usageIdentifierKey: answer.usageIdentifierKey }),
      },
    };
  }

  /**
   * `requestContext.authorizer` of the integration's event: REST (and payload 1.0) events get the
   * context's values as strings next to `principalId` and `integrationLatency`; payload 2.0
   * events get the context under `lambda`.
   * @see https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayProxyEventPrincipalId.json
   * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-lambda-authorizer.json
   */
  #authorizerOutput(
    context: Record<string, unknown> | undefined,
    principalId: string | undefined,
    call: AuthorizationCall,
  ): Record<string, unknown> {
    if (this.#options.model.kind === 'http' && call.integrationVersion === '2.0') return { lambda: context ?? {} };
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(context ?? {}).map(([name, value]) => [name, String(value)]));
    if (principalId !== undefined) values.principalId = principalId;
    values.integrationLatency = 0;
    return values;
  }
}

/** The payload 1.0 fields a proxy event has null when the request has none. */
const NULL_WHEN_NONE = ['queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables'];

/**
 * Payload 1.0 authorizer events have empty objects where proxy events have null: `{}` for the
 * query, path parameters and stage variables of a request without any, as AWS recorded a REST
 * REQUEST authorizer's event (aws-powertools/powertools-lambda-typescript
 * packages/parser/tests/events/apigw-rest/authorizer-request.json, captured for issue #2624) and
 * as the developer guide's samples have `"pathParameters": {}`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 */
function withEmptyObjects(event: Record<string, unknown>): Record<string, unknown> {
  for (const field of NULL_WHEN_NONE) if (event[field] === null) event[field] = {};
  return event;
}

/**
 * A REST REQUEST authorizer's event has the client's `Content-Length`, which proxy events leave
 * out (`"Content-Length": "0"` for HTTPie's POST in the same capture).
 */
function withContentLength(event: Record<string, unknown>, request: ProxyRequest): Record<string, unknown> {
  const value = request.headers['content-length'];
  if (value === undefined) return event;
  const raw = request.rawHeaders;
  let name = 'Content-Length';
  for (let index = 0; raw && index < raw.length; index += 2) if (raw[index]!.toLowerCase() === 'content-length') name = raw[index]!;
  (event.headers as Record<string, string>)[name] = value;
  (event.multiValueHeaders as Record<string, string[]>)[name] = [value];
  return event;
}

/** Authorizers get the request without its body. */
function withoutBody(event: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...event };
  delete rest.body;
  delete rest.isBase64Encoded;
  return rest;
}
