import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runServer } from 'verdaccio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../src/emit/document-file.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { UsagePlans } from '../../src/serve/usage-plans.js';
import { planMockDocument } from '../../src/targets/mock/index.js';
import { main } from '../../src/cli/main.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { repoRoot } from '../support/paths.js';

/**
 * The release workflow end to end, against a real npm registry (Verdaccio, storage in a temp
 * folder, on 127.0.0.1): the SDK of the example project is generated, built and published with
 * `npm publish`; a fresh consumer installs it from the registry, type-checks against it, and calls
 * `apigw-gen serve` running the mock of the same document.
 */

const execFileAsync = promisify(execFile);
/** Runs a command; a failure carries what the command printed (tsc prints its errors on stdout). */
const run = (command: string, args: string[], options: { cwd?: string } = {}) =>
  execFileAsync(command, args, options).catch((error: { message: string; stdout?: string; stderr?: string }) => {
    throw new Error(`${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  });
const document = join(repoRoot, 'examples/pets-project/openapi/pets.yaml');
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'apigw-gen-registry-'));
let registry: Server;
let registryUrl: string;
let gateway: RunningServer;

beforeAll(async () => {
  const storage = join(work, 'storage');
  mkdirSync(storage);
  registry = (await runServer({
    self_path: join(work, 'config.yaml'),
    storage,
    auth: { htpasswd: { file: join(work, 'htpasswd'), max_users: 10 } },
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$authenticated' } },
    logs: { type: 'stdout', format: 'pretty', level: 'fatal' },
  })) as Server;
  await new Promise<void>((listening) => registry.listen(0, '127.0.0.1', listening));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;

  const { model, document: bundled } = await loadApi(document);
  const mockFile = join(work, 'pets.mock.yaml');
  writeFileSync(mockFile, serializeDocument(planMockDocument(model, { document: bundled, all: true }).document, 'yaml', 'test'));
  const mocked = await loadApi(mockFile);
  const local = new LocalGateway(mocked.model, { document: mocked.document, stage: 'test', usagePlans: new UsagePlans('test', [], []) });
  gateway = await startServer(local, { port: 0, host: '127.0.0.1', log: () => {} });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await new Promise((closed) => registry?.close(closed));
});

/** A project-local .npmrc with a token of a user created on the registry: the user's own npm config is never read. */
async function userConfig(): Promise<string> {
  const response = await fetch(new URL('-/user/org.couchdb.user:release-test', registryUrl), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: 'release-test-password' }),
  });
  expect(response.status).toBe(201);
  const { token } = (await response.json()) as { token: string };
  const path = join(work, '.npmrc');
  writeFileSync(path, `registry=${registryUrl}\n//${new URL(registryUrl).host}/:_authToken=${token}\n`);
  return path;
}

describe('an SDK released through a registry', () => {
  it('is published, installed from the registry by a consumer that type-checks against it, and calls serve', async () => {
    const npmrc = await userConfig();
    const npm = (args: string[], cwd: string) =>
      run('npm', [...args, '--registry', registryUrl, '--userconfig', npmrc, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

    const sdk = join(work, 'sdk');
    const io = { stdout: () => {}, stderr: () => {}, color: false };
    expect(await main(['sdk', document, '-o', sdk, '--name', '@release-test/pets-client', '--bump'], io)).toBe(0);
    linkDependencies(sdk, { dev: true });
    // No build step: `npm publish` builds first (the package's `prepack`).
    await npm(['publish'], sdk);

    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await npm(['install', '--save-exact', '@release-test/pets-client@1.0.0'], consumer);
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules/@release-test/pets-client/package.json'), 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe('1.0.0');

    writeFileSync(
      join(consumer, 'main.ts'),
      [
        "import { PetsAPIClient } from '@release-test/pets-client';",
        'const client = new PetsAPIClient({ baseUrl: process.argv[2]! });',
        'const pets = await client.listPets({ query: { limit: 2 } });',
        'const names: string[] = pets.map((pet) => `${pet.name} (${pet.kind})`);',
        'console.log(JSON.stringify(names));',
        '',
      ].join('\n'),
    );
    await run(
      process.execPath,
      [
        tsc,
        '--strict',
        '--target',
        'ES2022',
        '--module',
        'NodeNext',
        '--moduleResolution',
        'NodeNext',
        '--types',
        'node',
        '--typeRoots',
        join(repoRoot, 'node_modules/@types'),
        '--skipLibCheck',
        'main.ts',
      ],
      { cwd: consumer },
    );
    const { stdout } = await run(process.execPath, ['main.js', gateway.url], { cwd: consumer });
    expect(JSON.parse(stdout)).toStrictEqual(['Rex (dog)']);
  });
});
