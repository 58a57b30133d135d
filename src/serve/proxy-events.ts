import type { OperationModel } from '../model/types.js';
import type { GatewayRequest } from './gateway-messages.js';
import { setOwn } from './own-fields.js';
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
  return eventFrom(proxyEventInput(operation, request, version));
}

/**
 * What a proxy event is built from, in fields JSON can carry: the server sends this to a
 * function's worker, which builds the event itself (see function-worker.ts). Serialising the
 * whole event on the server thread (its headers twice in payload 1.0, its request context) was a
 * tenth of that thread's time on bench:serve's Lambda route, and the worker parsed it all again.
 */
export interface ProxyEventInput {
  version: '1.0' | '2.0';
  /** When the request came (epoch ms): the event's times and trace id, however late the worker builds it. */
  timeEpoch: number;
  /** The route: the resource path and method (`routeKey`, `resource`), or the `$default` route. */
  resourcePath: string;
  routeMethod: string;
  defaultRoute: boolean;
  httpApi: boolean;
  method: string;
  path: string;
  rawPath?: string;
  /** Query parameters in order: name, value, name, value… */
  query: string[];
  /** Payload 2.0's `rawQueryString`. */
  rawQueryString?: string;
  /** Headers as received: name, value… (the client's casing when known, else lower case). */
  headers: string[];
  userAgent?: string;
  host?: string;
  /** The body's length, when the client sent no Content-Length (HTTP APIs add one). */
  unsentContentLength?: number;
  /** The body as the event carries it (base64 when binary), null when there is none. */
  body: string | null;
  binary: boolean;
  sourceIp: string;
  localPort?: number;
  pathParameters: Record<string, string>;
  requestId: string;
  stage: string;
  stageVariables: Record<string, string>;
  authorizer?: Record<string, unknown>;
  identity?: Record<string, unknown>;
}

/** The fields a proxy event of the request is built from (see ProxyEventInput). */
export function proxyEventInput(operation: OperationModel, request: ProxyRequest, version: '1.0' | '2.0'): ProxyEventInput {
  const query: string[] = [];
  for (const [name, value] of request.query) query.push(name, value);
  let headers = request.rawHeaders;
  if (!headers) {
    headers = [];
    for (const name in request.headers) headers.push(name, request.headers[name]!);
  }
  const httpApi = request.httpApi === true;
  const input: ProxyEventInput = {
    version,
    timeEpoch: Date.now(),
    resourcePath: operation.path,
    routeMethod: operation.method,
    defaultRoute: operation.isDefaultRoute === true,
    httpApi,
    method: request.method,
    path: request.path,
    query,
    headers,
    body: request.body.length === 0 ? null : request.binary ? request.body.toString('base64') : request.body.toString('utf8'),
    binary: request.binary,
    sourceIp: request.sourceIp,
    pathParameters: request.pathParameters,
    requestId: request.requestId,
    stage: request.stage,
    stageVariables: request.stageVariables,
  };
  // Only the fields that are there: JSON drops undefined ones anyway, and the event is built the same either way.
  if (request.rawPath !== undefined) input.rawPath = request.rawPath;
  if (version === '2.0') input.rawQueryString = request.rawQuery ?? request.query.toString();
  const { 'user-agent': userAgent, host } = request.headers;
  if (userAgent !== undefined) input.userAgent = userAgent;
  if (host !== undefined) input.host = host;
  if ((httpApi || version === '2.0') && request.headers['content-length'] === undefined) input.unsentContentLength = request.body.length;
  if (request.localPort !== undefined) input.localPort = request.localPort;
  if (request.authorizer) input.authorizer = request.authorizer;
  if (request.identity) input.identity = request.identity;
  return input;
}

/** The proxy event built from its fields (in the function's worker, or for a Lambda authorizer). */
export function eventFrom(input: ProxyEventInput): Record<string, unknown> {
  return input.version === '1.0' ? eventV1(input) : eventV2(input);
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
function eventV1(input: ProxyEventInput): Record<string, unknown> {
  const { httpApi } = input;
  const basics = eventBasics(input);
  let query: Record<string, string> | null = null;
  let multiValueQuery: Record<string, string[]> | null = null;
  for (let index = 0; index + 1 < input.query.length; index += 2) {
    const name = input.query[index]!;
    const value = input.query[index + 1]!;
    setOwn((query ??= {}), name, value);
    addValue((multiValueQuery ??= {}), name, value);
  }
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of basics.headers) {
    setOwn(headers, name, value);
    addValue(multiValueHeaders, name, value);
  }
  const resource = input.defaultRoute ? '$default' : input.resourcePath;
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
    userAgent: input.userAgent ?? null,
    user: null,
  };
  // The method's API key, when it requires one (`identity` has it then), and an IAM caller's fields.
  if (input.identity) Object.assign(identity, input.identity);
  const requestContext: Record<string, unknown> = {
    accountId: '123456789012',
    apiId: 'local',
    ...(httpApi ? {} : { deploymentId: 'local' }),
    domainName: basics.domainName,
    domainPrefix: basics.domainPrefix,
    extendedRequestId: basics.extendedRequestId,
    protocol: 'HTTP/1.1',
    httpMethod: input.method,
    identity,
    path: httpApi ? `${stagePrefix(input)}${input.rawPath ?? input.path}` : `/${input.stage}${input.rawPath ?? input.path}`,
    stage: input.stage,
    requestId: input.requestId,
    requestTime: basics.time,
    requestTimeEpoch: basics.timeEpoch,
    resourceId: httpApi ? null : 'local',
    resourcePath: resource,
  };
  if (input.authorizer) requestContext.authorizer = input.authorizer;
  return {
    ...(httpApi ? { version: '1.0' } : {}),
    resource,
    path: httpApi ? `${stagePrefix(input)}${input.path}` : input.path,
    httpMethod: input.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiValueQuery,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : null,
    stageVariables: Object.keys(input.stageVariables).length > 0 ? input.stageVariables : null,
    requestContext,
    body: input.body,
    isBase64Encoded: input.body !== null && input.binary,
  };
}

function eventV2(input: ProxyEventInput): Record<string, unknown> {
  const basics = eventBasics(input);
  let query: Record<string, string> | undefined;
  // Payload 2.0 joins repeated query parameters and headers with commas.
  for (let index = 0; index + 1 < input.query.length; index += 2) {
    const name = input.query[index]!;
    const value = input.query[index + 1]!;
    query ??= {};
    joinValue(query, name, value);
  }
  const routeKey = input.defaultRoute ? '$default' : `${input.routeMethod} ${input.resourcePath}`;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of basics.headers) {
    if (name === 'cookie') cookies.push(...value.split(/;\s*/).filter(Boolean));
    else joinValue(headers, name, value);
  }
  return {
    version: '2.0',
    routeKey,
    rawPath: `${stagePrefix(input)}${input.path}`,
    // As sent (AWS's samples: "parameter1=value1&parameter1=value2&parameter2=value").
    rawQueryString: input.rawQueryString ?? '',
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(Object.keys(input.pathParameters).length > 0 ? { pathParameters: input.pathParameters } : {}),
    ...(Object.keys(input.stageVariables).length > 0 ? { stageVariables: input.stageVariables } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      ...(input.authorizer ? { authorizer: input.authorizer } : {}),
      domainName: basics.domainName,
      domainPrefix: basics.domainPrefix,
      http: {
        method: input.method,
        path: `${stagePrefix(input)}${input.path}`,
        protocol: 'HTTP/1.1',
        sourceIp: basics.sourceIp,
        userAgent: input.userAgent ?? '',
      },
      requestId: input.requestId,
      routeKey,
      stage: input.stage,
      time: basics.time,
      timeEpoch: basics.timeEpoch,
    },
    // An empty body is no `body` key at all in payload 2.0.
    ...(input.body === null ? {} : { body: input.body }),
    isBase64Encoded: input.body !== null && input.binary,
  };
}

/** Adds a value to the list of a name (payload 1.0's multi-value fields). */
function addValue(record: Record<string, string[]>, name: string, value: string): void {
  if (Object.hasOwn(record, name)) record[name]!.push(value);
  else setOwn(record, name, [value]);
}

/** Joins a repeated name's values with commas (payload 2.0). */
function joinValue(record: Record<string, string>, name: string, value: string): void {
  setOwn(record, name, Object.hasOwn(record, name) ? `${record[name]},${value}` : value);
}

/**
 * An HTTP API stage other than `$default` is in the URL, and HTTP APIs leave it in the event's paths (`rawPath`,
 * `requestContext.http.path`; payload 1.0's `path` and `requestContext.path`), the route key aside: `"routeKey": "ANY
 * /agents/{proxy+}", "rawPath": "/dev/agents/1234"` (a deployed API's event in logandk/serverless-wsgi#191; also
 * aws-powertools/powertools-lambda-python#621). REST APIs' events have the resource path.
 */
function stagePrefix(input: ProxyEventInput): string {
  return input.httpApi && input.stage !== '$default' ? `/${input.stage}` : '';
}

/**
 * The path an HTTP API's events give (payload 2.0's `rawPath` and `requestContext.http.path`,
 * 1.0's `path`): the path as sent, decoded, cut at a `?` that decoding made, then decoded once
 * more, as AWS recorded it on a deployed API (hotsock/voker vokerhttp/testdata/ingress-paths.json:
 * `/capture/space%20value` → `/capture/space value`, `question%3Fvalue` → `question`,
 * `slash%2Fvalue` → `slash/value`, `literal%252Fvalue` → `literal/value`, `literal%253Fvalue` →
 * `literal?value`). Where a decoding fails, the path as far as it decoded (AWS refused
 * `percent%25done`, whose second decoding fails, with a 400 whose body that record does not give).
 */
export function httpApiEventPath(path: string): string {
  if (!path.includes('%')) return path;
  const once = decodedOrUndefined(path);
  if (once === undefined) return path;
  const mark = once.indexOf('?');
  const cut = mark === -1 ? once : once.slice(0, mark);
  return decodedOrUndefined(cut) ?? cut;
}

function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Headers REST APIs pass on with these names whatever the client's casing, as AWS recorded it. */
const RENAMED_HEADERS = new Map([
  ['authorization', 'Authorization'],
  ['user-agent', 'User-Agent'],
]);
/** Headers API Gateway sets itself (lower case): the client's values are replaced (`X-Forwarded-For` is extended). */
const GATEWAY_HEADERS = new Set(['x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-amzn-trace-id']);
/**
 * Headers HTTP APIs' events leave out: HTTPie's `Connection: keep-alive` is not in the event AWS recorded
 * for a payload 2.0 Lambda authorizer (aws-powertools/powertools-lambda-typescript
 * packages/parser/tests/events/apigw-http/authorizer-request.json, captured for issue #2624).
 */
const HTTP_API_UNREAD_HEADERS = new Set([...GATEWAY_HEADERS, 'connection']);

function eventBasics(input: ProxyEventInput): EventBasics {
  // HTTP APIs (either payload) lower-case header names; REST APIs keep the client's.
  const lowerCase = input.httpApi || input.version === '2.0';
  const sourceIp = input.sourceIp.startsWith('::ffff:') ? input.sourceIp.slice(7) : input.sourceIp;
  const headers: [string, string][] = [];
  let forwardedFor = '';
  const raw = input.headers;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    const value = raw[index + 1]!;
    const lower = name.toLowerCase();
    if (lowerCase) {
      if (!HTTP_API_UNREAD_HEADERS.has(lower)) headers.push([lower, value]);
    } else if (!GATEWAY_HEADERS.has(lower) && !UNREAD_REQUEST_HEADERS.has(lower)) headers.push([RENAMED_HEADERS.get(lower) ?? name, value]);
    else if (lower === 'x-forwarded-for') forwardedFor += `${value}, `;
  }
  // HTTP APIs give the body's length even for a request sent without one: `"content-length": "0"` for curl's GET in
  // aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json.
  if (input.unsentContentLength !== undefined) headers.push(['content-length', String(input.unsentContentLength)]);
  const now = input.timeEpoch;
  const names = (name: string) => (lowerCase ? name.toLowerCase() : name);
  headers.push(
    [names('X-Amzn-Trace-Id'), `Root=${traceRoot(now)}`],
    [names('X-Forwarded-For'), forwardedFor + sourceIp],
    [names('X-Forwarded-Port'), String(input.localPort ?? 80)],
    [names('X-Forwarded-Proto'), 'http'],
  );
  return {
    headers,
    sourceIp,
    ...apiDomain(input.host),
    extendedRequestId: randomText(11, 'base64'),
    time: apiGatewayTime(new Date(now)),
    timeEpoch: now,
  };
}

/**
 * `domainName` and `domainPrefix` (its first label) of a request with this Host header: a deployed
 * API's Host has no port, so the local one's is left out.
 */
export function apiDomain(host: string | undefined): { domainName: string; domainPrefix: string } {
  const domainName = (host ?? 'localhost').replace(/:\d+$/, '');
  return { domainName, domainPrefix: domainName.split('.')[0]! };
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
