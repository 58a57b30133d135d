import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { writeEchoHandlers } from '../support/echo-handlers.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Lambda authorizers under `serve`, over real HTTP: the generated authorizer stubs, implemented
 * and compiled, run as API Gateway runs them, and the integration (which echoes its
 * `requestContext`) sees what they passed on.
 *
 * Expected values and their sources:
 * - 401 `{"message":"Unauthorized"}` (x-amzn-errortype UnauthorizedException) for a missing
 *   token, 403 `{"Message":"User is not authorized to access this resource with an explicit deny"}`
 *   (AccessDeniedException) for a Deny, 500 `{"message":null}` for a failing authorizer: recorded
 *   against AWS in https://github.com/lmammino/loige.co/blob/main/astro/src/content/posts/2023-11-05_debugging-custom-apigateway-authorizers/index.md
 * - a thrown "Unauthorized" is a 401, a policy that does not cover the method is a 403, the
 *   identity validation expression and missing identity sources give 401 without a call, results
 *   are cached by identity for authorizerResultTtlInSeconds:
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html,
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
 * - the TOKEN event (`type`, `authorizationToken`, `methodArn`):
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-custom-auth-request.json
 * - REST `requestContext.authorizer`: the context's values as strings with `principalId` and
 *   `integrationLatency`: https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayProxyEventPrincipalId.json
 * - HTTP API payload 2.0: `requestContext.authorizer.lambda`:
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-lambda-authorizer.json;
 *   the 2.0 authorizer event (`type: REQUEST`, `routeArn`, `identitySource` as a list) and 1.0's
 *   (`identitySource` a string): https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayAuthorizerV2Event.json,
 *   https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayAuthorizerRequestEvent.json;
 *   a refused HTTP API request is 403 `{"message":"Forbidden"}`: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */

const TOKEN_AUTHORIZER = `import type { APIGatewayTokenAuthorizerHandler } from 'aws-lambda';
import { apiArnPattern, buildPolicy } from '../runtime/authorizer.js';

let calls = 0;

export const handler: APIGatewayTokenAuthorizerHandler = async (event) => {
  calls++;
  const token = event.authorizationToken.replace(/^Bearer /, '');
  if (token === 'unauthorized') throw new Error('Unauthorized');
  if (token === 'broken') throw new Error('the token store is down');
  if (token === 'deny') return buildPolicy({ principalId: 'mallory', effect: 'Deny', resource: apiArnPattern(event.methodArn) });
  if (token === 'no-policy') return { principalId: 'nobody' } as never;
  // Allows only the method first called: the cached policy then denies the others.
  if (token === 'get-only') return buildPolicy({ principalId: 'gus', effect: 'Allow', resource: event.methodArn });
  return buildPolicy({
    principalId: token,
    effect: 'Allow',
    resource: apiArnPattern(event.methodArn),
    context: { calls, admin: true, type: event.type, methodArn: event.methodArn, token: event.authorizationToken },
  });
};
`;

const REQUEST_AUTHORIZER = `import type { APIGatewayRequestAuthorizerHandler } from 'aws-lambda';
import { buildPolicy } from '../runtime/authorizer.js';

export const handler: APIGatewayRequestAuthorizerHandler = async (event) => {
  const tenant = event.headers?.['x-tenant'];
  if (tenant !== 'acme') return buildPolicy({ principalId: 'nobody', effect: 'Deny', resource: event.methodArn });
  return buildPolicy({
    principalId: 'acme-admin',
    effect: 'Allow',
    resource: event.methodArn,
    context: { tenant, seats: 42, type: event.type, resource: event.resource, tenantId: event.pathParameters?.tenantId ?? '', key: event.queryStringParameters?.key ?? '' },
  });
};
`;

const SIMPLE_AUTHORIZER = `import type { APIGatewayRequestSimpleAuthorizerHandlerV2 } from 'aws-lambda';

let calls = 0;

export const handler: APIGatewayRequestSimpleAuthorizerHandlerV2 = async (event) => {
  calls++;
  const key = event.identitySource[0];
  return { isAuthorized: key === 'open-sesame', context: { calls, key, routeArn: event.routeArn, type: event.type, version: event.version, nested: { ok: true } } };
};
`;

const POLICY_V2_AUTHORIZER = `import type { APIGatewayRequestIAMAuthorizerHandlerV2 } from 'aws-lambda';
import { buildPolicy } from '../runtime/authorizer.js';

export const handler: APIGatewayRequestIAMAuthorizerHandlerV2 = async (event) =>
  buildPolicy({
    principalId: 'pat',
    effect: event.identitySource[0] === 'let-me-in' ? 'Allow' : 'Deny',
    resource: event.routeArn,
    context: { routeKey: event.routeKey },
  });
`;

const LEGACY_AUTHORIZER = `import type { APIGatewayRequestAuthorizerHandler } from 'aws-lambda';
import { buildPolicy } from '../runtime/authorizer.js';

export const handler: APIGatewayRequestAuthorizerHandler = async (event) => {
  const shape = event as unknown as { version: string; identitySource: string };
  return buildPolicy({
    principalId: 'lee',
    effect: 'Allow',
    resource: event.methodArn,
    context: { version: shape.version, identitySource: shape.identitySource, type: event.type },
  });
};
`;

let rest: RunningServer;
let http: RunningServer;

beforeAll(async () => {
  const restDocument = join(fixturesRoot, 'serve/rest-authorizers.yaml');
  const httpDocument = join(fixturesRoot, 'serve/http-authorizers.yaml');
  const [restHandlers, httpHandlers] = await Promise.all([
    writeEchoHandlers(restDocument, {
      'src/authorizers/bearer-token.ts': TOKEN_AUTHORIZER,
      'src/authorizers/tenant-request.ts': REQUEST_AUTHORIZER,
    }),
    writeEchoHandlers(httpDocument, {
      'src/authorizers/simple-key.ts': SIMPLE_AUTHORIZER,
      'src/authorizers/policy-key.ts': POLICY_V2_AUTHORIZER,
      'src/authorizers/legacy-key.ts': LEGACY_AUTHORIZER,
    }),
  ]);
  const restApi = await loadApi(restDocument);
  const httpApi = await loadApi(httpDocument);
  const warn = () => {};
  [rest, http] = await Promise.all([
    startServer(
      new LocalGateway(restApi.model, {
        document: restApi.document,
        stage: 'dev',
        handlers: new LambdaHandlers(restApi.model, restHandlers),
        warn,
      }),
      { port: 0, host: '127.0.0.1', log: () => {} },
    ),
    startServer(
      new LocalGateway(httpApi.model, {
        document: httpApi.document,
        stage: '$default',
        handlers: new LambdaHandlers(httpApi.model, httpHandlers),
        warn,
      }),
      { port: 0, host: '127.0.0.1', log: () => {} },
    ),
  ]);
}, 120_000);

afterAll(() => Promise.all([rest?.close(), http?.close()]));

async function call(server: RunningServer, path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  const json = text === '' ? undefined : (JSON.parse(text) as unknown);
  // What the echoing integration saw in `requestContext.authorizer`.
  const authorizer = (json as { requestContext?: { authorizer?: unknown } } | undefined)?.requestContext?.authorizer;
  return { status: response.status, headers: response.headers, text, json, authorizer };
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('REST Lambda authorizers', () => {
  // No `authorizer` key in requestContext without an authorizer, as AWS recorded it: localstack/localstack
  // tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (test_lambda_aws_proxy_integration, 8b9a79f).
  it('lets requests to unguarded methods through without an authorizer in requestContext', async () => {
    const { status, authorizer } = await call(rest, '/public');
    expect(status).toBe(200);
    expect(authorizer).toBeUndefined();
  });

  it('answers 401 Unauthorized without a token, and for one the identity validation expression refuses', async () => {
    for (const init of [{}, { headers: { authorization: 'Basic dXNlcg==' } }]) {
      const { status, headers, json } = await call(rest, '/reports', init);
      expect(status).toBe(401);
      expect(headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      expect(json).toStrictEqual({ message: 'Unauthorized' });
    }
  });

  it('runs the TOKEN authorizer and passes its context to the integration as strings, with principalId', async () => {
    const { status, authorizer } = await call(rest, '/reports', bearer('alice'));
    expect(status).toBe(200);
    expect(authorizer).toStrictEqual({
      calls: '1',
      admin: 'true',
      type: 'TOKEN',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:local/dev/GET/reports',
      token: 'Bearer alice',
      principalId: 'alice',
      integrationLatency: 0,
    });
  });

  it('caches the answer by token: other methods the cached policy covers pass without a new call', async () => {
    const again = await call(rest, '/reports', bearer('alice'));
    const post = await call(rest, '/reports', { method: 'POST', ...bearer('alice') });
    expect(again.authorizer).toMatchObject({ calls: '1' });
    expect(post.status).toBe(200);
    expect(post.authorizer).toMatchObject({ calls: '1' });
    const bob = await call(rest, '/reports', bearer('bob'));
    expect(bob.authorizer).toMatchObject({ calls: '2' });
  });

  it("evaluates a cached policy against each method's ARN: a policy naming only GET denies POST", async () => {
    expect((await call(rest, '/reports', bearer('get-only'))).status).toBe(200);
    const { status, headers, json } = await call(rest, '/reports', { method: 'POST', ...bearer('get-only') });
    expect(status).toBe(403);
    expect(headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(json).toStrictEqual({ Message: 'User is not authorized to access this resource' });
  });

  it('answers 403 with the explicit-deny message for a Deny', async () => {
    const { status, json } = await call(rest, '/reports', bearer('deny'));
    expect(status).toBe(403);
    expect(json).toStrictEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
  });

  it('answers 401 when the authorizer throws "Unauthorized"', async () => {
    const { status, json } = await call(rest, '/reports', bearer('unauthorized'));
    expect(status).toBe(401);
    expect(json).toStrictEqual({ message: 'Unauthorized' });
  });

  it('answers AUTHORIZER_FAILURE, as the document customises it, when the authorizer throws', async () => {
    const { status, headers, json } = await call(rest, '/reports', bearer('broken'));
    expect(status).toBe(503);
    expect(headers.get('x-failed')).toBe('authorizer');
    expect(json).toStrictEqual({ error: null, type: 'AUTHORIZER_FAILURE' });
  });

  it('answers 500 {"message":null} (AUTHORIZER_CONFIGURATION_ERROR) when the answer is not a policy', async () => {
    const { status, headers, text } = await call(rest, '/reports', bearer('no-policy'));
    expect(status).toBe(500);
    expect(headers.get('x-amzn-errortype')).toBe('AuthorizerConfigurationException');
    expect(text).toBe('{"message":null}');
  });

  it('runs the REQUEST authorizer with the request, and answers 401 when an identity source is missing', async () => {
    expect((await call(rest, '/tenants/t1', { headers: { 'x-tenant': 'acme' } })).status).toBe(401);
    expect((await call(rest, '/tenants/t1?key=k1', { headers: { 'x-tenant': 'globex' } })).status).toBe(403);
    const { status, authorizer } = await call(rest, '/tenants/t1?key=k1', { headers: { 'x-tenant': 'acme' } });
    expect(status).toBe(200);
    expect(authorizer).toStrictEqual({
      tenant: 'acme',
      seats: '42',
      type: 'REQUEST',
      resource: '/tenants/{tenantId}',
      tenantId: 't1',
      key: 'k1',
      principalId: 'acme-admin',
      integrationLatency: 0,
    });
  });
});

describe('HTTP API Lambda authorizers', () => {
  it('runs a payload 2.0 authorizer with simple responses: isAuthorized decides, the context goes under `lambda`', async () => {
    const refused = await call(http, '/simple', { headers: { 'x-key': 'wrong' } });
    expect(refused.status).toBe(403);
    expect(refused.json).toStrictEqual({ message: 'Forbidden' });
    expect((await call(http, '/simple')).json).toStrictEqual({ message: 'Unauthorized' });
    const { status, authorizer } = await call(http, '/simple', { headers: { 'x-key': 'open-sesame' } });
    expect(status).toBe(200);
    expect(authorizer).toStrictEqual({
      lambda: {
        calls: 2,
        key: 'open-sesame',
        routeArn: 'arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/simple',
        type: 'REQUEST',
        version: '2.0',
        nested: { ok: true },
      },
    });
    // Cached by the X-Key header: the same identity is not asked again.
    expect((await call(http, '/simple', { headers: { 'x-key': 'open-sesame' } })).authorizer).toMatchObject({ lambda: { calls: 2 } });
  });

  it('evaluates a payload 2.0 IAM policy', async () => {
    expect((await call(http, '/policy', { headers: { 'x-key': 'nope' } })).json).toStrictEqual({ message: 'Forbidden' });
    const { status, authorizer } = await call(http, '/policy', { headers: { 'x-key': 'let-me-in' } });
    expect(status).toBe(200);
    expect(authorizer).toStrictEqual({ lambda: { routeKey: 'GET /policy' } });
  });

  it('sends a payload 1.0 authorizer the identity sources as one string', async () => {
    const { status, authorizer } = await call(http, '/legacy', { headers: { 'x-key': 'k' } });
    expect(status).toBe(200);
    expect(authorizer).toMatchObject({ version: '1.0', identitySource: 'k', type: 'REQUEST', principalId: 'lee' });
  });
});
