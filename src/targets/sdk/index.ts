import { readFileSync } from 'node:fs';
import { renderTemplate } from '../../emit/handlebars.js';
import { jsDocComment, PRINT_WIDTH } from '../../emit/layout.js';
import { planModelTypes } from '../../emit/model-types.js';
import { splitWords } from '../../model/names.js';
import type { ApiModel } from '../../model/types.js';
import { packageFile } from '../../package-root.js';
import type { Target } from '../target.js';
import { planAuth } from './auth.js';
import { clientOperations } from './cors-preflight.js';
import { planDateShapes } from './dates.js';
import { planOperations } from './operations.js';
import { planReadme } from './readme.js';
import { planSigV4 } from './sigv4.js';

export interface SdkOptions {
  /** npm package name; by default the API title in kebab case plus `-client`. */
  name?: string;
  /** Package version; by default the document's `info.version` when it is semver, else 0.0.0. */
  version?: string;
  /**
   * `format: date-time` strings as `Date`s: success bodies are revived, requests take `Date`s and
   * send them as ISO 8601 strings. Off by default: every string stays a string.
   */
  dates?: boolean;
}

/**
 * Plans the SDK package of an API: package skeleton, schema types, one exported function per
 * operation (CORS preflights left out) and a client class whose methods call them, the runtime
 * they run on (form encoders, event streams and SigV4 signing only when some operation needs
 * them), and a README with an example call for every operation.
 */
export const planSdk: Target<SdkOptions> = (api, options) => {
  const model = clientOperations(api);
  const dates = options.dates ?? false;
  const { declarations, refName, withDates } = planModelTypes(model, { dates });
  const className = `${model.typeName}Client`;
  const client = planOperations(model, { className, types: refName, ...(dates ? { withDates } : {}) });
  const sigv4 = planSigV4(model);
  const auth = planAuth(model);
  const helperFiles = Object.keys(client.helpers).sort();
  const index = [
    `export * from './client.gen.js';`,
    printNamed('export', RUNTIME_EXPORTS, './runtime/client.js'),
    `export type * as Models from './models.gen.js';`,
    ...(client.helpers['sse.js'] ? [`export type { ServerSentEvent } from './runtime/sse.js';`] : []),
    ...sigv4.exports,
  ];
  return [
    {
      path: 'package.json',
      contents: `${JSON.stringify(packageJson(model, options, sigv4.dependencies), null, 2)}\n`,
      ownership: 'generated',
    },
    { path: 'tsconfig.json', contents: `${JSON.stringify(tsconfig, null, 2)}\n`, ownership: 'generated' },
    { path: 'tsconfig.cjs.json', contents: `${JSON.stringify(commonJsTsconfig, null, 2)}\n`, ownership: 'generated' },
    { path: 'scripts/build.mjs', contents: readFileSync(packageFile('src/runtime/build-sdk-package.mjs'), 'utf8'), ownership: 'generated' },
    { path: 'src/models.gen.ts', contents: renderTemplate('sdk/models.gen.ts', { declarations }), ownership: 'generated' },
    ...(client.usesDateShapes
      ? [
          {
            path: 'src/dates.gen.ts',
            contents: renderTemplate('sdk/dates.gen.ts', { declarations: planDateShapes(model, withDates) }),
            ownership: 'generated' as const,
          },
        ]
      : []),
    {
      path: 'src/client.gen.ts',
      contents: renderTemplate('sdk/client.gen.ts', {
        className,
        ...client,
        clientImport: clientImport(auth.runtimeTypes, client.helpers['sse.js'] !== undefined),
        helperImports: helperFiles.map((file) => printNamed('import', client.helpers[file]!, `./runtime/${file}`)),
        firstOperation: model.operations[0]?.name ?? 'operation',
        clientAuth: auth.clientAuth,
        sigv4: sigv4.enabled,
        classDoc: jsDocComment(model.description ?? `Client for ${displayTitle(model) || 'the API'}.`, 0),
      }),
      ownership: 'generated',
    },
    ...[
      ...RUNTIME_FILES,
      ...helperFiles.map((file) => file.replace(/\.js$/, '.ts')).filter((file) => !RUNTIME_FILES.includes(file)),
      ...sigv4.runtimeFiles,
    ].map((name) => ({
      path: `src/runtime/${name}`,
      contents: readFileSync(packageFile(`src/runtime/${name}`), 'utf8'),
      ownership: 'generated' as const,
    })),
    { path: 'src/index.ts', contents: `${index.join('\n')}\n`, ownership: 'generated' },
    planReadme(model, { className, packageName: options.name ?? defaultPackageName(model), dates }),
  ];
};

/** The client file's imports of the runtime: what its declarations use. */
function clientImport(authTypes: readonly string[], events: boolean): string {
  const names = [
    'ApiClientCore',
    'ApiError',
    ...authTypes.filter((name) => name === 'BasicCredentials').map((name) => `type ${name}`),
    'type CallOptions',
    'type ClientOptions as CoreClientOptions',
    'type GatewayErrorBody',
    'type OperationSpec',
    ...authTypes.filter((name) => name === 'TokenProvider').map((name) => `type ${name}`),
  ];
  const core = printNamed('import', names, './runtime/client.js');
  return events ? `${core}\nimport type { ServerSentEvent } from './runtime/sse.js';` : core;
}

/** What the package exports of the runtime client (`ClientOptions` comes from the client file, typed with the API's schemes). */
const RUNTIME_EXPORTS = [
  'ApiClientCore',
  'ApiError',
  'type BasicCredentials',
  'type CallOptions',
  'type ErrorContext',
  'type GatewayErrorBody',
  'type Middleware',
  'type RequestContext',
  'type ResponseContext',
  'type TokenProvider',
];

/** `import { a, b } from '…';` (or `export`), one name per line when too long, as Prettier prints it. */
function printNamed(keyword: 'import' | 'export', names: readonly string[], from: string): string {
  const flat = `${keyword} { ${names.join(', ')} } from '${from}';`;
  return flat.length <= PRINT_WIDTH ? flat : `${keyword} {\n${names.map((name) => `  ${name},`).join('\n')}\n} from '${from}';`;
}

/** Runtime helpers copied verbatim into every package (real, tested sources of this repository). */
const RUNTIME_FILES = ['client.ts', 'form-body.ts', 'retry.ts', 'serialize.ts', 'write-body.ts'];

/** A valid npm package name from an API title. */
function defaultPackageName(model: ApiModel): string {
  const words = splitWords(model.title.replace(/\$\{[^}]*\}/g, '')).map((word) => word.toLowerCase());
  return `${words.join('-') || 'api'}-client`.slice(0, 214);
}

/** The title without CloudFormation variables and the punctuation they leave behind. */
function displayTitle(model: ApiModel): string {
  return model.title.replace(/\$\{[^}]*\}/g, '').replace(/^[\s\-_.:]+|[\s\-_.:]+$/g, '');
}

/**
 * ES modules and CommonJS, each with its declarations, for every resolver: `exports` conditions
 * for Node and bundlers, `main`/`types` for `moduleResolution: node` (node10) and older tools.
 * `prepack` builds, so that `npm pack` and `npm publish` never ship a package without `dist`.
 * Node 18 has every global the runtime uses (`fetch`, `AbortSignal.timeout`, `Object.hasOwn`).
 */
function packageJson(model: ApiModel, options: SdkOptions, dependencies: Record<string, string>): object {
  const version = options.version ?? (/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(model.version) ? model.version : '0.0.0');
  return {
    name: options.name ?? defaultPackageName(model),
    version,
    description: `Typed client for ${displayTitle(model) || 'the API'}, generated by apigw-gen.`,
    type: 'module',
    main: './dist/cjs/index.js',
    module: './dist/index.js',
    types: './dist/cjs/index.d.ts',
    exports: {
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
      },
      './package.json': './package.json',
    },
    // Bundlers drop the modules, operations and runtime helpers a program does not use.
    sideEffects: false,
    files: ['dist'],
    engines: { node: '>=18' },
    scripts: { build: 'node scripts/build.mjs', prepack: 'npm run build' },
    ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}),
    devDependencies: { typescript: '^5.9.3' },
  };
}

/** The ES module build; its sources compile with TypeScript 5.0 and newer, and with `exactOptionalPropertyTypes`. */
const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    strict: true,
    declaration: true,
    outDir: 'dist',
    rootDir: 'src',
    skipLibCheck: true,
  },
  include: ['src'],
};

/** The CommonJS build, beside the ES modules' (`require` reads `.js` files as CommonJS under dist/cjs/package.json). */
const commonJsTsconfig = {
  extends: './tsconfig.json',
  compilerOptions: { module: 'CommonJS', moduleResolution: 'Node10', outDir: 'dist/cjs' },
};
