import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { corpusRoot, fixturesRoot } from '../support/paths.js';
import { buildSdk } from '../support/sdk-package.js';

/**
 * Generated SDKs of real documents (and one fixture), built with tsc --strict and run against a
 * local server: each operation gets exactly the credentials its security scheme says, where the
 * scheme (or API Gateway's reading of it) puts them.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

type AnyClient = Record<string, (params?: object, options?: object) => Promise<unknown>>;

const SAM_REST = 'apigw/aws__serverless-application-model__tests_translator_output_state_machine_with_api_authorizer_maximum__MyApi.json';
const SAM_HTTP = 'apigw/aws__serverless-application-model__tests_translator_output_http_api_lambda_auth_full__MyApi.json';

/** Credential headers: what the assertions compare (the rest is fetch's own). */
const CREDENTIAL_HEADERS = [
  'authorization',
  'cookie',
  'x-api-key',
  'x-auth',
  'x-account-token',
  'myauthorizationheader',
  'mycustomauthheader',
  'authorization1',
  'x-openfigi-apikey',
];

function credentials(request: Seen): Record<string, string | string[] | undefined> {
  return Object.fromEntries(
    CREDENTIAL_HEADERS.filter((name) => request.headers[name] !== undefined).map((name) => [name, request.headers[name]]),
  );
}

/** Type tests compiled with the package: each `@ts-expect-error` must meet an error, or the build fails. */
const TYPE_TESTS = {
  ledger: `import { LedgerAPIClient } from './index.js';
const client = new LedgerAPIClient({ baseUrl: 'https://example.com', auth: { HeaderTokenAuthorizer: () => 'token' } });
// @ts-expect-error: the request authorizer's header and query string are required inputs
void client.listAccountEntries({ path: { accountId: 'a' } });
void client.listAccountEntries({ path: { accountId: 'a' }, query: { region: 'eu' }, headers: { 'x-account-token': 't' } });
// @ts-expect-error: no scheme of this API is named so
void new LedgerAPIClient({ baseUrl: 'https://example.com', auth: { NotAScheme: 'x' } });
// @ts-expect-error: the API key comes from the authorizer, so it is not a client credential
void new LedgerAPIClient({ baseUrl: 'https://example.com', auth: { UsagePlanKey: 'x' } });
`,
  ably: `import { PlatformAPIClient } from './index.js';
void new PlatformAPIClient({ baseUrl: 'https://example.com', auth: { basicAuth: { username: 'u', password: 'p' }, bearerAuth: 't' } });
// @ts-expect-error: HTTP basic takes a user name and a password, not a token
void new PlatformAPIClient({ baseUrl: 'https://example.com', auth: { basicAuth: 'token' } });
`,
};

describe('generated SDK authentication against a local server', () => {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  let baseUrl = '';
  const sdks: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const corpus = (path: string) => join(corpusRoot, path);
    const builds: [string, Promise<Record<string, unknown>>][] = [
      ['ledger', buildSdk(join(fixturesRoot, 'valid/rest-authorizer-sources.yaml'), { sources: { 'auth-types.ts': TYPE_TESTS.ledger } })],
      ['accounts', buildSdk(join(fixturesRoot, 'valid/rest-auth.yaml'))],
      ['samRest', buildSdk(corpus(SAM_REST))],
      ['samHttp', buildSdk(corpus(SAM_HTTP))],
      ['mercure', buildSdk(corpus('general/apisguru__mercure.local__0.3.2.yaml'))],
      ['openfigi', buildSdk(corpus('general/apisguru__openfigi.com__1.4.0.yaml'))],
      ['here', buildSdk(corpus('general/apisguru__here.com__positioning__2.1.1.yaml'))],
      ['ably', buildSdk(corpus('general/apisguru__ably.io__platform__1.1.0.yaml'), { sources: { 'auth-types.ts': TYPE_TESTS.ably } })],
    ];
    for (const [name, module] of builds) sdks[name] = await module;
  }, 300_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  function client(sdk: string, className: string, options: object): AnyClient {
    const Client = sdks[sdk]![className] as new (options: object) => AnyClient;
    return new Client({ baseUrl, retry: { maxAttempts: 1 }, ...options });
  }

  it("sends a token authorizer's token in the header its identity source names, and no x-api-key when API Gateway takes the key from the authorizer", async () => {
    // Expected: the identity source of a TOKEN authorizer is "the custom header holding the authorization token"
    // (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html, identitySource); with
    // `x-amazon-apigateway-api-key-source: AUTHORIZER` the key is the authorizer's usageIdentifierKey
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html).
    const ledger = client('ledger', 'LedgerAPIClient', {
      apiKey: 'key-1',
      token: 'fallback',
      auth: { HeaderTokenAuthorizer: () => 'tok-1' },
    });
    await ledger.listEntries!();
    expect(seen.map((request) => [request.url, credentials(request)])).toStrictEqual([['/entries', { 'x-auth': 'tok-1' }]]);
  });

  it("sends a request authorizer's header and query identity sources as the call's parameters, leaving out stage variables and context", async () => {
    const ledger = client('ledger', 'LedgerAPIClient', {});
    await ledger.listAccountEntries!({
      path: { accountId: 'a1' },
      query: { region: 'eu west', limit: 5 },
      headers: { 'x-account-token': 'acct' },
    });
    // SAM input tests/translator/input/http_api_lambda_auth_full.yaml: Identity Headers [Authorization], QueryStrings [petId].
    const http = client('samHttp', 'ApiClient', {});
    await http.getBasic!({ query: { petId: '7' }, headers: { Authorization: 'allow' } });
    expect(seen.map((request) => [request.method, request.url, credentials(request)])).toStrictEqual([
      ['GET', '/accounts/a1/entries?limit=5&region=eu%20west', { 'x-account-token': 'acct' }],
      ['GET', '/basic?petId=7', { authorization: 'allow' }],
    ]);
  });

  it('sends each SAM authorizer its own header, and the API key SAM requires beside it', async () => {
    // SAM input tests/translator/input/state_machine_with_api_authorizer_maximum.yaml: ApiKeyRequired: true;
    // MyCognitoAuth Identity.Header MyAuthorizationHeader (the default authorizer: PUT /users); MyLambdaTokenAuth
    // Identity.Header MyCustomAuthHeader; MyLambdaRequestAuth Headers [Authorization1], QueryStrings [Authorization2];
    // GET / has Authorizer: NONE. API Gateway takes `api_key` in a separate requirement as "API key required".
    const sam = client('samRest', 'ApiClient', {
      auth: { MyCognitoAuth: 'cognito-id-token', MyLambdaTokenAuth: 'lambda-token', api_key: 'usage-key' },
    });
    await sam.putUsers!();
    await sam.getUsers!();
    await sam.deleteUsers!({ query: { Authorization2: 'q' }, headers: { Authorization1: 'h' } });
    await sam.getRoot!();
    expect(seen.map((request) => [request.method, request.url, credentials(request)])).toStrictEqual([
      ['PUT', '/users', { myauthorizationheader: 'cognito-id-token', 'x-api-key': 'usage-key' }],
      ['GET', '/users', { mycustomauthheader: 'lambda-token', 'x-api-key': 'usage-key' }],
      ['DELETE', '/users?Authorization2=q', { authorization1: 'h', 'x-api-key': 'usage-key' }],
      ['GET', '/', { 'x-api-key': 'usage-key' }],
    ]);
  });

  it('takes a scheme of `auth` over the `token` and `apiKey` shorthands, and sends every scheme of an AND requirement', async () => {
    const accounts = client('accounts', 'AccountsAPIClient', {
      apiKey: 'shorthand-key',
      token: 'shorthand-token',
      auth: { CognitoUserPool: 'id-token' },
    });
    await accounts.updateProfile!({ body: {} });
    await accounts.listReports!();
    expect(seen.map((request) => credentials(request))).toStrictEqual([
      { authorization: 'id-token', 'x-api-key': 'shorthand-key' },
      { authorization: 'shorthand-token' },
    ]);
  });

  it("applies a third-party document's root security: bearer or cookie, whichever the client has", async () => {
    // The document's root `security: [{Bearer: []}, {Cookie: []}]`, Cookie being `in: cookie, name: mercureAuthorization`;
    // bearer tokens as RFC 6750 section 2.1 sends them.
    await client('mercure', 'TheMercureProtocolClient', { auth: { Cookie: 'jwt-1' } }).getWellKnownMercureSubscriptions!();
    await client('mercure', 'TheMercureProtocolClient', { auth: { Bearer: 'jwt-2', Cookie: 'jwt-3' } }).getWellKnownMercureSubscriptions!();
    await client('mercure', 'TheMercureProtocolClient', { headers: { cookie: 'theme=dark' }, auth: { Cookie: 'a b;c' } })
      .getWellKnownMercureSubscriptions!();
    expect(seen.map((request) => credentials(request))).toStrictEqual([
      { cookie: 'mercureAuthorization=jwt-1' },
      { authorization: 'Bearer jwt-2' },
      // RFC 6265 section 4.1.1: no space or semicolon in a cookie value.
      { cookie: 'theme=dark; mercureAuthorization=a%20b%3Bc' },
    ]);
  });

  it('sends an optional credential (`security: [{}, {ApiKeyAuth: []}]`) only when the client has it', async () => {
    await client('openfigi', 'OpenFIGIAPIClient', {}).getMappingValuesKey!({ path: { key: 'idType' } });
    await client('openfigi', 'OpenFIGIAPIClient', { auth: { ApiKeyAuth: 'figi-key' } }).getMappingValuesKey!({ path: { key: 'idType' } });
    expect(seen.map((request) => [request.url, credentials(request)])).toStrictEqual([
      ['/mapping/values/idType', {}],
      ['/mapping/values/idType', { 'x-openfigi-apikey': 'figi-key' }],
    ]);
  });

  it('sends an API key in the query string, or a bearer token, as the alternatives allow', async () => {
    await client('here', 'HERENetworkPositioningAPIV2Client', { auth: { APIKey: 'k y&' } }).getHealth!();
    await client('here', 'HERENetworkPositioningAPIV2Client', { auth: { AccessToken: async () => Promise.resolve('at') } }).getHealth!();
    expect(seen.map((request) => [request.url, credentials(request)])).toStrictEqual([
      ['/health?apiKey=k%20y%26', {}],
      ['/health', { authorization: 'Bearer at' }],
    ]);
  });

  it('sends HTTP basic credentials as RFC 7617 says, UTF-8 included', async () => {
    await client('ably', 'PlatformAPIClient', { auth: { basicAuth: { username: 'app.key', password: 'pässwörd:1' } } })
      .getMetadataOfAllChannels!();
    // RFC 7617 section 2: base64 of user-id ":" password; section 2.1: UTF-8 when the server asks for it.
    expect(seen.map((request) => credentials(request))).toStrictEqual([
      { authorization: `Basic ${Buffer.from('app.key:pässwörd:1', 'utf8').toString('base64')}` },
    ]);
  });
});
