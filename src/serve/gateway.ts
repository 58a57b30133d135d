import { randomUUID } from 'node:crypto';
import type { ServeConfig } from '../config/types.js';
import type { GatewayRequest, GatewayResponse } from './gateway-messages.js';
import type { ApiModel, IntegrationModel, OperationModel, ResponseModel } from '../model/types.js';
import { binarySample, needsBinarySample } from '../mock/binary-samples.js';
import { bodyText, mockValue, type MockContext } from '../mock/mock-bodies.js';
import { DocumentSchemaValidator } from '../mock/schema-validator.js';
import type { FunctionSpec, LambdaHandlers, ProxyRequest } from './lambda-proxy.js';
import { apiDomain, apiGatewayTime, httpApiEventPath } from './proxy-events.js';
import type { AuthorizationGrant, AuthorizationRefusal } from './authorizers/authorization.js';
import { OperationAuthorizers } from './authorizers/operation-authorizers.js';
import { integrationFailure } from './integration-failures.js';
import { customisedFailure, gatewayError, type GatewayErrorType } from './gateway-errors.js';
import { validateRequest } from './request-validation.js';
import { withCors } from './cors.js';
import { chooseMediaType, mediaTypeEssence } from './media-types.js';
import { RouteTable, type RouteMatch } from './routes.js';
import type { UsagePlans } from './usage-plans.js';
import { TemplatedIntegrations, type LambdaOutcome } from './integrations/templated-integration.js';
import { BackendTimeoutError, openBackendRequest } from './integrations/backend-request.js';
import { documentEndpointType, type EndpointType } from '../document/endpoint-type.js';
import { idleBounded } from './streamed-answer.js';
import { randomText, traceRoot } from './random-ids.js';
import { joinedHeaders, mapHttpRequest, mapHttpResponse, type MappingSources } from './integrations/http-parameter-mapping.js';
import { ownField } from './own-fields.js';

/**
 * A local API Gateway: routes a request as API Gateway does, applies its checks (API keys,
 * unsupported media types), runs MOCK integrations through their mapping templates, forwards
 * HTTP proxy integrations, and answers for the integrations it cannot run with mock data from
 * the document, saying so in the `x-apigw-gen-mock` header. Gateway errors carry API Gateway's
 * bodies, as customised by `x-amazon-apigateway-gateway-responses`.
 */

export interface GatewayOptions {
  /** The document the model was built from. */
  document: Record<string, unknown>;
  stage: string;
  stageVariables?: Record<string, string>;
  /** API keys, usage plans and stage throttles; without plans that have keys, any non-empty key passes. */
  usagePlans?: UsagePlans;
  /** Built handler modules for Lambda proxy integrations and Lambda authorizers (`apigw-gen handlers` output). */
  handlers?: LambdaHandlers;
  /** JWKS for Cognito and JWT authorizers, credentials for IAM, from the config's `serve`. */
  auth?: ServeConfig;
  /** Where authorizers' warnings go (default: process warnings). */
  warn?: (message: string) => void;
  /** The stage's canary: the share of requests it takes and its stage variables. */
  canary?: { percentTraffic: number; stageVariableOverrides: Record<string, string> };
  /** The REST API's endpoint type (the config's, else the document's): it sets streams' idle timeout. */
  endpointType?: EndpointType;
}

/**
 * Whether an integration runs its mapping templates here: MOCK, HTTP with a URI, and AWS
 * (Lambda non-proxy, services) that have integration responses to answer with.
 */
function runsTemplates(integration: IntegrationModel): boolean {
  if (integration.kind === 'mock') return true;
  if (integration.kind === 'http') return integration.uri !== undefined;
  return (integration.kind === 'lambda' || integration.kind === 'awsService') && integration.responses.length > 0;
}

const USAGE_ERRORS = { invalidKey: 'INVALID_API_KEY', throttled: 'THROTTLED', quotaExceeded: 'QUOTA_EXCEEDED' } as const;

export class LocalGateway {
  readonly #model: ApiModel;
  readonly #options: GatewayOptions;
  readonly #routes: RouteTable;
  readonly #templated = new TemplatedIntegrations();
  readonly #mocks: MockContext;
  readonly #exampleCache = new Map<string, { mediaType: string; body: string; source: string }>();
  readonly #authorizers: OperationAuthorizers | undefined;
  /** The stage's variables for events (canary requests aside): one frozen object, not a copy per request. */
  readonly #sharedStageVariables: Record<string, string>;
  /** `x-amazon-apigateway-api-key-source: AUTHORIZER`. */
  readonly #keyFromAuthorizer: boolean;
  /** How long a streamed response may wait for its next chunk (ms). */
  readonly #streamIdleMs: number;

  constructor(model: ApiModel, options: GatewayOptions) {
    this.#model = model;
    this.#options = options;
    this.#routes = new RouteTable(model.operations, { rawGreedy: model.kind === 'rest', greedyLast: model.kind === 'http' });
    this.#mocks = {
      schemas: new Map(model.schemas.map((schema) => [schema.typeName, schema])),
      validator: new DocumentSchemaValidator(options.document, model.openapiVersion),
    };
    const authorizers = new OperationAuthorizers({
      model,
      handlers: options.handlers,
      settings: options.auth,
      warn: options.warn ?? ((message) => process.emitWarning(`apigw-gen serve: ${message}`)),
    });
    this.#authorizers = authorizers.guardsAny ? authorizers : undefined;
    this.#sharedStageVariables = Object.freeze({ ...options.stageVariables });
    this.#keyFromAuthorizer = String(model.apiKeySource ?? '').toUpperCase() === 'AUTHORIZER';
    this.#streamIdleMs = STREAM_IDLE_MS[options.endpointType ?? documentEndpointType(options.document)];
  }

  handle(request: GatewayRequest): Promise<GatewayResponse> {
    return withCors(this.#model.kind === 'http' ? this.#model.cors : undefined, request, () => this.#route(request));
  }

  async #route(request: GatewayRequest): Promise<GatewayResponse> {
    const requestId = this.#model.kind === 'http' ? httpApiRequestId() : randomUUID();
    const route = this.#matchUnderStage(request) ?? this.#routes.match(request.method, request.path);
    if (!route) {
      return this.#error(this.#model.kind === 'http' ? 'RESOURCE_NOT_FOUND' : 'MISSING_AUTHENTICATION_TOKEN', requestId);
    }
    const { operation } = route;
    // Built once: the authorizer and the Lambda proxy event both describe the request with it.
    let proxyRequest: ProxyRequest | undefined;
    const describe = () => (proxyRequest ??= this.#proxyRequest(request, route, requestId));
    // Authorization comes before API keys and validation, as on AWS.
    const authorizing = this.#authorizers?.authorize(operation, {
      request: describe(),
      integrationVersion: this.#payloadVersion(operation.integration),
    });
    const authorization = authorizing && (await authorizing);
    if (authorization && 'refused' in authorization) {
      const { refused } = authorization;
      return this.#error(refused.type, requestId, refused.message, refused);
    }
    // With the AUTHORIZER key source, the key is the one the Lambda authorizer names, not a header:
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
    const apiKey = this.#keyFromAuthorizer ? authorization?.granted.usageIdentifierKey : request.headers['x-api-key'];
    if (operation.apiKeyRequired && !apiKey) return this.#error('INVALID_API_KEY', requestId);
    const verdict = this.#options.usagePlans?.admit(operation.path, operation.method, apiKey, operation.apiKeyRequired) ?? 'ok';
    if (verdict !== 'ok') return this.#error(USAGE_ERRORS[verdict], requestId);
    const invalid = validateRequest(operation, request, this.#mocks.validator);
    if (invalid) return this.#error(invalid.type, requestId, invalid.message);
    const grant = withKeyIdentity(authorization?.granted, operation.apiKeyRequired ? apiKey : undefined);
    const integration = operation.integration;
    let response: GatewayResponse;
    if (integration && runsTemplates(integration)) response = await this.#runTemplated(integration, request, route, requestId, grant);
    else if (integration?.kind === 'httpProxy' && integration.uri) response = await this.#forward(integration, request, route, requestId);
    else if (integration?.kind === 'lambdaProxy' && this.#options.handlers)
      response = await this.#invoke(integration, describe(), route, grant);
    else response = this.#answerWithExample(operation, request, integration, 'answered from the document');
    const byStatus = integration?.responseParametersByStatus;
    if (byStatus && this.#model.kind === 'http' && (response.answeredBy === 'httpProxy' || response.answeredBy === 'lambda')) {
      const sources = this.#mappingSources(request, route, requestId);
      sources.response = { headers: response.headers, body: response.body };
      Object.assign(response, mapHttpResponse(byStatus, response, sources));
    }
    response.headers[this.#model.kind === 'http' ? 'apigw-requestid' : 'x-amzn-requestid'] = requestId;
    if (this.#model.kind === 'rest' && TRACED.has(response.answeredBy))
      response.headers['x-amzn-trace-id'] = traceHeader(request.headers['x-amzn-trace-id']);
    return response;
  }

  /** What HTTP API parameter mappings read: the request as it came, its context and the stage variables. */
  #mappingSources(request: GatewayRequest, route: RouteMatch, requestId: string): MappingSources {
    return {
      request: {
        headers: joinedHeaders(request),
        query: request.query,
        // "The request path, without the stage name."
        path: route.pathUnderStage ?? request.path,
        pathParameters: route.pathParameters,
        body: request.body,
      },
      context: this.#contextVariable(request, route, requestId),
      stageVariables: this.#stageVariables(),
    };
  }

  /**
   * REST APIs, and HTTP APIs on a stage other than `$default`, are also served under `/<stage>/`, as their execute-api URL has it, so that a
   * client configured with a deployed base URL's path works locally too. A path under the stage
   * is routed without it first, so that a root `{proxy+}` does not take the stage for part of its
   * value; slashes before the stage count as one, as AWS recorded for `//<stage>/proxy-value`
   * (localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json).
   */
  #matchUnderStage(request: GatewayRequest): RouteMatch | undefined {
    if (this.#model.kind !== 'rest' && this.#options.stage === '$default') return undefined;
    const prefix = `/${this.#options.stage}`;
    const path = request.path.startsWith('//') ? `/${request.path.replace(/^\/+/, '')}` : request.path;
    if (!path.startsWith(prefix) || (path.length > prefix.length && path[prefix.length] !== '/')) return undefined;
    const underStage = path.length === prefix.length ? '/' : path.slice(prefix.length);
    const match = this.#routes.match(request.method, underStage);
    return match && { ...match, pathUnderStage: underStage };
  }

  /** MOCK, HTTP and AWS integrations run their mapping templates (src/serve/integrations/). */
  async #runTemplated(
    integration: IntegrationModel,
    request: GatewayRequest,
    route: RouteMatch,
    requestId: string,
    grant: AuthorizationGrant | undefined,
  ): Promise<GatewayResponse> {
    const canary = this.#isCanaryRequest();
    const answer = await this.#templated.run({
      integration,
      request,
      pathParameters: route.pathParameters,
      context: Object.assign(this.#contextVariable(request, route, requestId, grant?.identity), {
        isCanaryRequest: canary,
        ...(grant?.authorizer ? { authorizer: grant.authorizer } : {}),
      }),
      stageVariables: this.#stageVariables(canary),
      example: () => {
        const example = this.#answerWithExample(route.operation, request, integration, 'answered from the document');
        return { body: example.body.toString(), note: String(example.headers['x-apigw-gen-mock']) };
      },
      invokeLambda: integration.kind === 'lambda' ? this.#lambdaInvoker(integration, route.operation) : undefined,
    });
    if ('timedOut' in answer) return this.#integrationFailure(true, answer.timedOut, requestId);
    return 'error' in answer ? this.#error(answer.error, requestId) : answer;
  }

  /** A non-proxy Lambda integration's function, from the handlers folder, run apart from the server like every function. */
  #lambdaInvoker(integration: IntegrationModel, operation: OperationModel): ((event: unknown) => Promise<LambdaOutcome>) | undefined {
    const handlers = this.#options.handlers;
    const spec = handlers?.functionOf(operation);
    if (!handlers || !spec || 'missing' in spec) return undefined;
    return async (event) => {
      const outcome = await handlers.invokeFunction(spec, event, { waitMs: integration.timeoutInMillis ?? 29_000 });
      if ('result' in outcome || 'timedOut' in outcome) return outcome;
      // A function that exits without an answer fails as Lambda reports it: an error to select on too.
      return outcome.error ?? { errorType: 'Runtime.ExitError', errorMessage: outcome.failed };
    };
  }

  /**
   * HTTP proxy: the request goes on to the URI (with path parameters filled in), the answer comes
   * back as it is; streamed as it arrives with `responseTransferMode: STREAM`.
   */
  async #forward(integration: IntegrationModel, request: GatewayRequest, route: RouteMatch, requestId: string): Promise<GatewayResponse> {
    const stageVariables = this.#stageVariables();
    const uri = integration
      .uri!.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => ownField(stageVariables, name) ?? '')
      .replace(/\{([^}]+?)\+?\}/g, (_, name: string) => encodePath(ownField(route.pathParameters, name) ?? ''));
    // A URI that is no URL once its stage variables are filled in (unset ones are empty) is API Gateway's
    // 500, as AWS answered in localstack/localstack tests/aws/services/apigateway/test_apigateway_import.py::test_import_with_stage_variables.
    if (!URL.canParse(uri)) return this.#error('API_CONFIGURATION_ERROR', requestId);
    const target = new URL(uri);
    const method = !integration.httpMethod || integration.httpMethod.toUpperCase() === 'ANY' ? request.method : integration.httpMethod;
    // REST APIs as AWS recorded them; HTTP APIs leave out the hop-by-hop headers only.
    const rest = this.#model.kind === 'rest';
    const dropped = rest ? NOT_FORWARDED : HOP_BY_HOP;
    let headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !dropped.has(name)));
    let query = [...request.query];
    // The $default route sends the full request path to the integration (http-api-develop-routes.html#http-api-develop-routes.default).
    if (!rest && route.operation.isDefaultRoute)
      target.pathname = `${target.pathname.replace(/\/$/, '')}${route.pathUnderStage ?? request.path}`;
    if (!rest && Object.keys(integration.requestParameters).length > 0) {
      const mapped = mapHttpRequest(integration.requestParameters, { headers, query }, this.#mappingSources(request, route, requestId));
      ({ headers, query } = mapped);
      if (mapped.path !== undefined) target.pathname = mapped.path;
    }
    for (const [name, value] of query) target.searchParams.append(name, value);
    headers['x-amzn-trace-id'] = `Root=${traceRoot()}`;
    if (rest) headers['x-amzn-apigateway-api-id'] = 'local';
    try {
      const answer = await openBackendRequest(target, {
        method,
        headers,
        body: request.body,
        timeoutMs: integration.timeoutInMillis ?? 29_000,
      });
      const responseHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined) continue;
        if (rest && REMAPPED.has(name)) responseHeaders[`x-amzn-remapped-${name}`] = value;
        else if (!HOP_BY_HOP.has(name)) responseHeaders[name] = value;
      }
      // Response streaming: the status and headers as soon as they have all come, then the body as it
      // arrives (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html);
      // the integration timeout still bounds the whole body.
      if (integration.responseTransferMode === 'STREAM' && rest) {
        const stream = idleBounded(answer.body, this.#streamIdleMs);
        return { statusCode: answer.status, headers: responseHeaders, body: '', stream, answeredBy: 'httpProxy' };
      }
      const chunks: Buffer[] = [];
      for await (const chunk of answer.body) chunks.push(chunk as Buffer);
      return { statusCode: answer.status, headers: responseHeaders, body: Buffer.concat(chunks), answeredBy: 'httpProxy' };
    } catch (error) {
      if (error instanceof BackendTimeoutError) return this.#integrationFailure(true, 'httpProxy', requestId);
      // HTTP APIs have no gateway responses: a backend they cannot reach fails as their integrations do, 500
      // {"message":"Internal Server Error"} (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
      if (!rest) return this.#integrationFailure(false, 'httpProxy', requestId);
      return this.#error('INTEGRATION_FAILURE', requestId);
    }
  }

  /**
   * Lambda proxy: the operation's generated handler, with the payload version the integration
   * asks for (REST APIs always send 1.0). A failed function or malformed result is API Gateway's
   * 502 (REST) or 500 (HTTP API); no answer within `timeoutInMillis` its 504 (REST) or 503 (HTTP API).
   */
  async #invoke(
    integration: IntegrationModel,
    request: ProxyRequest,
    route: RouteMatch,
    grant: AuthorizationGrant | undefined,
  ): Promise<GatewayResponse> {
    const spec = this.#options.handlers!.functionOf(route.operation);
    if ('missing' in spec) return this.#answerWithExample(route.operation, request, integration, spec.missing);
    if (integration.responseTransferMode === 'STREAM' && this.#model.kind === 'rest')
      return this.#stream(integration, request, route, spec, grant);
    const outcome = await this.#options.handlers!.invokeProxy({
      operation: route.operation,
      spec,
      // Object.assign: on Node 20 a spread followed by more properties costs microseconds per request.
      request: grant ? Object.assign({}, request, grant) : request,
      version: this.#payloadVersion(integration),
      waitMs: integration.timeoutInMillis ?? 29_000,
    });
    if ('result' in outcome) {
      const { statusCode, headers, body, base64 } = outcome.result;
      if (!base64 || !this.#sendsBinary(request.headers.accept)) return { statusCode, headers, body, answeredBy: 'lambda' };
      // A body that is not base64 cannot be decoded: API Gateway's 500, as AWS answered in
      // localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.py::test_aws_proxy_binary_response (8b9a79f).
      if (!isBase64(body)) return this.#error('API_CONFIGURATION_ERROR', request.requestId);
      return { statusCode, headers, body: Buffer.from(body, 'base64'), answeredBy: 'lambda' };
    }
    if ('failed' in outcome) process.emitWarning(`apigw-gen serve: ${route.operation.label}: the handler failed: ${outcome.failed}`);
    return this.#integrationFailure('timedOut' in outcome, 'lambda', request.requestId);
  }

  /**
   * Lambda proxy for response streaming: the status and headers go out once the function's
   * metadata and delimiter have come, then its writes as it makes them. Output that does not
   * follow the format is API Gateway's 500 ("API Gateway invokes your Lambda function and return a
   * 500 error response"); a function that fails or times out before its metadata, the usual 502 or
   * 504. The integration timeout (`timeoutInMillis`, up to 15 minutes for streams) bounds the whole
   * stream, and a stream idle longer than the endpoint's idle timeout ends too.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html#response-transfer-mode-considerations
   */
  async #stream(
    integration: IntegrationModel,
    request: ProxyRequest,
    route: RouteMatch,
    spec: FunctionSpec,
    grant: AuthorizationGrant | undefined,
  ): Promise<GatewayResponse> {
    const head = await this.#options.handlers!.invokeStreamingProxy({
      operation: route.operation,
      spec,
      request: grant ? Object.assign({}, request, grant) : request,
      waitMs: integration.timeoutInMillis ?? 29_000,
      idleMs: this.#streamIdleMs,
    });
    if ('statusCode' in head)
      return { statusCode: head.statusCode, headers: head.headers, body: '', stream: head.body, answeredBy: 'lambda' };
    const label = route.operation.label;
    if ('malformed' in head) {
      process.emitWarning(`apigw-gen serve: ${label}: the streamed response is not in API Gateway's format: ${head.malformed}`);
      return this.#integrationFailure(false, 'lambda', request.requestId, 500);
    }
    if ('failed' in head) process.emitWarning(`apigw-gen serve: ${label}: the handler failed: ${head.failed}`);
    return this.#integrationFailure('timedOut' in head, 'lambda', request.requestId);
  }

  /**
   * Whether a base64 result reaches the client as bytes. HTTP APIs always decode it; REST APIs
   * only when the request's `Accept` names a binary media type, and otherwise send the base64
   * text itself (the classic surprise of binary responses through API Gateway).
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/lambda-proxy-binary-media.html
   */
  #sendsBinary(accept: string | undefined): boolean {
    if (this.#model.kind === 'http') return true;
    const first = accept?.split(',')[0];
    return first !== undefined && this.#isBinary(first);
  }

  /**
   * REST APIs treat the binary media types as binary; HTTP APIs, whatever is not text. A binary
   * media type matches a media type of the same type and subtype, or any subtype when its own is
   * `*`; a `*` type matches nothing, nor does a media type without a subtype, as AWS answered in
   * localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.py::test_aws_proxy_binary_response (8b9a79f).
   */
  #isBinary(contentType: string | undefined): boolean {
    if (contentType === undefined) return false;
    const essence = mediaTypeEssence(contentType);
    if (this.#model.kind === 'http') return !/^text\/|json|xml|javascript|x-www-form-urlencoded/.test(essence);
    const [actualType, actualSubtype, extra] = essence.split('/');
    if (actualSubtype === undefined || extra !== undefined) return false;
    return this.#model.binaryMediaTypes.some((pattern) => {
      const [type, subtype] = pattern.toLowerCase().replace('~1', '/').split('/');
      return type !== '*' && type === actualType && (subtype === '*' || subtype === actualSubtype);
    });
  }

  /** Integrations that cannot run here (AWS services, Lambda without handlers, none): the document's example of the success response. */
  #answerWithExample(
    operation: OperationModel,
    request: Pick<GatewayRequest, 'headers'>,
    integration: IntegrationModel | undefined,
    why: string,
  ): GatewayResponse {
    const response = successResponse(operation);
    const headers: Record<string, string> = {
      'x-apigw-gen-mock': `${integration ? integration.kind : 'no integration'}: ${why}`,
    };
    if (!response) return { statusCode: 200, headers, body: '', answeredBy: 'example' };
    const textual = response.content.filter((media) => !needsBinarySample(media));
    const mediaType = chooseMediaType(
      textual.map((media) => media.mediaType),
      request.headers.accept,
    );
    const media = textual.find((candidate) => candidate.mediaType === mediaType);
    const binary = response.content.find((candidate) => needsBinarySample(candidate) && !candidate.mediaType.includes('*'));
    if (!media && binary) {
      headers['content-type'] = binary.mediaType;
      headers['x-apigw-gen-mock'] += ' (sample bytes)';
      return {
        statusCode: Number(response.status),
        headers,
        body: Buffer.from(binarySample(binary.mediaType), 'base64'),
        answeredBy: 'example',
      };
    }
    if (!media) return { statusCode: Number(response.status), headers, body: '', answeredBy: 'example' };
    const key = `${media.pointer}`;
    let cached = this.#exampleCache.get(key);
    if (!cached) {
      const mock = mockValue(media, this.#mocks);
      const concrete = media.mediaType.includes('*') ? 'application/json' : media.mediaType;
      cached = { mediaType: concrete, body: bodyText(concrete, mock.value), source: mock.source };
      this.#exampleCache.set(key, cached);
    }
    headers['content-type'] = cached.mediaType;
    headers['x-apigw-gen-mock'] += ` (${cached.source})`;
    return { statusCode: Number(response.status), headers, body: cached.body, answeredBy: 'example' };
  }

  /** The request as Lambda events describe it (proxy integrations and Lambda authorizers). */
  #proxyRequest(request: GatewayRequest, route: RouteMatch, requestId: string): ProxyRequest {
    // Field by field: spreading the request into the literal took a fifth of a mock route's time.
    const sentPath = route.pathUnderStage ?? request.path;
    // The event's `path` is the resource path, slashes before it as one; `requestContext.path` adds the stage to the path as sent.
    const path = sentPath.startsWith('//') ? `/${sentPath.replace(/^\/+/, '')}` : sentPath;
    const proxyRequest: ProxyRequest = {
      method: request.method,
      path: this.#model.kind === 'http' ? httpApiEventPath(path) : path,
      query: request.query,
      headers: request.headers,
      body: request.body,
      sourceIp: request.sourceIp,
      pathParameters: route.sentPathParameters ?? route.pathParameters,
      requestId,
      stage: this.#options.stage,
      stageVariables: this.#sharedStageVariables,
      binary: this.#isBinary(request.headers['content-type']),
    };
    if (sentPath !== path) proxyRequest.rawPath = sentPath;
    if (request.rawHeaders) proxyRequest.rawHeaders = request.rawHeaders;
    if (request.rawQuery !== undefined) proxyRequest.rawQuery = request.rawQuery;
    if (this.#model.kind === 'http') proxyRequest.httpApi = true;
    if (request.localPort !== undefined) proxyRequest.localPort = request.localPort;
    return proxyRequest;
  }

  /** REST APIs always send payload 1.0; HTTP APIs what the integration asks for. */
  #payloadVersion(integration: IntegrationModel | undefined): '1.0' | '2.0' {
    return this.#model.kind === 'rest' || integration?.payloadFormatVersion === '1.0' ? '1.0' : '2.0';
  }

  /** A failed or timed-out integration's answer; REST APIs' gateway responses customise it. */
  #integrationFailure(
    timedOut: boolean,
    answeredBy: 'lambda' | 'http' | 'httpProxy',
    requestId: string,
    statusCode?: number,
  ): GatewayResponse {
    const failure = integrationFailure(this.#model.kind, timedOut, answeredBy);
    if (statusCode !== undefined) failure.statusCode = statusCode;
    if (this.#model.kind !== 'rest') return failure;
    return customisedFailure(this.#model.gatewayResponses, failure, { timedOut, requestId });
  }

  /** API Gateway's own answer of a type; an authorizer's refusal brings its headers and message key. */
  #error(type: GatewayErrorType, requestId: string, detail?: string, refusal?: AuthorizationRefusal): GatewayResponse {
    const error = gatewayError(this.#model.gatewayResponses, type, requestId, detail, refusal);
    if (this.#model.kind !== 'http') return error;
    // HTTP APIs answer their errors with `apigw-requestid` alone; their 401 has no Content-Type either (the
    // developer guide's recorded 401: Date, Content-Length, Connection, www-authenticate, apigw-requestid,
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html).
    const dropped = (name: string) => name.startsWith('x-amzn-') || (type === 'UNAUTHORIZED' && name === 'content-type');
    const headers = Object.fromEntries(Object.entries(error.headers).filter(([name]) => !dropped(name)));
    return { ...error, headers: { ...headers, 'apigw-requestid': requestId } };
  }

  #contextVariable(
    request: GatewayRequest,
    route: RouteMatch,
    requestId: string,
    identity: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const now = new Date();
    return {
      requestId,
      extendedRequestId: requestId,
      apiId: 'local',
      accountId: '123456789012',
      stage: this.#options.stage,
      httpMethod: request.method,
      resourcePath: route.operation.path,
      resourceId: 'local',
      path: `/${this.#options.stage}${route.pathUnderStage ?? request.path}`,
      protocol: 'HTTP/1.1',
      requestTime: apiGatewayTime(now),
      requestTimeEpoch: now.getTime(),
      ...apiDomain(request.headers.host),
      // `apiKey`/`apiKeyId` only for methods that require a key (null otherwise), from `identity`.
      identity: { sourceIp: request.sourceIp, userAgent: request.headers['user-agent'] ?? '', ...identity },
    };
  }

  /** A canary request gets the canary's stage variables over the stage's. */
  #stageVariables(canary = false): Record<string, string> {
    return { ...this.#options.stageVariables, ...(canary ? this.#options.canary?.stageVariableOverrides : {}) };
  }

  /** Whether a request goes to the stage's canary: `percentTraffic` of them do. */
  #isCanaryRequest(): boolean {
    const share = this.#options.canary?.percentTraffic ?? 0;
    return share > 0 && Math.random() * 100 < share;
  }
}

/**
 * The grant with the API key of a method that requires one in `identity` (`apiKey`, and `apiKeyId`:
 * locally a key's id is its name, which is also its value): the header's key, or with the
 * AUTHORIZER key source the authorizer's `usageIdentifierKey`. Methods that require no key have
 * none (`$context.identity.apiKey` is null for them).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */
function withKeyIdentity(grant: AuthorizationGrant | undefined, apiKey: string | undefined): AuthorizationGrant | undefined {
  if (apiKey === undefined) return grant;
  return { ...grant, identity: { ...grant?.identity, apiKey, apiKeyId: apiKey } };
}

/**
 * An HTTP API's request id, in the form AWS gives it (`Mc7UVioPPHcEKPA=` in the `apigw-requestid` header of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html, `LV7fzho-PHcEJPw=` as
 * `requestContext.requestId` in aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json).
 */
function httpApiRequestId(): string {
  return `${randomText(11, 'base64url')}=`;
}

/**
 * Streams' idle timeouts: 5 minutes on Regional and private endpoints, 30 seconds on
 * edge-optimized ones (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html).
 */
const STREAM_IDLE_MS: Record<EndpointType, number> = { EDGE: 30_000, REGIONAL: 300_000, PRIVATE: 300_000 };

/**
 * Request headers an HTTP proxy integration does not pass on, as AWS recorded it (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json,
 * test_apigateway_header_remapping_http[HTTP_PROXY], 8b9a79f); the backend gets its own Host and Content-Length.
 */
const NOT_FORWARDED = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'content-md5',
  'expect',
  'host',
  'keep-alive',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'www-authenticate',
]);
/** The backend's response headers API Gateway answers as `x-amzn-Remapped-<name>`, with its own in their place (the same recording). */
const REMAPPED = new Set(['connection', 'content-length', 'date', 'server']);
/** Hop-by-hop headers (and the backend's Host and Content-Length, which the next hop sets itself). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

function successResponse(operation: OperationModel): ResponseModel | undefined {
  const numeric = operation.responses.filter((response) => /^[1-5]\d\d$/.test(response.status));
  return numeric.find((response) => response.status.startsWith('2')) ?? numeric[0];
}

/**
 * What answers carry an `X-Amzn-Trace-Id` in a REST API: those of Lambda, HTTP and AWS integrations, not
 * MOCK or HTTP_PROXY ones, as AWS recorded (localstack/localstack tests/aws/services/apigateway:
 * test_apigateway_common.snapshot.json test_invocation_trace_id, test_apigateway_integrations.snapshot.json
 * TestApiGatewayHeaderRemapping, 8b9a79f).
 */
const TRACED: ReadonlySet<string> = new Set(['lambda', 'http']);

/**
 * The trace of a request: the client's `X-Amzn-Trace-Id` with its Root and Parent kept (a Parent
 * generated when it has none), or a new one (the same test asserts both).
 */
function traceHeader(incoming: string | undefined): string {
  // Most clients send none: no parsing then.
  const fields =
    incoming === undefined
      ? undefined
      : new Map(
          incoming
            .split(';')
            .map((field) => field.trim().split('=') as [string, string | undefined])
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [key.toLowerCase(), value!]),
        );
  return `Root=${fields?.get('root') ?? traceRoot()};Parent=${fields?.get('parent') ?? randomText(8, 'hex')};Sampled=${fields?.get('sampled') ?? '0'}`;
}

/** Whether a text is base64 (line breaks aside): the alphabet, padded to a multiple of 4. */
function isBase64(text: string): boolean {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

function encodePath(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}
