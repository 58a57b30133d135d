/**
 * Interceptors: an ordered chain around an operation's implementation, each seeing the typed
 * request (its `event` and Lambda `context` included) and the operation it serves, and able to
 * change the request, the answer, or answer itself. This file is copied verbatim into every
 * handlers package.
 */
import type { Context } from 'aws-lambda';
import { isPayloadV2, type ProxyEvent } from './request.js';
import { corsHeaders, type OperationResult } from './result.js';
import type { CorsSpec } from './route-spec.js';

/** What every operation's request has: the proxy event and the Lambda context. */
export interface InterceptedRequest {
  event: ProxyEvent;
  context: Context;
}

/** The operation an interceptor serves, as the router gives it. */
export interface OperationInfo {
  operationId: string;
  /** `GET /books/{bookId}`, or `$default`. */
  route: string;
  /** The CORS headers the document declares for the operation. */
  cors?: CorsSpec;
}

/** What an interceptor receives: the request, the operation, and `next`, which runs the rest of the chain. */
export interface InterceptorInput<Request extends InterceptedRequest, Response extends OperationResult> {
  request: Request;
  operation: OperationInfo;
  /** Runs the next interceptor (the implementation after the last one), with this request or a replacement. */
  next: (request?: Request) => Promise<Response>;
}

/** One link of the chain: answers from `next()`, or on its own. */
export type Interceptor<Request extends InterceptedRequest, Response extends OperationResult> = (
  input: InterceptorInput<Request, Response>,
) => Promise<Response>;

/** The interceptors of an operation, from its handler type: `InterceptorOf<GetBookHandler>`. */
export type InterceptorOf<Handler extends (request: never) => unknown> = Interceptor<
  Extract<Parameters<Handler>[0], InterceptedRequest>,
  Extract<Awaited<ReturnType<Handler>>, OperationResult>
>;

/**
 * An implementation wrapped in interceptors, the first one outermost: it sees the request first
 * and the answer last. The result has the implementation's own type, so it is exported as the
 * stub was. The router passes the operation; called directly (in a test), the operation is named
 * from the event's route.
 * @example
 * ```ts
 * export const getBook: GetBookHandler = withInterceptors(
 *   async ({ path }) => GetBookResponses.ok(await books.get(path.bookId)),
 *   mapErrors(), injectLogger(logger), captureOperation(tracer), logMetrics(metrics),
 * );
 * ```
 */
export function withInterceptors<Request extends InterceptedRequest, Response extends OperationResult>(
  implementation: (request: Request) => Response | Promise<Response>,
  ...interceptors: readonly Interceptor<Request, Response>[]
): (request: Request) => Promise<Response> {
  return async (request: Request, operation?: OperationInfo) => {
    const info = operation ?? { operationId: 'unknown', route: routeOf(request.event) };
    const run = async (index: number, current: Request): Promise<Response> => {
      const interceptor = interceptors[index];
      if (interceptor === undefined) return implementation(current);
      return interceptor({ request: current, operation: info, next: (replacement) => run(index + 1, replacement ?? current) });
    };
    return run(0, request);
  };
}

function routeOf(event: ProxyEvent): string {
  return isPayloadV2(event) ? event.routeKey : `${event.httpMethod} ${event.resource}`;
}

/**
 * Thrown with one of the operation's declared answers (`throw new ResponseError(GetBookResponses.notFound({ … }))`):
 * `mapErrors()` answers with it.
 */
export class ResponseError<Response extends OperationResult = OperationResult> extends Error {
  readonly response: Response;
  constructor(response: Response, message = `Answered ${response.statusCode}`) {
    super(message);
    this.name = 'ResponseError';
    this.response = response;
  }
}

/**
 * Maps thrown errors to answers: a `ResponseError` to its response, others through `map` when it
 * returns an answer; anything else is logged and answered 500 `{ message: 'Internal server error.' }`,
 * without its message or stack.
 */
export function mapErrors<Request extends InterceptedRequest, Response extends OperationResult>(
  map?: (error: unknown) => Response | undefined,
): Interceptor<Request, Response> {
  return async ({ request, operation, next }) => {
    try {
      return await next();
    } catch (error) {
      if (error instanceof ResponseError) return error.response as Response;
      const mapped = map?.(error);
      if (mapped !== undefined) return mapped;
      // eslint-disable-next-line no-console -- Lambda sends console output to CloudWatch Logs, where the error belongs (never to the caller).
      console.error(`Unhandled error in ${operation.operationId} (request ${request.context.awsRequestId}):`, error);
      return { statusCode: 500, body: { message: 'Internal server error.' } } as Response;
    }
  };
}

/**
 * Adds CORS headers to every answer of the operation: those given, else those the document
 * declares (which the router adds anyway: give `spec` to answer other origins). Headers the
 * implementation set are kept.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
 */
export function cors<Request extends InterceptedRequest, Response extends OperationResult>(
  spec?: CorsSpec,
): Interceptor<Request, Response> {
  return async ({ request, operation, next }) => {
    const response = await next();
    const origin = Object.entries(request.event.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
    const added = corsHeaders(spec ?? operation.cors, origin);
    const own = new Set(Object.keys(response.headers ?? {}).map((name) => name.toLowerCase()));
    const headers = { ...response.headers };
    for (const [name, value] of Object.entries(added)) if (!own.has(name.toLowerCase())) headers[name] = value;
    return { ...response, headers };
  };
}

/** The part of Powertools' `Logger` (`@aws-lambda-powertools/logger`) that `injectLogger` uses. */
export interface LoggerLike {
  addContext(context: Context): void;
  appendKeys(attributes: Record<string, string>): void;
  removeKeys(keys: string[]): void;
}

/**
 * Adds the Lambda context and, as keys, the operation and API Gateway's request id to every log
 * line written while the operation runs. With `{ lambdaContext: false }`, only the keys: for a
 * handler that Powertools' own `injectLambdaContext(logger)` (Middy) wraps, which adds the context
 * already; adding it twice would log a cold start as warm (the logger reports `cold_start` true to
 * its first `addContext` only).
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/core/logger/
 */
export function injectLogger<Request extends InterceptedRequest, Response extends OperationResult>(
  logger: LoggerLike,
  options: { lambdaContext?: boolean } = {},
): Interceptor<Request, Response> {
  return async ({ request, operation, next }) => {
    if (options.lambdaContext !== false) logger.addContext(request.context);
    logger.appendKeys({ operation: operation.operationId, apiRequestId: request.event.requestContext.requestId });
    try {
      return await next();
    } finally {
      logger.removeKeys(['operation', 'apiRequestId']);
    }
  };
}

/** An X-Ray segment or subsegment, as Powertools' `Tracer` gives them. */
export interface SegmentLike {
  addNewSubsegment(name: string): SegmentLike;
  close(): void;
}

/** The part of Powertools' `Tracer` (`@aws-lambda-powertools/tracer`) that `captureOperation` uses. */
export interface TracerLike {
  isTracingEnabled(): boolean;
  getSegment(): SegmentLike | undefined;
  setSegment(segment: SegmentLike): void;
  putAnnotation(key: string, value: string | number | boolean): void;
  addErrorAsMetadata(error: Error): void;
}

/**
 * Runs the operation in an X-Ray subsegment `## <operationId>`, annotated with the operation and
 * the status it answers (errors added as metadata). Does nothing when tracing is off (outside
 * Lambda, or `POWERTOOLS_TRACE_ENABLED=false`).
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/core/tracer/
 */
export function captureOperation<Request extends InterceptedRequest, Response extends OperationResult>(
  tracer: TracerLike,
): Interceptor<Request, Response> {
  return async ({ operation, next }) => {
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    if (parent === undefined) return next();
    const segment = parent.addNewSubsegment(`## ${operation.operationId}`);
    tracer.setSegment(segment);
    tracer.putAnnotation('operation', operation.operationId);
    try {
      const response = await next();
      tracer.putAnnotation('status', response.statusCode);
      return response;
    } catch (error) {
      if (error instanceof Error) tracer.addErrorAsMetadata(error);
      throw error;
    } finally {
      segment.close();
      tracer.setSegment(parent);
    }
  };
}

/** A metric published on its own (Powertools' `singleMetric()`). */
export interface SingleMetricLike {
  addDimensions(dimensions: Record<string, string>): unknown;
  addMetric(name: string, unit: 'Count', value: number): unknown;
}

/** The part of Powertools' `Metrics` (`@aws-lambda-powertools/metrics`) that `logMetrics` uses. */
export interface MetricsLike {
  singleMetric(): SingleMetricLike;
  hasStoredMetrics(): boolean;
  publishStoredMetrics(): unknown;
}

/**
 * Counts each answer as the metric `response` with the dimensions `operation` and `status` (a
 * thrown `ResponseError` by its status, other errors as 500), and flushes the metrics the implementation added, once it has answered (or thrown).
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/core/metrics/
 */
export function logMetrics<Request extends InterceptedRequest, Response extends OperationResult>(
  metrics: MetricsLike,
): Interceptor<Request, Response> {
  return async ({ operation, next }) => {
    let status = 500;
    try {
      const response = await next();
      status = response.statusCode;
      return response;
    } catch (error) {
      // Counted as what `mapErrors()` will answer, wherever it is in the chain.
      if (error instanceof ResponseError) status = (error as ResponseError).response.statusCode;
      throw error;
    } finally {
      const single = metrics.singleMetric();
      single.addDimensions({ operation: operation.operationId, status: String(status) });
      single.addMetric('response', 'Count', 1);
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
