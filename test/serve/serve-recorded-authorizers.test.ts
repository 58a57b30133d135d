import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Lambda authorizer events, path parameters as sent and HEAD requests against what AWS recorded,
 * over HTTP on 127.0.0.1 (fixtures/specs/serve/recorded-authorizer-events.yaml and
 * recorded-http-authorizer-events.yaml). The authorizers hand the event they got to the echo
 * function through their context; the echo function answers the event it got.
 *
 * Sources:
 * - REST REQUEST authorizer event, captured from a deployed API by HTTPie (POST /lambda-request,
 *   no query, path parameters or stage variables): aws-powertools/powertools-lambda-typescript
 *   packages/parser/tests/events/apigw-rest/authorizer-request.json (issue #2624);
 * - HTTP API payload 2.0 REQUEST authorizer event, captured the same way (POST /lambda): the same
 *   repository's packages/parser/tests/events/apigw-http/authorizer-request.json;
 * - REQUEST authorizer events with a query string and stage variables: the developer guide's
 *   sample (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html,
 *   also aws/aws-lambda-go events/testdata/apigw-custom-auth-request-type-request.json);
 * - a `{ID}` path parameter reaches the proxy event as sent (`my-id%2F100` for /resource/my-id%2F100
 *   on a deployed API): https://github.com/aws/aws-sam-cli/issues/3524; `test%7Cid` stays
 *   `test%7Cid`: https://github.com/dherault/serverless-offline/issues/265;
 * - a greedy `{proxy+}` too (`capture/space%20value`, captured on a deployed API): hotsock/voker
 *   vokerhttp/testdata/apigwv1-request.json;
 * - HEAD to a resource without a HEAD (or ANY) method is 403 MissingAuthenticationTokenException,
 *   Content-Length 42: https://github.com/propublica/congress-api-docs/issues/129 (curl --head on a
 *   deployed API); ANY stands for "DELETE, GET, HEAD, OPTIONS, PATCH, POST, and PUT":
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html.
 */

const REST_AUTHORIZER = `export const handler = async (event) => ({
  principalId: 'caller',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
  context: { event: JSON.stringify(event) },
});
`;
const HTTP_AUTHORIZER = `export const handler = async (event) => ({ isAuthorized: true, context: { event } });\n`;
const ECHO = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n`;

function handlersFolder(authorizer: string, source: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-recorded-authorizers-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(folder, 'dist/functions/echo'), { recursive: true });
  mkdirSync(join(folder, 'dist/authorizers'), { recursive: true });
  writeFileSync(join(folder, 'dist/functions/echo/index.js'), ECHO);
  writeFileSync(join(folder, 'dist/authorizers', `${authorizer}.js`), source);
  return folder;
}

/** What HTTPie 3.2.2 sends for a POST without a body (the captures' client), Authorization as in the captures. */
const HTTPIE = [
  'Accept-Encoding',
  'gzip, deflate',
  'Accept',
  '*/*',
  'Connection',
  'keep-alive',
  'User-Agent',
  'HTTPie/3.2.2',
  'Authorization',
  'Bearer foo',
  'Content-Length',
  '0',
];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with raw headers (fetch would lower-case and add its own). */
function send(url: string, method: string, rawHeaders: string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers: ['Host', new URL(url).host, ...rawHeaders] }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode!, headers: incoming.headers, text: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

type Event = Record<string, unknown> & { requestContext: Record<string, unknown> & { authorizer?: Record<string, unknown> } };

/** The integration's event, and the authorizer's as it passed it on. */
async function events(url: string, method: string, rawHeaders: string[]): Promise<{ event: Event; authorizerEvent: Event }> {
  const answer = await send(url, method, rawHeaders);
  if (answer.status !== 200) throw new Error(`${answer.status}: ${answer.text}`);
  const event = JSON.parse(answer.text) as Event;
  const passed =
    event.requestContext.authorizer?.event ?? (event.requestContext.authorizer?.lambda as { event?: unknown } | undefined)?.event;
  return { event, authorizerEvent: (typeof passed === 'string' ? JSON.parse(passed) : passed) as Event };
}

/** Headers less those API Gateway adds itself (their values depend on the request) and CloudFront's. */
function clientHeaders<Value>(headers: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !/^(x-amzn-trace-id|x-forwarded-|cloudfront-|via$|x-amz-cf-id$)/i.test(name)),
  );
}

let rest: RunningServer;
let restWithVariables: RunningServer;
let http: RunningServer;
const handlers: LambdaHandlers[] = [];

beforeAll(async () => {
  const restApi = await loadApi(join(fixturesRoot, 'serve/recorded-authorizer-events.yaml'));
  const httpApi = await loadApi(join(fixturesRoot, 'serve/recorded-http-authorizer-events.yaml'));
  const restHandlers = new LambdaHandlers(restApi.model, handlersFolder('request-authorizer', REST_AUTHORIZER));
  const httpHandlers = new LambdaHandlers(httpApi.model, handlersFolder('lambda-authorizer', HTTP_AUTHORIZER));
  handlers.push(restHandlers, httpHandlers);
  const serve = (gateway: LocalGateway) => startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
  [rest, restWithVariables, http] = await Promise.all([
    serve(new LocalGateway(restApi.model, { document: restApi.document, stage: 'prod', handlers: restHandlers })),
    serve(
      new LocalGateway(restApi.model, {
        document: restApi.document,
        stage: 'test',
        stageVariables: { StageVar1: 'stageValue1' },
        handlers: restHandlers,
      }),
    ),
    serve(new LocalGateway(httpApi.model, { document: httpApi.document, stage: '$default', handlers: httpHandlers })),
  ]);
});

afterAll(() => Promise.all([rest?.close(), restWithVariables?.close(), http?.close(), ...handlers.map((handler) => handler.close())]));

describe('serve: REST REQUEST authorizer events as AWS recorded them', () => {
  it('sends empty objects for the query, path parameters and stage variables a request has none of, and no body', async () => {
    const { authorizerEvent } = await events(`${rest.url}/prod/lambda-request`, 'POST', HTTPIE);
    expect(Object.keys(authorizerEvent).sort()).toStrictEqual(
      [
        'type',
        'methodArn',
        'resource',
        'path',
        'httpMethod',
        'headers',
        'multiValueHeaders',
        'queryStringParameters',
        'multiValueQueryStringParameters',
        'pathParameters',
        'stageVariables',
        'requestContext',
      ].sort(),
    );
    const { headers, multiValueHeaders, requestContext, ...fields } = authorizerEvent;
    // toStrictEqual: toMatchObject would take null for {}.
    expect(fields).toStrictEqual({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:local/prod/POST/lambda-request',
      resource: '/lambda-request',
      path: '/lambda-request',
      httpMethod: 'POST',
      queryStringParameters: {},
      multiValueQueryStringParameters: {},
      pathParameters: {},
      stageVariables: {},
    });
    expect([headers, multiValueHeaders, requestContext]).not.toContain(undefined);
  });

  it('passes the headers on as the proxy event does, Content-Length included, Connection left out', async () => {
    const { authorizerEvent } = await events(`${rest.url}/prod/lambda-request`, 'POST', HTTPIE);
    const host = new URL(rest.url).host;
    expect(clientHeaders(authorizerEvent.headers as Record<string, string>)).toStrictEqual({
      Accept: '*/*',
      'Accept-Encoding': 'gzip, deflate',
      Authorization: 'Bearer foo',
      'Content-Length': '0',
      Host: host,
      'User-Agent': 'HTTPie/3.2.2',
    });
    expect(clientHeaders(authorizerEvent.multiValueHeaders as Record<string, string[]>)).toStrictEqual({
      Accept: ['*/*'],
      'Accept-Encoding': ['gzip, deflate'],
      Authorization: ['Bearer foo'],
      'Content-Length': ['0'],
      Host: [host],
      'User-Agent': ['HTTPie/3.2.2'],
    });
  });

  it("describes the request in requestContext with the proxy event's fields, without an authorizer", async () => {
    const { authorizerEvent } = await events(`${rest.url}/prod/lambda-request`, 'POST', HTTPIE);
    const context = authorizerEvent.requestContext;
    expect(Object.keys(context).sort()).toStrictEqual(
      [
        'resourceId',
        'resourcePath',
        'httpMethod',
        'extendedRequestId',
        'requestTime',
        'path',
        'accountId',
        'protocol',
        'stage',
        'domainPrefix',
        'requestTimeEpoch',
        'requestId',
        'identity',
        'domainName',
        'deploymentId',
        'apiId',
      ].sort(),
    );
    expect(context).toMatchObject({
      resourcePath: '/lambda-request',
      httpMethod: 'POST',
      path: '/prod/lambda-request',
      protocol: 'HTTP/1.1',
      stage: 'prod',
    });
    expect(context.identity).toStrictEqual({
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: '127.0.0.1',
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: 'HTTPie/3.2.2',
      user: null,
    });
  });

  it("gives the path's parameters, the query and the stage variables when there are some (the developer guide's sample)", async () => {
    const { authorizerEvent } = await events(
      `${restWithVariables.url}/test/resource/r1?QueryString1=queryValue1`,
      'GET',
      HTTPIE.slice(0, -2),
    );
    const { type, methodArn, httpMethod, headers, multiValueHeaders, requestContext, ...fields } = authorizerEvent;
    expect([type, methodArn, httpMethod, headers, multiValueHeaders, requestContext]).not.toContain(undefined);
    expect(fields).toStrictEqual({
      resource: '/resource/{ID}',
      path: '/resource/r1',
      queryStringParameters: { QueryString1: 'queryValue1' },
      multiValueQueryStringParameters: { QueryString1: ['queryValue1'] },
      pathParameters: { ID: 'r1' },
      stageVariables: { StageVar1: 'stageValue1' },
    });
  });
});

describe('serve: REST path parameters as sent', () => {
  it.each<[path: string, pathParameters: Record<string, string>, source: string]>([
    ['/resource/my-id%2F100', { ID: 'my-id%2F100' }, 'aws/aws-sam-cli#3524'],
    ['/resource/test%7Cid', { ID: 'test%7Cid' }, 'dherault/serverless-offline#265'],
    ['/greedy/capture/space%20value', { proxy: 'capture/space%20value' }, 'hotsock/voker apigwv1-request.json'],
  ])('GET %s: pathParameters %o (%s)', async (path, pathParameters) => {
    const { event } = await events(`${rest.url}/prod${path}`, 'GET', HTTPIE.slice(0, -2));
    expect(event.pathParameters).toStrictEqual(pathParameters);
    expect(event.path).toBe(path);
  });
});

describe('serve: HEAD requests to a REST API', () => {
  it('answers HEAD to a resource with GET only 403 MissingAuthenticationTokenException, Content-Length 42', async () => {
    const answer = await send(`${rest.url}/prod/only-get`, 'HEAD', []);
    expect(answer.status).toBe(403);
    expect(answer.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['content-length']).toBe('42');
    expect(answer.text).toBe('');
  });

  it('takes HEAD to the ANY method', async () => {
    const answer = await send(`${rest.url}/prod/any`, 'HEAD', []);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect((await send(`${rest.url}/prod/any`, 'GET', [])).text).toBe('{"method": "GET"}');
  });
});

describe('serve: HTTP API payload 2.0 REQUEST authorizer events as AWS recorded them', () => {
  it('has no query, path parameter, stage variable or cookie fields for a request without any, and no body', async () => {
    const { authorizerEvent } = await events(`${http.url}/lambda`, 'POST', HTTPIE);
    expect(Object.keys(authorizerEvent).sort()).toStrictEqual(
      ['version', 'type', 'routeArn', 'identitySource', 'routeKey', 'rawPath', 'rawQueryString', 'headers', 'requestContext'].sort(),
    );
    expect(authorizerEvent).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-east-1:123456789012:local/$default/POST/lambda',
      identitySource: ['Bearer foo'],
      routeKey: 'POST /lambda',
      rawPath: '/lambda',
      rawQueryString: '',
    });
    expect(Object.keys(authorizerEvent.requestContext).sort()).toStrictEqual(
      ['accountId', 'apiId', 'domainName', 'domainPrefix', 'http', 'requestId', 'routeKey', 'stage', 'time', 'timeEpoch'].sort(),
    );
    expect(authorizerEvent.requestContext.http).toStrictEqual({
      method: 'POST',
      path: '/lambda',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'HTTPie/3.2.2',
    });
  });

  it('lower-cases header names and leaves Connection out', async () => {
    const { authorizerEvent } = await events(`${http.url}/lambda`, 'POST', HTTPIE);
    expect(clientHeaders(authorizerEvent.headers as Record<string, string>)).toStrictEqual({
      accept: '*/*',
      'accept-encoding': 'gzip, deflate',
      authorization: 'Bearer foo',
      'content-length': '0',
      host: new URL(http.url).host,
      'user-agent': 'HTTPie/3.2.2',
    });
  });
});
