import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { UsagePlans } from '../../src/serve/usage-plans.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * `x-amazon-apigateway-api-key-source: AUTHORIZER` under `serve`, over real HTTP: the API key that
 * usage plans check is the `usageIdentifierKey` the Lambda authorizer returns, not the client's
 * `x-api-key` header (the key sources page below); a key no usage plan holds, or none, is API
 * Gateway's 403 `{"message":"Forbidden"}` (INVALID_API_KEY).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */

const AUTHORIZER = `export const handler = async (event) => {
  const token = event.authorizationToken.replace(/^Bearer /, '');
  const policy = { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] };
  return { principalId: token, policyDocument: policy, ...(token === 'anonymous' ? {} : { usageIdentifierKey: token }) };
};
`;

const WHOAMI = `export const handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ apiKey: event.requestContext.identity.apiKey, apiKeyId: event.requestContext.identity.apiKeyId }),
});
`;

let server: RunningServer;
let handlers: LambdaHandlers;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-key-source-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(folder, 'dist/authorizers'), { recursive: true });
  writeFileSync(join(folder, 'dist/authorizers/key-token.js'), AUTHORIZER);
  mkdirSync(join(folder, 'dist/functions/whoami'), { recursive: true });
  writeFileSync(join(folder, 'dist/functions/whoami/index.js'), WHOAMI);
  const { model, document } = await loadApi(join(fixturesRoot, 'serve/rest-api-key-source.yaml'));
  handlers = new LambdaHandlers(model, folder);
  const gateway = new LocalGateway(model, {
    document,
    stage: 'dev',
    handlers,
    usagePlans: new UsagePlans('dev', [{ name: 'metered', stages: ['dev'], methodThrottles: [], keyValues: ['key-1'] }], []),
  });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(async () => {
  await server.close();
  await handlers.close();
});

const call = async (token: string, apiKey?: string, path = '/metered') => {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }) },
  });
  return { status: response.status, body: await response.text() };
};

describe('serve: API keys from the Lambda authorizer (api-key-source AUTHORIZER)', () => {
  it('admits the key the authorizer names as usageIdentifierKey, with no x-api-key header', async () => {
    expect(await call('key-1')).toStrictEqual({ status: 200, body: '{"metered": true}' });
  });

  it('refuses a usageIdentifierKey no usage plan holds, or none, whatever x-api-key the client sends', async () => {
    for (const [token, header] of [
      ['key-9', 'key-1'],
      ['anonymous', 'key-1'],
    ] as const) {
      const { status, body } = await call(token, header);
      expect(status, `${token}`).toBe(403);
      expect(JSON.parse(body), `${token}`).toStrictEqual({ message: 'Forbidden' });
    }
  });

  // The context reference: "$context.identity.apiKey: For API methods that require an API key, this
  // variable is the API key associated with the method request"; with the AUTHORIZER source that is
  // the authorizer's usageIdentifierKey, not the x-api-key header the client also sent.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
  it('gives templates and proxy events the usageIdentifierKey as $context.identity.apiKey and apiKeyId', async () => {
    for (const path of ['/whoami', '/whoami-proxy']) {
      const { status, body } = await call('key-1', 'not-the-key', path);
      expect({ status, body: JSON.parse(body) as unknown }, `${path}`).toStrictEqual({
        status: 200,
        body: { apiKey: 'key-1', apiKeyId: 'key-1' },
      });
    }
  });

  // The same reference: "For methods that don't require an API key, this variable is null"; the proxy
  // event then has no `apiKey` in requestContext.identity, as AWS recorded it: localstack/localstack
  // tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (test_lambda_aws_proxy_integration, 8b9a79f).
  it('gives a method that requires no API key no requestContext.identity.apiKey, whatever x-api-key the client sends', async () => {
    const { status, body } = await call('key-1', 'key-1', '/whoami-open');
    expect({ status, body: JSON.parse(body) as unknown }).toStrictEqual({ status: 200, body: {} });
  });
});
