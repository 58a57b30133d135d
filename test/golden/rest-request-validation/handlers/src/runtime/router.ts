/**
 * The router of a generated Lambda function: finds the operation of a proxy event by its route
 * (`resource` and `httpMethod` in payload 1.0, `routeKey` in payload 2.0), reads the request
 * as the operation declares it, calls the implementation and writes its answer. Requests the
 * operation's request validator refuses (with API Gateway's messages) and bad parameters are
 * answered 400, unimplemented operations 501, and an implementation that throws 500, with the
 * error logged and never sent. With response validation on (tests, development), an answer
 * whose body does not match its declared schema is a 500 that says where, logged too. This file is copied verbatim into every handlers package.
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
  StreamifyHandler,
} from 'aws-lambda';
import { Writable } from 'node:stream';
import type { OperationInfo } from './middleware.js';
import { isPayloadV2, isProblem, readRequest, type ProxyEvent, type RequestParts } from './request.js';
import { declaredStatus, isOperationResult, toResultV1, toResultV2, type OperationResult } from './result.js';
import type { RouteSpec } from './route-spec.js';
import { checkBody, checkRequest, type ValidationInput } from './validation.js';

/** An implementation as the router sees it; its generated type is narrower. */
export type Implementation = (request: never, operation: never) => unknown;

export interface Route extends RouteSpec {
  implementation: Implementation;
}

/** What an implementation receives: the request parts converted to their declared types, the event and the Lambda context. */
export interface OperationRequest extends RequestParts {
  event: ProxyEvent;
  context: Context;
}

/** Thrown by `notImplemented()`: the router answers 501. */
export class NotImplementedError extends Error {
  constructor() {
    super('Not implemented');
    this.name = 'NotImplementedError';
  }
}

/** What a fresh stub does until it is implemented: the router answers 501 Not Implemented. */
export function notImplemented(): never {
  throw new NotImplementedError();
}

/** The handler of a function whose routes all use payload 1.0 (REST APIs). */
export function restHandler(routes: readonly Route[]): (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult> {
  const table = routeTable(routes);
  return async (event, context) => toResultV1(...(await answer(table, event, context)));
}

/** The handler of a function whose routes all use payload 2.0 (HTTP APIs). */
export function httpHandler(
  routes: readonly Route[],
): (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2> {
  const table = routeTable(routes);
  return async (event, context) => toResultV2(...(await answer(table, event, context)));
}

/** The handler of a function with routes of both payload versions: each event is answered in its own. */
export function proxyHandler(
  routes: readonly Route[],
): (event: ProxyEvent, context: Context) => Promise<APIGatewayProxyResult | APIGatewayProxyStructuredResultV2> {
  const table = routeTable(routes);
  return async (event, context) => (isPayloadV2(event) ? toResultV2 : toResultV1)(...(await answer(table, event, context)));
}

/** What API Gateway reads between a streaming function's metadata and its payload. */
const STREAM_DELIMITER = new Uint8Array(8);

/**
 * The handler of a REST API function that API Gateway invokes for response streaming
 * (`…/response-streaming-invocations`, `responseTransferMode: STREAM`): the router's answer
 * written in the format API Gateway reads from such a function, the metadata as JSON (status
 * code, headers, cookies), 8 NUL bytes, then the body. It is `awslambda.streamifyResponse`'s, as
 * the Node.js runtime requires; where that global is missing (tests outside Lambda) the bare
 * `(event, responseStream, context)` function.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 */
export function streamingRestHandler(routes: readonly Route[]): StreamifyHandler<APIGatewayProxyEvent, void> {
  const table = routeTable(routes);
  const streamed: StreamifyHandler<APIGatewayProxyEvent, void> = async (event, responseStream, context) => {
    const { body, isBase64Encoded, ...metadata } = toResultV1(...(await answer(table, event, context)));
    responseStream.write(JSON.stringify(metadata));
    responseStream.write(STREAM_DELIMITER);
    await new Promise<void>((resolve) => responseStream.end(isBase64Encoded ? Buffer.from(body, 'base64') : body, resolve));
  };
  return typeof awslambda === 'undefined' ? streamed : awslambda.streamifyResponse(streamed);
}

/**
 * Runs a streaming handler outside Lambda (a test, say) and reads what it wrote as API Gateway
 * does: the metadata before the delimiter, the body after it.
 */
export async function readStreamedAnswer(
  handler: StreamifyHandler<APIGatewayProxyEvent, void>,
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise((resolve, reject) => sink.on('finish', resolve).on('error', reject));
  await handler(event, Object.assign(sink, { setContentType: () => undefined }), context);
  await finished;
  const output = Buffer.concat(chunks);
  const at = output.indexOf(STREAM_DELIMITER);
  const metadata = JSON.parse(output.subarray(0, at).toString('utf8')) as Omit<APIGatewayProxyResult, 'body'>;
  return { ...metadata, body: output.subarray(at + STREAM_DELIMITER.length).toString('utf8') };
}

/**
 * The handler of a function that non-proxy integrations invoke: the event is whatever their
 * mapping templates make, passed on as it is. Errors are not caught: integration responses
 * select on their message. Proxy events, when the function has routes too, go to the router.
 */
export function nonProxyHandler(
  implementation: (event: never, context: Context) => unknown,
  routes: readonly Route[] = [],
): (event: unknown, context: Context) => Promise<unknown> {
  const proxy = proxyHandler(routes);
  return async (event, context) =>
    routes.length > 0 && isProxyEvent(event)
      ? proxy(event, context)
      : await (implementation as (event: unknown, context: Context) => unknown)(event, context);
}

function isProxyEvent(event: unknown): event is ProxyEvent {
  if (typeof event !== 'object' || event === null) return false;
  const { requestContext, httpMethod, routeKey } = event as Record<string, unknown>;
  return typeof requestContext === 'object' && requestContext !== null && (typeof httpMethod === 'string' || typeof routeKey === 'string');
}

function routeTable(routes: readonly Route[]): Map<string, Route> {
  return new Map(routes.map((route) => [route.route, route]));
}

/**
 * The route of an event. Payload 1.0 names the resource and method (`ANY` routes match every
 * method); HTTP APIs also give the route key. A `$default` route takes what no other route does.
 */
function findRoute(table: Map<string, Route>, event: ProxyEvent): Route | undefined {
  const keys = isPayloadV2(event)
    ? [event.routeKey]
    : [event.requestContext.routeKey, `${event.httpMethod} ${event.resource}`, `ANY ${event.resource}`];
  for (const key of [...keys, '$default']) {
    const route = key === undefined ? undefined : table.get(key);
    if (route) return route;
  }
  return undefined;
}

type Answer = [OperationResult, { route?: RouteSpec; cors?: RouteSpec['cors']; origin?: string }];

async function answer(table: Map<string, Route>, event: ProxyEvent, context: Context): Promise<Answer> {
  const origin = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  const route = findRoute(table, event);
  if (!route) {
    const name = isPayloadV2(event) ? event.routeKey : `${event.httpMethod} ${event.resource}`;
    return [message(404, `No operation of this function serves ${name}.`), { origin }];
  }
  // Answers of the router itself are JSON, whatever the operation declares for their status.
  const own = { cors: route.cors, origin };
  const invalid = route.validation && checkRequest(route.validation, validationInput(event));
  if (invalid) return [message(400, invalid.message), own];
  const parts = readRequest(event, route);
  if (isProblem(parts)) return [{ statusCode: parts.status, body: { message: parts.message, errors: parts.errors } }, own];
  try {
    // The operation goes along for interceptors (see middleware.ts); plain implementations ignore it.
    const operation: OperationInfo = { operationId: route.operationId, route: route.route, ...(route.cors ? { cors: route.cors } : {}) };
    const result = await (route.implementation as (request: OperationRequest, operation: OperationInfo) => unknown)(
      { ...parts, event, context },
      operation,
    );
    if (isOperationResult(result)) {
      const mismatch = route.responseSchemas && checkResponse(route, result);
      if (!mismatch) return [result, { route, cors: route.cors, origin }];
      // eslint-disable-next-line no-console -- the log line a developer looks for when a test gets this 500.
      console.error(`Response validation (request ${context?.awsRequestId ?? 'unknown'}): ${mismatch}`);
      return [message(500, `Response validation: ${mismatch}`), own];
    }
    logError(route, context, new TypeError('the implementation returned something other than { statusCode, body?, headers?, cookies? }'));
  } catch (error) {
    if (error instanceof NotImplementedError) return [message(501, `${route.operationId} is not implemented yet.`), own];
    logError(route, context, error);
  }
  return [message(500, 'Internal server error.'), own];
}

/** Why an answer does not match the schema declared for its status, or undefined (also when no schema is declared for it). */
function checkResponse(route: Route, result: OperationResult): string | undefined {
  const status = declaredStatus(route, result.statusCode);
  const check = status === undefined ? undefined : route.responseSchemas?.[status];
  const problem = check && checkBody(check, result.body);
  return (
    problem &&
    `${route.operationId} answered ${result.statusCode} with a body that does not match the schema of its ${status} response, ${problem}.`
  );
}

/** The request as API Gateway's validator reads it: headers by lower-case name, query names, the body as text. */
function validationInput(event: ProxyEvent): ValidationInput {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const query = event.queryStringParameters ?? {};
  const multi = isPayloadV2(event) ? {} : (event.multiValueQueryStringParameters ?? {});
  const body = event.body ?? '';
  return {
    headers,
    hasQuery: (name) => Object.hasOwn(query, name) || Object.hasOwn(multi, name),
    body: event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
  };
}

function message(statusCode: number, text: string): OperationResult {
  return { statusCode, body: { message: text } };
}

function logError(route: RouteSpec, context: Context | undefined, error: unknown): void {
  // eslint-disable-next-line no-console -- Lambda sends console output to CloudWatch Logs, where the error belongs (never to the caller).
  console.error(`Unhandled error in ${route.operationId} (request ${context?.awsRequestId ?? 'unknown'}):`, error);
}
