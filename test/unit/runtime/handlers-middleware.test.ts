import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureOperation,
  cors,
  injectLogger,
  logMetrics,
  mapErrors,
  ResponseError,
  withInterceptors,
  type InterceptedRequest,
  type Interceptor,
  type SegmentLike,
  type TracerLike,
} from '../../../src/runtime/handlers/middleware.js';
import type { OperationResult } from '../../../src/runtime/handlers/result.js';
import { restHandler, type Route } from '../../../src/runtime/handlers/router.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { repoRoot } from '../../support/paths.js';

// The REST API sample event (payload 1.0) of fixtures/events, after
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures/events/rest-api/get-book.json'), 'utf8')) as APIGatewayProxyEvent;
const context = lambdaContext('c6af9ac6-7b61-11e6-9a41-93e812345678');
const request: InterceptedRequest = { event: sample, context };

type Handler = (request: InterceptedRequest) => Promise<OperationResult>;

/** The sample's route, served by `implementation`. */
function router(implementation: Handler, extra: Partial<Route> = {}) {
  return restHandler([{ operationId: 'getBook', route: 'GET /books/{bookId}', responses: {}, implementation, ...extra }]);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('withInterceptors', () => {
  it('runs interceptors in order, the first outermost, around the implementation', async () => {
    const calls: string[] = [];
    const named =
      (name: string): Interceptor<InterceptedRequest, OperationResult> =>
      async ({ next }) => {
        calls.push(`${name}>`);
        const response = await next();
        calls.push(`<${name}`);
        return response;
      };
    const handler = withInterceptors(
      () => {
        calls.push('implementation');
        return { statusCode: 200 };
      },
      named('first'),
      named('second'),
    );
    await handler(request);
    expect(calls, `order`).toStrictEqual(['first>', 'second>', 'implementation', '<second', '<first']);
  });

  it('lets an interceptor answer on its own or pass a replaced request on', async () => {
    const implementation = vi.fn(({ event }: InterceptedRequest) => ({
      statusCode: 200,
      body: (event as APIGatewayProxyEvent).httpMethod,
    }));
    const shortCut = withInterceptors(implementation, () => Promise.resolve({ statusCode: 403, body: 'no' }));
    expect(await shortCut(request), `short cut`).toStrictEqual({ statusCode: 403, body: 'no' });
    expect(implementation, `not called`).not.toHaveBeenCalled();
    const replacing = withInterceptors(implementation, async ({ request: current, next }) =>
      next({ ...current, event: { ...(current.event as APIGatewayProxyEvent), httpMethod: 'HEAD' } }),
    );
    expect(await replacing(request), `replaced`).toStrictEqual({ statusCode: 200, body: 'HEAD' });
  });

  it('gives interceptors the operation the router serves, or the event’s route when called directly', async () => {
    const seen: unknown[] = [];
    const handler = withInterceptors(
      () => ({ statusCode: 204 }),
      async ({ operation, next }) => {
        seen.push(operation);
        return next();
      },
    );
    const cors = { allowOrigins: ['https://shop.example.org'] };
    await router(handler, { cors })(sample, context);
    await handler(request);
    expect(seen, `operations`).toStrictEqual([
      { operationId: 'getBook', route: 'GET /books/{bookId}', cors },
      { operationId: 'unknown', route: 'GET /books/{bookId}' },
    ]);
  });
});

describe('mapErrors', () => {
  it('answers a ResponseError with its response and other errors through the given map', async () => {
    const thrown = withInterceptors<InterceptedRequest, OperationResult>(() => {
      throw new ResponseError({ statusCode: 404, body: { message: 'no such book' } });
    }, mapErrors());
    expect(await thrown(request), `response error`).toStrictEqual({ statusCode: 404, body: { message: 'no such book' } });
    const mapped = withInterceptors<InterceptedRequest, OperationResult>(
      () => {
        throw new RangeError('limit');
      },
      mapErrors<InterceptedRequest, OperationResult>((error) =>
        error instanceof RangeError ? { statusCode: 400, body: { message: error.message } } : undefined,
      ),
    );
    expect(await mapped(request), `mapped`).toStrictEqual({ statusCode: 400, body: { message: 'limit' } });
  });

  it('answers an unknown error 500 without its message or stack, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const secret = new Error('password=hunter2');
    const handler = withInterceptors<InterceptedRequest, OperationResult>(() => {
      throw secret;
    }, mapErrors());
    const result = await router(handler)(sample, context);
    expect(result, `answer`).toStrictEqual({
      statusCode: 500,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Internal server error.' }),
      isBase64Encoded: false,
    });
    expect(log, `logged`).toHaveBeenCalledWith(`Unhandled error in getBook (request ${context.awsRequestId}):`, secret);
  });
});

describe('cors', () => {
  it('adds the given CORS headers, echoing an allowed origin, and keeps those the implementation set', async () => {
    // How API Gateway's CORS headers look: https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
    const handler = withInterceptors(
      () => ({ statusCode: 200, headers: { 'Access-Control-Expose-Headers': 'X-Own' } }),
      cors({ allowOrigins: ['https://admin.example.org', 'https://shop.example.org'], allowCredentials: true, exposeHeaders: ['X-Total'] }),
    );
    expect(await handler(request), `headers`).toStrictEqual({
      statusCode: 200,
      headers: {
        'Access-Control-Expose-Headers': 'X-Own',
        'Access-Control-Allow-Origin': 'https://shop.example.org',
        Vary: 'Origin',
        'Access-Control-Allow-Credentials': 'true',
      },
    });
  });

  it('uses the operation’s declared CORS without a spec of its own', async () => {
    const handler = withInterceptors(() => ({ statusCode: 204 }), cors());
    const result = await router(handler, { cors: { allowOrigins: ['*'] } })(sample, context);
    expect(result.headers, `headers`).toStrictEqual({ 'Access-Control-Allow-Origin': '*' });
  });
});

describe('Powertools interceptors with recording fakes', () => {
  it('captureOperation opens a subsegment per operation, annotates it, closes it and restores the parent', async () => {
    const events: string[] = [];
    const segment = (name: string): SegmentLike => ({
      addNewSubsegment: (child) => {
        events.push(`open ${child} under ${name}`);
        return segment(child);
      },
      close: () => events.push(`close ${name}`),
    });
    let current: SegmentLike = segment('facade');
    const tracer: TracerLike = {
      isTracingEnabled: () => true,
      getSegment: () => current,
      setSegment: (next) => {
        current = next;
      },
      putAnnotation: (key, value) => events.push(`annotate ${key}=${String(value)}`),
      addErrorAsMetadata: (error) => events.push(`error ${error.message}`),
    };
    const parent = current;
    await router(withInterceptors(() => ({ statusCode: 200 }), captureOperation(tracer)))(sample, context);
    expect(events, `events`).toStrictEqual([
      'open ## getBook under facade',
      'annotate operation=getBook',
      'annotate status=200',
      'close ## getBook',
    ]);
    expect(current, `parent restored`).toBe(parent);
  });

  it('captureOperation does nothing when tracing is off', async () => {
    const getSegment = vi.fn(() => undefined);
    const tracer: TracerLike = {
      isTracingEnabled: () => false,
      getSegment,
      setSegment: () => undefined,
      putAnnotation: () => undefined,
      addErrorAsMetadata: () => undefined,
    };
    expect(await withInterceptors(() => ({ statusCode: 200 }), captureOperation(tracer))(request), `answer`).toStrictEqual({
      statusCode: 200,
    });
    expect(getSegment, `segment`).not.toHaveBeenCalled();
  });

  it('injectLogger appends the operation and request id for the call only; logMetrics counts the status even when the implementation throws', async () => {
    const keys: string[] = [];
    const logger = {
      addContext: vi.fn(),
      appendKeys: (attributes: Record<string, string>) => keys.push(JSON.stringify(attributes)),
      removeKeys: (names: string[]) => keys.push(`-${names.join(',')}`),
    };
    const dimensions: Record<string, string>[] = [];
    const metrics = {
      singleMetric: () => ({ addDimensions: (added: Record<string, string>) => dimensions.push(added), addMetric: vi.fn() }),
      hasStoredMetrics: () => false,
      publishStoredMetrics: vi.fn(),
    };
    const failing = withInterceptors<InterceptedRequest, OperationResult>(
      () => {
        throw new Error('down');
      },
      injectLogger(logger),
      logMetrics(metrics),
    );
    await expect(failing(request), `thrown`).rejects.toThrow('down');
    expect(logger.addContext, `context`).toHaveBeenCalledWith(context);
    expect(keys, `keys`).toStrictEqual([
      JSON.stringify({ operation: 'unknown', apiRequestId: '77375676-xmpl-4b79-853a-f982474efe18' }),
      '-operation,apiRequestId',
    ]);
    expect(dimensions, `dimensions`).toStrictEqual([{ operation: 'unknown', status: '500' }]);
    expect(metrics.publishStoredMetrics, `nothing stored`).not.toHaveBeenCalled();
  });
});
