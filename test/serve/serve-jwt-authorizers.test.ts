import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeConfig } from '../../src/config/types.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { writeEchoHandlers } from '../support/echo-handlers.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * Cognito user pool (REST) and JWT (HTTP API) authorizers under `serve`, over real HTTP, with
 * tokens signed by `jose` against a generated JWKS (a file for the REST API, a URL for the HTTP
 * API) and an integration that echoes its `requestContext`.
 *
 * Expected values and their sources:
 * - HTTP API JWT authorizers check the signature against the issuer's keys, `iss`, `aud` (else
 *   `client_id`), `exp`/`nbf`, and that the token has one of the route's scopes:
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html;
 *   a refused token is 401 `{"message":"Unauthorized"}`, a missing scope 403 `{"message":"Forbidden"}`.
 * - Payload 2.0 events carry `requestContext.authorizer.jwt.claims` and `.scopes`:
 *   https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayProxyV2Event.json;
 *   payload 1.0 events `requestContext.authorizer.claims` and `.scopes`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html);
 *   array claims arrive as `[a b]` strings: https://github.com/aws/aws-lambda-go/issues/591.
 * - REST Cognito authorizers pass every claim as a string, `exp`/`iat` as Java dates
 *   (https://github.com/awsdocs/amazon-api-gateway-developer-guide/issues/158 and the captured
 *   event it links: `"exp": "Wed May 01 13:10:22 UTC 2024"`); an id token's `aud` or an access
 *   token's `client_id` is the app client
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html);
 *   a method with authorization scopes needs an access token with one of them
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html);
 *   an expired token is 401 `{"message":"The incoming token has expired"}`, any other refusal
 *   401 `{"message":"Unauthorized"}`.
 */

const USER_POOL = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Vault1234';
const SHOP_ISSUER = 'https://issuer.shop.example';

let key: CryptoKey;
let strangerKey: CryptoKey;
let jwksServer: Server;
const servers: RunningServer[] = [];
let rest: RunningServer;
let restUnverified: RunningServer;
let http: RunningServer;
const warnings: string[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  const jwksFile = join(mkdtempSync(join(tmpdir(), 'apigw-gen-jwks-')), 'jwks.json');
  writeFileSync(jwksFile, jwks);
  jwksServer = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;

  const restDocument = join(fixturesRoot, 'serve/rest-authorizers.yaml');
  const httpDocument = join(fixturesRoot, 'serve/http-authorizers.yaml');
  const [restHandlers, httpHandlers] = await Promise.all([writeEchoHandlers(restDocument, {}), writeEchoHandlers(httpDocument, {})]);
  const restApi = await loadApi(restDocument);
  const httpApi = await loadApi(httpDocument);
  const restAuth: ServeConfig = { authorizers: { UserPool: { jwks: jwksFile, audience: ['vault-client'] } }, iamCredentials: [] };
  const warn = (message: string) => warnings.push(message);
  const gateway = (api: typeof restApi, stage: string, handlers: string, auth: ServeConfig) =>
    startServer(
      new LocalGateway(api.model, { document: api.document, stage, handlers: new LambdaHandlers(api.model, handlers), auth, warn }),
      {
        port: 0,
        host: '127.0.0.1',
        log: () => {},
      },
    );
  [rest, restUnverified, http] = await Promise.all([
    gateway(restApi, 'dev', restHandlers, restAuth),
    gateway(restApi, 'dev', restHandlers, { ...restAuth, verifyTokens: false }),
    gateway(httpApi, '$default', httpHandlers, { authorizers: { OrdersJwt: { jwks: jwksUrl } }, iamCredentials: [] }),
  ]);
  servers.push(rest, restUnverified, http);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await new Promise((resolve) => jwksServer?.close(resolve));
});

const now = () => Math.floor(Date.now() / 1000);

function sign(claims: JWTPayload, options: { with?: CryptoKey; kid?: string } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' }).sign(options.with ?? key);
}

const idToken = (claims: JWTPayload = {}) =>
  sign({
    sub: 'u-1',
    iss: USER_POOL,
    aud: 'vault-client',
    token_use: 'id',
    auth_time: 1714565422,
    iat: 1714565422,
    exp: now() + 3600,
    email_verified: true,
    'cognito:groups': ['admin', 'ops'],
    ...claims,
  });

async function call(server: RunningServer, path: string, token?: string, method = 'GET') {
  const response = await fetch(`${server.url}${path}`, { method, headers: token === undefined ? {} : { authorization: token } });
  const json = (await response.json()) as { requestContext?: { authorizer?: unknown } };
  return { status: response.status, headers: response.headers, json, authorizer: json.requestContext?.authorizer };
}

describe('REST Cognito user pool authorizers', () => {
  it('refuses a request without a token with 401', async () => {
    expect(await call(rest, '/profile')).toMatchObject({ status: 401, json: { message: 'Unauthorized' } });
  });

  it('passes a valid id token, with its claims as strings in requestContext.authorizer.claims', async () => {
    const { status, authorizer } = await call(rest, '/profile', await idToken({ exp: 4102444800 }));
    expect(status).toBe(200);
    expect(authorizer).toStrictEqual({
      claims: {
        sub: 'u-1',
        iss: USER_POOL,
        aud: 'vault-client',
        token_use: 'id',
        auth_time: '1714565422',
        iat: 'Wed May 01 12:10:22 UTC 2024',
        exp: 'Fri Jan 01 00:00:00 UTC 2100',
        email_verified: 'true',
        'cognito:groups': '[admin ops]',
      },
    });
  });

  it('takes the token with a Bearer prefix too', async () => {
    expect((await call(rest, '/profile', `Bearer ${await idToken()}`)).status).toBe(200);
  });

  it('answers 401 "The incoming token has expired" for an expired token', async () => {
    const { status, json } = await call(rest, '/profile', await idToken({ exp: now() - 60 }));
    expect(status).toBe(401);
    expect(json).toStrictEqual({ message: 'The incoming token has expired' });
  });

  it('refuses a token signed by another key, from another issuer or for another app client', async () => {
    const tokens = [
      await sign({ iss: USER_POOL, aud: 'vault-client', token_use: 'id', exp: now() + 600 }, { with: strangerKey }),
      await idToken({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }),
      await idToken({ aud: 'someone-else' }),
      'not-a-jwt',
    ];
    for (const token of tokens)
      expect(await call(rest, '/profile', token)).toMatchObject({ status: 401, json: { message: 'Unauthorized' } });
  });

  it("needs an access token with one of the method's scopes where the method names scopes", async () => {
    const access = (scope: string) =>
      sign({ sub: 'u-1', iss: USER_POOL, client_id: 'vault-client', token_use: 'access', scope, exp: now() + 600 });
    expect((await call(rest, '/profile/email', await access('openid profile/write'), 'PUT')).status).toBe(200);
    expect((await call(rest, '/profile/email', await access('openid'), 'PUT')).status).toBe(401);
    expect((await call(rest, '/profile/email', await idToken(), 'PUT')).status).toBe(401);
  });

  it('accepts tokens signed by any key when tokens are not verified, and says so', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'dev', iss: USER_POOL, aud: 'vault-client', token_use: 'id', exp: now() + 600 }).encode();
    expect((await call(rest, '/profile', unsigned)).status).toBe(401);
    const { status, authorizer } = await call(restUnverified, '/profile', unsigned);
    expect(status).toBe(200);
    expect(authorizer).toMatchObject({ claims: { sub: 'dev' } });
    expect(warnings.some((warning) => /UserPool: token signatures are NOT verified/.test(warning))).toBe(true);
    // The claims are still checked.
    expect((await call(restUnverified, '/profile', await idToken({ exp: now() - 1 }))).status).toBe(401);
  });
});

describe('HTTP API JWT authorizers', () => {
  const orders = (claims: JWTPayload = {}) =>
    sign({ sub: 'shopper', iss: SHOP_ISSUER, aud: 'shop-web', scope: 'orders/read openid', exp: now() + 600, ...claims });

  it('refuses a request without a token with 401', async () => {
    const { status, json } = await call(http, '/orders');
    expect(status).toBe(401);
    expect(json).toStrictEqual({ message: 'Unauthorized' });
  });

  it('passes a valid token with the route scope, claims and scopes in requestContext.authorizer.jwt', async () => {
    const { status, authorizer } = await call(http, '/orders', `Bearer ${await orders({ exp: 4102444800, roles: ['a', 'b'] })}`);
    expect(status).toBe(200);
    expect(authorizer).toStrictEqual({
      jwt: {
        claims: { sub: 'shopper', iss: SHOP_ISSUER, aud: 'shop-web', scope: 'orders/read openid', exp: '4102444800', roles: '[a b]' },
        scopes: ['orders/read', 'openid'],
      },
    });
  });

  it('takes client_id where the token has no aud', async () => {
    expect((await call(http, '/orders', await orders({ aud: undefined, client_id: 'shop-mobile' }))).status).toBe(200);
    expect((await call(http, '/orders', await orders({ aud: undefined, client_id: 'intruder' }))).status).toBe(401);
  });

  it('answers 403 Forbidden when the token lacks the route scope', async () => {
    const { status, headers, json } = await call(http, '/orders', await orders({ scope: 'orders/write' }));
    expect(status).toBe(403);
    expect(json).toStrictEqual({ message: 'Forbidden' });
    expect(headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('answers a token for another audience 401 as the developer guide recorded it: a challenge, no Content-Type', async () => {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html: `HTTP/1.1 401
    // Unauthorized`, `Content-Length: 26`, `www-authenticate: Bearer scope="" error="invalid_token" error_description="the
    // token does not have a valid audience"`, `apigw-requestid`, and `{"message":"Unauthorized"}`.
    const { status, headers, json } = await call(http, '/orders', await orders({ aud: 'another-client' }));
    expect(status).toBe(401);
    expect(json).toStrictEqual({ message: 'Unauthorized' });
    expect(headers.get('content-length')).toBe('26');
    expect(headers.get('content-type')).toBeNull();
    expect(headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(headers.get('www-authenticate')).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
  });

  it('answers 401 with an invalid_token challenge for an expired token', async () => {
    const { status, headers } = await call(http, '/orders', await orders({ exp: now() - 60 }));
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('puts claims and scopes directly under requestContext.authorizer in payload 1.0 events', async () => {
    const { status, authorizer } = await call(http, '/orders/v1', await orders());
    expect(status).toBe(200);
    expect(authorizer).toMatchObject({ claims: { sub: 'shopper' }, scopes: ['orders/read', 'openid'] });
  });
});
