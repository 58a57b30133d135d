import type { OperationModel } from '../model/types.js';
import type { GatewayRequest } from './gateway-messages.js';
import { randomText, traceRoot } from './random-ids.js';
import { UNREAD_REQUEST_HEADERS } from './reserved-headers.js';

/**
 * The proxy events API Gateway sends Lambda functions: payload 1.0 (REST APIs, and HTTP APIs that
 * ask for it) and 2.0, compared with AWS's published samples (the developer guide's, and
 * aws-powertools/powertools-lambda-python tests/events/apiGatewayProxyEvent.json and
 * apiGatewayProxyV2Event.json). REST APIs keep the client's header casing and repeated headers
 * apart (`headers` has the last value); HTTP APIs lower-case names and join repeats with commas.
 * API Gateway adds `X-Forwarded-For` (the client's list, then the caller's address),
 * `X-Forwarded-Port`, `X-Forwarded-Proto` and `X-Amzn-Trace-Id`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

/** The request as Lambda events describe it: the gateway's request, under the resource's path, with what routing and the stage add. */
export interface ProxyRequest extends Pick<
  GatewayRequest,
  'method' | 'path' | 'query' | 'rawQuery' | 'headers' | 'body' | 'sourceIp' | 'rawHeaders' | 'localPort'
> {
  pathParameters: Record<string, string>;
  /** The path under the stage as sent, when it differs from `path` (which has slashes before it as one): `requestContext.path` keeps it. */
  rawPath?: string;
  requestId: string;
  stage: string;
  stageVariables: Record<string, string>;
  /** True when the body is of a binary media type (it goes base64-encoded). */
  binary: boolean;
  /** An HTTP API's request (payload 1.0 differs from REST APIs' in a few fields). */
  httpApi?: true;
  /** What the method's authorizer passes on: `requestContext.authorizer`, in the shape of the payload version. */
  authorizer?: Record<string, unknown>;
  /** IAM callers: `requestContext.identity` fields (`accessKey`, `userArn`, `caller`...). */
  identity?: Record<string, unknown>;
}

/** The proxy event of a request, as API Gateway sends it to a Lambda proxy integration; Lambda authorizers get most of it too. */
export function proxyEvent(operation: OperationModel, request: ProxyRequest, version: '1.0' | '2.0'): Record<string, unknown> {
  return version === '1.0' ? eventV1(operation, request) : eventV2(operation, request);
}

/** What REST and HTTP API events share: API Gateway's ids, times and domain, and the headers it adds. */
interface EventBasics {
  headers: [name: string, value: string][];
  sourceIp: string;
  domainName: string;
  domainPrefix: string;
  extendedRequestId: string;
  /** `09/Apr/2015:12:34:56 +0000`, as `$context.requestTime`. */
  time: string;
  timeEpoch: number;
}

/**
 * Payload 1.0 as AWS recorded it for a REST API (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration,
 * at 8b9a79f05846835cf4dff63ab7eefdde9df83783): `Connection` and `Content-Length` are not passed
 * on, `authorization` and `user-agent` arrive as `Authorization` and `User-Agent`, and
 * `requestContext` has a `deploymentId`, no `authorizer` without an authorizer and no `apiKey` in
 * `identity` for a method that requires no key.
 * HTTP APIs that ask for payload 1.0 send it as the developer guide's sample has it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format):
 * a `version`, header names in lower case, `requestContext.path` without the `$default` stage,
 * `resourceId` null and no `deploymentId`.
 */
function eventV1(operation: OperationModel, request: ProxyRequest): Record<string, unknown> {
  const httpApi = request.httpApi === true;
  const basics = eventBasics(request, httpApi);
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of request.query) (multiValueQuery[name] ??= []).push(value);
  const query = Object.fromEntries(Object.entries(multiValueQuery).map(([name, values]) => [name, values.at(-1)!]));
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of basics.headers) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const resource = operation.isDefaultRoute ? '$default' : operation.path;
  const identity: Record<string, unknown> = {
    cognitoIdentityPoolId: null,
    accountId: null,
    cognitoIdentityId: null,
    caller: null,
    sourceIp: basics.sourceIp,
    principalOrgId: null,
    accessKey: null,
    cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null,
    userArn: null,
    userAgent: request.headers['user-agent'] ?? null,
    user: null,
  };
  // The method's API key, when it requires one (`identity` has it then), and an IAM caller's fields.
  if (request.identity) Object.assign(identity, request.identity);
  const requestContext: Record<string, unknown> = {
    accountId: '123456789012',
    apiId: 'local',
    ...(httpApi ? {} : { deploymentId: 'local' }),
    domainName: basics.domainName,
    domainPrefix: basics.domainPrefix,
    extendedRequestId: basics.extendedRequestId,
    protocol: 'HTTP/1.1',
    httpMethod: request.method,
    identity,
    path: httpApi ? `${stagePrefix(request)}${request.rawPath ?? request.path}` : `/${request.stage}${request.rawPath ?? request.path}`,
    stage: request.stage,
    requestId: request.requestId,
    requestTime: basics.time,
    requestTimeEpoch: basics.timeEpoch,
    resourceId: httpApi ? null : 'local',
    resourcePath: resource,
  };
  if (request.authorizer) requestContext.authorizer = request.authorizer;
  return {
    ...(httpApi ? { version: '1.0' } : {}),
    resource,
    path: httpApi ? `${stagePrefix(request)}${request.path}` : request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(multiValueQuery).length > 0 ? multiValueQuery : null,
    pathParameters: Object.keys(request.pathParameters).length > 0 ? request.pathParameters : null,
    stageVariables: Object.keys(request.stageVariables).length > 0 ? request.stageVariables : null,
    requestContext,
    body: request.body.length === 0 ? null : bodyText(request),
    isBase64Encoded: request.body.length > 0 && request.binary,
  };
}

function eventV2(operation: OperationModel, request: ProxyRequest): Record<string, unknown> {
  const basics = eventBasics(request, true);
  const query: Record<string, string> = {};
  // Payload 2.0 joins repeated query parameters and headers with commas.
  for (const [name, value] of request.query) query[name] = name in query ? `${query[name]},${value}` : value;
  const routeKey = operation.isDefaultRoute ? '$default' : `${operation.method === 'ANY' ? 'ANY' : operation.method} ${operation.path}`;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of basics.headers) {
    if (name === 'cookie') cookies.push(...value.split(/;\s*/).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return {
    version: '2.0',
    routeKey,
    rawPath: `${stagePrefix(request)}${request.path}`,
    // As sent (AWS's samples: "parameter1=value1&parameter1=value2&parameter2=value").
    rawQueryString: request.rawQuery ?? request.query.toString(),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(request.pathParameters).length > 0 ? { pathParameters: request.pathParameters } : {}),
    ...(Object.keys(request.stageVariables).length > 0 ? { stageVariables: request.stageVariables } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      ...(request.authorizer ? { authorizer: request.authorizer } : {}),
      domainName: basics.domainName,
      domainPrefix: basics.domainPrefix,
      http: {
        method: request.method,
        path: `${stagePrefix(request)}${request.path}`,
        protocol: 'HTTP/1.1',
        sourceIp: basics.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey,
      stage: request.stage,
      time: basics.time,
      timeEpoch: basics.timeEpoch,
    },
    // An empty body is no `body` key at all in payload 2.0.
    ...(request.body.length === 0 ? {} : { body: bodyText(request) }),
    isBase64Encoded: request.body.length > 0 && request.binary,
  };
}

/**
 * An HTTP API stage other than `$default` is in the URL, and HTTP APIs leave it in the event's paths (`rawPath`,
 * `requestContext.http.path`; payload 1.0's `path` and `requestContext.path`), the route key aside: `"routeKey": "ANY
 * /agents/{proxy+}", "rawPath": "/dev/agents/1234"` (a deployed API's event in logandk/serverless-wsgi#191; also
 * aws-powertools/powertools-lambda-python#621). REST APIs' events have the resource path.
 */
function stagePrefix(request: ProxyRequest): string {
  return request.httpApi && request.stage !== '$default' ? `/${request.stage}` : '';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Headers REST APIs pass on with these names whatever the client's casing, as AWS recorded it. */
const RENAMED_HEADERS: Record<string, string> = { authorization: 'Authorization', 'user-agent': 'User-Agent' };
/** Headers API Gateway sets itself (lower case): the client's values are replaced (`X-Forwarded-For` is extended). */
const GATEWAY_HEADERS = new Set(['x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-amzn-trace-id']);

function eventBasics(request: ProxyRequest, lowerCase: boolean): EventBasics {
  const sourceIp = request.sourceIp.startsWith('::ffff:') ? request.sourceIp.slice(7) : request.sourceIp;
  const headers: [string, string][] = [];
  let forwardedFor = '';
  const receive = (name: string, value: string) => {
    const lower = name.toLowerCase();
    if (lowerCase) {
      if (!GATEWAY_HEADERS.has(lower)) headers.push([lower, value]);
    } else if (!GATEWAY_HEADERS.has(lower) && !UNREAD_REQUEST_HEADERS.has(lower)) headers.push([RENAMED_HEADERS[lower] ?? name, value]);
    else if (lower === 'x-forwarded-for') forwardedFor += `${value}, `;
  };
  const raw = request.rawHeaders;
  if (raw) for (let index = 0; index + 1 < raw.length; index += 2) receive(raw[index]!, raw[index + 1]!);
  else for (const name in request.headers) receive(name, request.headers[name]!);
  // HTTP APIs give the body's length even for a request sent without one: `"content-length": "0"` for curl's GET in
  // aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json.
  if (lowerCase && request.headers['content-length'] === undefined) headers.push(['content-length', String(request.body.length)]);
  const now = Date.now();
  const names = (name: string) => (lowerCase ? name.toLowerCase() : name);
  headers.push(
    [names('X-Amzn-Trace-Id'), `Root=${traceRoot(now)}`],
    [names('X-Forwarded-For'), forwardedFor + sourceIp],
    [names('X-Forwarded-Port'), String(request.localPort ?? 80)],
    [names('X-Forwarded-Proto'), 'http'],
  );
  const domainName = (request.headers.host ?? 'localhost').replace(/:\d+$/, '');
  return {
    headers,
    sourceIp,
    domainName,
    domainPrefix: domainName.split('.')[0]!,
    extendedRequestId: randomText(11, 'base64'),
    time: apiGatewayTime(new Date(now)),
    timeEpoch: now,
  };
}

/** The last time formatted, by second: under load, many requests share a second. */
let formatted = { second: NaN, text: '' };

/** `09/Apr/2015:12:34:56 +0000`: the format of `$context.requestTime` and of the events' `requestTime`/`time`. */
export function apiGatewayTime(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second === formatted.second) return formatted.text;
  const two = (value: number) => String(value).padStart(2, '0');
  const text = `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]!}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
  formatted = { second, text };
  return text;
}

function bodyText(request: ProxyRequest): string {
  return request.binary ? request.body.toString('base64') : request.body.toString('utf8');
}
