import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { SIGV4_DEPENDENCIES } from '../../src/targets/sdk/sigv4.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';
import { verifySigV4, type ReceivedRequest } from '../support/sigv4-verifier.js';

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

async function planFixture(fixture: string) {
  const { model } = await loadApi(join(fixturesRoot, 'valid', fixture));
  return planSdk(model, {});
}

/**
 * Generates a fixture's SDK package with an extra source file of type checks, links its declared
 * dependencies, compiles it with tsc --strict and imports the built package.
 */
async function buildSdk(fixture: string, typeChecks: string): Promise<Record<string, unknown>> {
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-sigv4-')), 'client');
  writePlan(out, await planFixture(fixture));
  writeFileSync(join(out, 'src/type-checks.ts'), typeChecks);
  linkDependencies(out);
  execFileSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json')], { encoding: 'utf8' });
  return (await import(pathToFileURL(join(out, 'dist/index.js')).href)) as Record<string, unknown>;
}

const IAM_TYPE_CHECKS = `
import { BuildJobsAPIClient, type AwsCredentialsProvider, type SigV4ClientOptions } from './index.js';

/** The shape of AWS SDK v3 providers such as fromNodeProviderChain() (AwsCredentialIdentityProvider). */
declare const fromNodeProviderChain: () => (identityProperties?: Record<string, unknown>) => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
}>;

export function typeChecks(): void {
  new BuildJobsAPIClient({ baseUrl: 'https://api.example.com', credentials: fromNodeProviderChain(), region: 'eu-west-1' });
  const provider: AwsCredentialsProvider = fromNodeProviderChain();
  const options: SigV4ClientOptions = { apiGateway: { restApiId: 'a', region: 'eu-west-1', stage: 'prod' }, credentials: provider };
  new BuildJobsAPIClient(options);
  // @ts-expect-error credentials need a secret access key
  new BuildJobsAPIClient({ baseUrl: 'https://api.example.com', credentials: { accessKeyId: 'AKID' } });
}
`;

const PLAIN_TYPE_CHECKS = `
import { BookstoreAPIClient } from './index.js';

export function typeChecks(): void {
  // @ts-expect-error only clients of APIs with IAM-authorized operations take credentials
  new BookstoreAPIClient({ baseUrl: 'https://api.example.com', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
}
`;

describe('SigV4 in SDK packages', () => {
  it('adds the signer, its dependencies and its options only to packages of APIs with IAM-authorized operations', async () => {
    const iam = await planFixture('rest-iam.yaml');
    const plain = await planFixture('rest-lambda-proxy.yaml');
    const file = (files: typeof iam, path: string) => files.find((planned) => planned.path === path)?.contents ?? '';
    expect(iam.map((planned) => planned.path)).toContain('src/runtime/sigv4.ts');
    expect(plain.map((planned) => planned.path)).not.toContain('src/runtime/sigv4.ts');
    const { model } = await loadApi(join(fixturesRoot, 'valid/rest-iam.yaml'));
    expect(file(planSdk(model, {}), 'src/runtime/sigv4.ts')).toBe(readFileSync(join(repoRoot, 'src/runtime/sigv4.ts'), 'utf8'));
    expect(JSON.parse(file(iam, 'package.json'))).toMatchObject({
      dependencies: { '@aws-crypto/sha256-js': '^5.2.0', '@smithy/signature-v4': '^5.7.5' },
    });
    expect(JSON.parse(file(plain, 'package.json'))).not.toHaveProperty('dependencies');
    expect(file(iam, 'src/client.gen.ts')).toContain('constructor(options: SigV4ClientOptions)');
    expect(file(plain, 'src/client.gen.ts')).not.toMatch(/sigv4|SigV4/i);
    // Typed with the API's own schemes in the client file, which the index re-exports.
    expect(file(iam, 'src/client.gen.ts')).toContain('export type SigV4ClientOptions = CoreSigV4ClientOptions<ClientAuth>;');
    expect(file(iam, 'src/index.ts')).toContain("export * from './client.gen.js';");
    // The pluggable signer of the operation functions comes from the runtime's own file, which only IAM packages have.
    expect(file(iam, 'src/index.ts')).toContain(
      "export { sigv4Auth, type AwsCredentials, type AwsCredentialsProvider, type SigV4Options } from './runtime/sigv4.js';",
    );
  });

  it('declares the signer versions this repository tests against', () => {
    // `serve` verifies signatures with the same signer, so it may be a dependency rather than a dev one.
    const { dependencies, devDependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const pinned = { ...devDependencies, ...dependencies };
    for (const [name, range] of Object.entries(SIGV4_DEPENDENCIES)) expect(range).toBe(`^${pinned[name]}`);
  });
});

/** A local server that records raw requests and answers from a queue of scripted responses. */
function recordingServer() {
  const seen: ReceivedRequest[] = [];
  const answers: { status: number; body?: unknown; headers?: Record<string, string> }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      const answer = answers.shift() ?? { status: 200, body: {} };
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  return { server, seen, answers };
}

type AnyClient = Record<string, (params?: object, options?: object) => Promise<unknown>>;

const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret/Example+Key', sessionToken: 'session token/+=' };
const region = 'eu-west-1';

describe('generated SDK client signs IAM operations for a local server', () => {
  const { server, seen, answers } = recordingServer();
  let baseUrl = '';
  let buildJobs: Record<string, unknown>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/prod`;
    [buildJobs] = await Promise.all([buildSdk('rest-iam.yaml', IAM_TYPE_CHECKS), buildSdk('rest-lambda-proxy.yaml', PLAIN_TYPE_CHECKS)]);
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function client(options: object): AnyClient {
    const Client = buildJobs.BuildJobsAPIClient as new (options: object) => AnyClient;
    return new Client({ baseUrl, ...options });
  }

  /** Asserts that a received request carries a valid signature by the given credentials. */
  function expectSigned(request: ReceivedRequest, signer = credentials) {
    const check = verifySigV4(request, { credentials: signer, region });
    expect(check.received).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(check.received).toBe(check.expected);
    expect(check.received).toContain(`Credential=${signer.accessKeyId}/${check.scopeDate}/${region}/execute-api/aws4_request, `);
    const date = String(request.headers['x-amz-date']);
    expect(date).toMatch(new RegExp(`^${check.scopeDate}T\\d{6}Z$`));
    const signedAt = Date.parse(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(Math.abs(Date.now() - signedAt)).toBeLessThan(5 * 60_000);
    expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-security-token']));
    expect(request.headers['x-amz-security-token']).toBe(signer.sessionToken);
    const contentHash = request.headers['x-amz-content-sha256'];
    if (contentHash !== undefined) expect(contentHash).toBe(createHash('sha256').update(request.body).digest('hex'));
    return check;
  }

  it('signs a JSON body, and the content type with it', async () => {
    seen.length = 0;
    answers.push({ status: 201, body: { id: 'j1', state: 'queued' } });
    const api = client({ credentials, region });
    expect(await api.createJob!({ body: { repository: 'acme/app', branch: 'main' } })).toStrictEqual({ id: 'j1', state: 'queued' });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(JSON.parse(String(request!.body))).toStrictEqual({ repository: 'acme/app', branch: 'main' });
    expect(expectSigned(request!).signedHeaders).toContain('content-type');
  });

  it('signs the path, the query and the API key of an operation that needs both', async () => {
    seen.length = 0;
    const api = client({ credentials: () => Promise.resolve(credentials), region, apiKey: 'key-123' });
    await api.getJob!({ path: { jobId: 'job 1/ü' }, query: { include: ['logs', 'artifacts'], verbose: true } });
    const [request] = seen;
    expect(request!.url).toBe('/prod/jobs/job%201%2F%C3%BC?include=logs&include=artifacts&verbose=true');
    expect(request!.headers['x-api-key']).toBe('key-123');
    expect(expectSigned(request!).signedHeaders).toContain('x-api-key');
  });

  it('hashes binary bodies given as bytes or as a Blob', async () => {
    seen.length = 0;
    answers.push({ status: 204 }, { status: 204 });
    const api = client({ credentials, region });
    const bytes = Uint8Array.from([0, 1, 2, 253, 254, 255]);
    await api.uploadArtifact!({ path: { jobId: 'j1' }, body: bytes });
    await api.uploadArtifact!({ path: { jobId: 'j1' }, body: new Blob([bytes], { type: 'application/octet-stream' }) });
    expect(seen.map((request) => [...(request.body as Buffer)])).toStrictEqual([[...bytes], [...bytes]]);
    for (const request of seen) expectSigned(request);
  });

  it('does not sign operations that IAM does not authorize', async () => {
    seen.length = 0;
    const api = client({ credentials, region, apiKey: 'key-123' });
    await api.getHealth!();
    await api.getQuota!();
    expect(
      seen.map((request) => [
        request.headers.authorization,
        request.headers['x-amz-date'],
        request.headers['x-amz-security-token'],
        request.headers['x-api-key'],
      ]),
    ).toStrictEqual([
      [undefined, undefined, undefined, undefined],
      [undefined, undefined, undefined, 'key-123'],
    ]);
  });

  it('signs a retry after 429 again, with a new date and fresh credentials', async () => {
    seen.length = 0;
    let calls = 0;
    const rotating = () => {
      calls += 1;
      return Promise.resolve({ accessKeyId: `AKIA${calls}`, secretAccessKey: `secret-${calls}`, sessionToken: `token-${calls}` });
    };
    answers.push(
      { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '1' } },
      { status: 200, body: { id: 'j1' } },
    );
    const api = client({ credentials: rotating, region, apiKey: 'key-123', retry: { maxAttempts: 2 } });
    expect(await api.getJob!({ path: { jobId: 'j1' } })).toStrictEqual({ id: 'j1' });
    expect(seen).toHaveLength(2);
    const [first, second] = seen;
    const firstCheck = expectSigned(first!, { accessKeyId: 'AKIA1', secretAccessKey: 'secret-1', sessionToken: 'token-1' });
    const secondCheck = expectSigned(second!, { accessKeyId: 'AKIA2', secretAccessKey: 'secret-2', sessionToken: 'token-2' });
    expect(second!.headers['x-amz-date']).not.toBe(first!.headers['x-amz-date']);
    expect(secondCheck.received).not.toBe(firstCheck.received);
  });

  it('takes the region from apiGateway when the base URL does not name one', async () => {
    seen.length = 0;
    const api = client({ credentials, apiGateway: { restApiId: 'j0b5a1p2i3', region: 'ap-southeast-2', stage: 'prod' } });
    await api.createJob!({ body: { repository: 'acme/app' } });
    const check = verifySigV4(seen[0]!, { credentials, region: 'ap-southeast-2' });
    expect(check.received).toBe(check.expected);
    expect(check.received).toContain('/ap-southeast-2/execute-api/aws4_request');
  });

  it('refuses to send IAM operations it cannot sign, saying what is missing, and still sends the others', async () => {
    seen.length = 0;
    await expect(client({}).createJob!({ body: { repository: 'acme/app' } })).rejects.toThrow(
      'POST /jobs is authorized by AWS IAM: pass `signer: sigv4Auth({ credentials })` (or `credentials` to the client class) to sign it.',
    );
    await expect(client({ credentials }).createJob!({ body: { repository: 'acme/app' } })).rejects.toThrow(
      /needs the AWS region: pass `region`/,
    );
    expect(seen).toHaveLength(0);
    await client({}).getHealth!();
    expect(seen).toHaveLength(1);
  });
});
