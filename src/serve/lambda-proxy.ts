import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiModel, OperationModel } from '../model/types.js';
import { groupByFunction } from '../targets/handlers/functions.js';

/**
 * Lambda proxy integrations run locally: the handler module `apigw-gen handlers` generated for
 * the operation's function (built: `dist/functions/<function>/index.js` under the handlers
 * folder) is called with a proxy event shaped as API Gateway sends it (payload 1.0 for REST APIs
 * and HTTP APIs that ask for it, 2.0 otherwise), and its result becomes the answer.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

export interface ProxyRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
  pathParameters: Record<string, string>;
  requestId: string;
  stage: string;
  stageVariables: Record<string, string>;
  /** True when the body is of a binary media type (it goes base64-encoded). */
  binary: boolean;
  /** What the method's authorizer passes on: `requestContext.authorizer`, in the shape of the payload version. */
  authorizer?: Record<string, unknown>;
  /** IAM callers: `requestContext.identity` fields (`accessKey`, `userArn`, `caller`...). */
  identity?: Record<string, unknown>;
}

export interface ProxyResult {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string;
  /** The handler said `isBase64Encoded`: the gateway decides whether the client gets bytes. */
  base64: boolean;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export class LambdaHandlers {
  readonly #folder: string;
  readonly #modules = new Map<string, string>();
  readonly #loaded = new Map<string, Promise<Handler>>();

  constructor(model: ApiModel, folder: string) {
    this.#folder = folder;
    for (const group of groupByFunction(model)) {
      for (const operation of group.proxy) this.#modules.set(operation.pointer, join(folder, 'dist/functions', group.folder, 'index.js'));
    }
  }

  /** The module of an operation's handler, or why there is none to run. */
  moduleOf(operation: OperationModel): { path: string } | { missing: string } {
    const path = this.#modules.get(operation.pointer);
    if (!path) return { missing: 'no handler module for its function' };
    // Once loaded, a module is not looked for again: a check on every request costs more than the request.
    if (!this.#loaded.has(path) && !existsSync(path))
      return { missing: `${path} not found: build the handlers (npm run build in ${this.#folder})` };
    return { path };
  }

  /** The built handlers package. */
  get folder(): string {
    return this.#folder;
  }

  async invoke(operation: OperationModel, modulePath: string, request: ProxyRequest, version: '1.0' | '2.0'): Promise<ProxyResult> {
    const result = await this.call(modulePath, proxyEvent(operation, request, version));
    return version === '1.0' ? resultV1(result) : resultV2(result);
  }

  /** Runs the `handler` a built module exports with an event as it is (Lambda authorizers use this too), and resolves to what it returns. */
  async call(modulePath: string, event: unknown): Promise<unknown> {
    let handler = this.#loaded.get(modulePath);
    if (!handler) this.#loaded.set(modulePath, (handler = loadHandler(modulePath)));
    return (await handler)(event, lambdaContext(modulePath));
  }
}

/** The proxy event of a request, as API Gateway sends it to a Lambda proxy integration; Lambda authorizers get most of it too. */
export function proxyEvent(operation: OperationModel, request: ProxyRequest, version: '1.0' | '2.0'): Record<string, unknown> {
  return version === '1.0' ? eventV1(operation, request) : eventV2(operation, request);
}

async function loadHandler(path: string): Promise<Handler> {
  const module = (await import(pathToFileURL(path).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${path} exports no handler function`);
  return module.handler as Handler;
}

function eventV1(operation: OperationModel, request: ProxyRequest): Record<string, unknown> {
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of request.query) (multiValueQuery[name] ??= []).push(value);
  const query = Object.fromEntries(Object.entries(multiValueQuery).map(([name, values]) => [name, values.at(-1)!]));
  const resource = operation.isDefaultRoute ? '$default' : operation.path;
  return {
    resource,
    path: request.path,
    httpMethod: request.method,
    headers: request.headers,
    multiValueHeaders: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(multiValueQuery).length > 0 ? multiValueQuery : null,
    pathParameters: Object.keys(request.pathParameters).length > 0 ? request.pathParameters : null,
    stageVariables: Object.keys(request.stageVariables).length > 0 ? request.stageVariables : null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      authorizer: request.authorizer ?? null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: {
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? null,
        apiKey: request.headers['x-api-key'] ?? null,
        ...request.identity,
      },
      path: `/${request.stage}${request.path}`,
      stage: request.stage,
      requestId: request.requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: resource,
    },
    ...body(request),
  };
}

function eventV2(operation: OperationModel, request: ProxyRequest): Record<string, unknown> {
  const query: Record<string, string> = {};
  // Payload 2.0 joins repeated query parameters and headers with commas.
  for (const [name, value] of request.query) query[name] = name in query ? `${query[name]},${value}` : value;
  const routeKey = operation.isDefaultRoute ? '$default' : `${operation.method === 'ANY' ? 'ANY' : operation.method} ${operation.path}`;
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'cookie'));
  return {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: request.query.toString(),
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(request.pathParameters).length > 0 ? { pathParameters: request.pathParameters } : {}),
    ...(Object.keys(request.stageVariables).length > 0 ? { stageVariables: request.stageVariables } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      ...(request.authorizer ? { authorizer: request.authorizer } : {}),
      domainName: request.headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey,
      stage: request.stage,
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    ...body(request),
  };
}

function body(request: ProxyRequest): { body: string | null; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { body: null, isBase64Encoded: false };
  return request.binary
    ? { body: request.body.toString('base64'), isBase64Encoded: true }
    : { body: request.body.toString('utf8'), isBase64Encoded: false };
}

function lambdaContext(modulePath: string): Record<string, unknown> {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: modulePath,
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:local',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

interface ResultShape {
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown[]>;
  cookies?: unknown[];
  body?: unknown;
  isBase64Encoded?: unknown;
}

function resultV1(result: unknown): ProxyResult {
  const shape = (result ?? {}) as ResultShape;
  if (typeof shape.statusCode !== 'number') throw new Error('the handler returned no statusCode (payload 1.0 needs one)');
  const headers = stringHeaders(shape.headers);
  for (const [name, values] of Object.entries(shape.multiValueHeaders ?? {})) headers[name.toLowerCase()] = values.map(String).join(',');
  return {
    statusCode: shape.statusCode,
    headers,
    body: typeof shape.body === 'string' ? shape.body : '',
    base64: shape.isBase64Encoded === true,
  };
}

/** Payload 2.0 also takes a bare value: it becomes a 200 JSON answer. */
function resultV2(result: unknown): ProxyResult {
  const shape = result as ResultShape | undefined;
  if (typeof shape !== 'object' || shape === null || typeof shape.statusCode !== 'number') {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result ?? null), base64: false };
  }
  const headers: Record<string, string | string[]> = stringHeaders(shape.headers);
  if (Array.isArray(shape.cookies) && shape.cookies.length > 0) headers['set-cookie'] = shape.cookies.map(String);
  return {
    statusCode: shape.statusCode,
    headers,
    body: typeof shape.body === 'string' ? shape.body : '',
    base64: shape.isBase64Encoded === true,
  };
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
}
