import type { OperationModel } from '../model/types.js';

/**
 * The proxy events API Gateway sends Lambda functions: payload 1.0 (REST APIs, and HTTP APIs that
 * ask for it) and 2.0.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
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

/** The proxy event of a request, as API Gateway sends it to a Lambda proxy integration; Lambda authorizers get most of it too. */
export function proxyEvent(operation: OperationModel, request: ProxyRequest, version: '1.0' | '2.0'): Record<string, unknown> {
  return version === '1.0' ? eventV1(operation, request) : eventV2(operation, request);
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
