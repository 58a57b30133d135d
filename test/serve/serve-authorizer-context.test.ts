import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { compile, replaceFiles, writeHandlers } from '../support/handlers-package.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * The context a Lambda authorizer returns, from its implemented stub to the operations it
 * guards, through `serve`: the implementations read it with the types the generated code gives
 * them (compiled with the package's strict tsconfig; a misspelt key does not compile), and get
 * at run time what the types say: strings for a REST API, the values as returned for an HTTP
 * API (payload 2.0).
 *
 * Expected values and their sources:
 * - REST: the context's values stringified ("Their values are stringified, for example,
 *   "stringval", "123", or "true""), with `principalId` and `integrationLatency`:
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 *   (quoted in https://github.com/dherault/serverless-offline/issues/480),
 *   https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayProxyEventPrincipalId.json
 * - HTTP API payload 2.0: the context under `requestContext.authorizer.lambda`, a JSON object
 *   (`Lambda map[string]interface{}` in https://github.com/aws/aws-lambda-go/blob/main/events/apigw.go):
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-lambda-authorizer.json
 */

const stubs = (name: string, files: string[]) =>
  Object.fromEntries(
    files.map((file) => [
      `src/authorizers/${file}.ts`,
      readFileSync(join(repoRoot, 'fixtures/handler-consumers/authorizers', name, `${file}.ts`), 'utf8'),
    ]),
  );

const REST_OPERATIONS = {
  'src/functions/vault/list-reports.ts': `import type { ListReportsHandler } from './operations.gen.js';

export const listReports: ListReportsHandler = ({ event }) => {
  const { tenantId, seats, admin, principalId, integrationLatency } = event.requestContext.authorizer;
  const typed: { tenantId: string; seats: \`\${number}\`; admin: 'true' | 'false'; principalId: string; integrationLatency: number } = {
    tenantId,
    seats,
    admin,
    principalId,
    integrationLatency,
  };
  return { statusCode: 200, body: { typed, runtime: [typeof seats, typeof admin] } };
};
`,
  'src/functions/vault/get-tenant.ts': `import type { GetTenantHandler } from './operations.gen.js';

export const getTenant: GetTenantHandler = ({ event }) => {
  const { tenant, plan, key } = event.requestContext.authorizer;
  return { statusCode: 200, body: { typed: { tenant, plan, key } } };
};
`,
};

const HTTP_OPERATIONS = {
  'src/functions/shop/get-simple.ts': `import type { GetSimpleHandler } from './operations.gen.js';

export const getSimple: GetSimpleHandler = ({ event }) => {
  const { partner, tier, regions } = event.requestContext.authorizer.lambda;
  const typed: { partner: string; tier: number; regions: string[] } = { partner, tier, regions };
  return { statusCode: 200, body: { typed, runtime: [typeof tier, Array.isArray(regions)] } };
};
`,
  'src/functions/shop/get-policy.ts': `import type { GetPolicyHandler } from './operations.gen.js';

export const getPolicy: GetPolicyHandler = ({ event }) => {
  const { routeKey, verified } = event.requestContext.authorizer.lambda;
  const typed: { routeKey: string; verified: boolean } = { routeKey, verified };
  return { statusCode: 200, body: { typed, runtime: typeof verified } };
};
`,
};

/** The package of a serve fixture with implemented authorizers and operations, compiled; resolves to its folder. */
async function implementedPackage(document: string, sources: Record<string, string>): Promise<string> {
  const { out } = await writeHandlers(document);
  replaceFiles(out, sources);
  const errors = await compile(out);
  if (errors !== '') throw new Error(`the handlers do not compile:\n${errors}`);
  return out;
}

async function serve(document: string, handlers: string, stage: string): Promise<RunningServer> {
  const api = await loadApi(document);
  const gateway = new LocalGateway(api.model, {
    document: api.document,
    stage,
    handlers: new LambdaHandlers(api.model, handlers),
    warn: () => {},
  });
  return startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} });
}

let rest: RunningServer;
let http: RunningServer;
let restPackage: string;

beforeAll(async () => {
  const restDocument = join(fixturesRoot, 'serve/rest-authorizers.yaml');
  const httpDocument = join(fixturesRoot, 'serve/http-authorizers.yaml');
  const [restOut, httpOut] = await Promise.all([
    implementedPackage(restDocument, { ...stubs('vault', ['bearer-token', 'tenant-request']), ...REST_OPERATIONS }),
    implementedPackage(httpDocument, { ...stubs('shop', ['simple-key', 'policy-key']), ...HTTP_OPERATIONS }),
  ]);
  restPackage = restOut;
  [rest, http] = await Promise.all([serve(restDocument, restOut, 'dev'), serve(httpDocument, httpOut, '$default')]);
}, 120_000);

afterAll(() => Promise.all([rest?.close(), http?.close()]));

async function call(server: RunningServer, path: string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, body: await response.json() };
}

describe('the context of an implemented Lambda authorizer, through serve', () => {
  it('reaches a REST operation as its types say: strings, with the principal and latency', async () => {
    expect(await call(rest, '/reports', { authorization: 'Bearer acme.42' })).toStrictEqual({
      status: 200,
      body: {
        typed: { tenantId: 'acme', seats: '42', admin: 'false', principalId: 'user-of-acme', integrationLatency: 0 },
        runtime: ['string', 'string'],
      },
    });
  });

  it("reaches a REST operation from a REQUEST authorizer's own policy objects", async () => {
    expect(await call(rest, '/tenants/t-1?key=k-9', { 'x-tenant': 'acme' })).toStrictEqual({
      status: 200,
      body: { typed: { tenant: 'acme', plan: 'gold', key: 'k-9' } },
    });
  });

  it('reaches an HTTP API route (payload 2.0) as returned: numbers and arrays kept, under lambda', async () => {
    expect(await call(http, '/simple', { 'x-key': 'open-sesame' })).toStrictEqual({
      status: 200,
      body: { typed: { partner: 'acme', tier: 2, regions: ['eu-west-1', 'us-east-1'] }, runtime: ['number', true] },
    });
    expect(await call(http, '/policy', { 'x-key': 'let-me-in' })).toStrictEqual({
      status: 200,
      body: { typed: { routeKey: 'GET /policy', verified: true }, runtime: 'boolean' },
    });
  });

  it('does not compile an implementation that misreads the context', async () => {
    replaceFiles(restPackage, {
      'src/functions/vault/list-reports.ts': `import type { ListReportsHandler } from './operations.gen.js';

export const listReports: ListReportsHandler = ({ event }) => ({ statusCode: 200, body: { seats: event.requestContext.authorizer.seat } });
`,
    });
    expect(await compile(restPackage, ['--noEmit'])).toMatch(
      /src\/functions\/vault\/list-reports\.ts\(3,\d+\): error TS2551: Property 'seat' does not exist on type .*Did you mean 'seats'\?/,
    );
  });
});
