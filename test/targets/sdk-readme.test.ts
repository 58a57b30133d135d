import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import type { ApiModel } from '../../src/model/types.js';
import { clientOperations, isCorsPreflight } from '../../src/targets/sdk/cors-preflight.js';
import { planSdk } from '../../src/targets/sdk/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { corpusRoot, fixturesRoot, repoRoot } from '../support/paths.js';

/** The options READMEs are laid out for (see src/emit/markdown.ts). */
const MARKDOWN = { parser: 'markdown', printWidth: 140, singleQuote: true, proseWrap: 'preserve' } as const;
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

const valid = readdirSync(join(fixturesRoot, 'valid')).filter((name) => /\.(ya?ml|json)$/.test(name));
const hostile = readdirSync(join(fixturesRoot, 'hostile')).filter((name) => /\.(ya?ml|json)$/.test(name));
const corpus = ['apigw', 'general'].flatMap((folder) =>
  readdirSync(join(corpusRoot, folder))
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => [`${folder}/${name}`, join(corpusRoot, folder, name)] as const),
);

function readmeOf(files: readonly PlannedFile[]): string {
  const readme = files.find((file) => file.path === 'README.md');
  if (!readme) throw new Error('no README.md in the plan');
  return readme.contents;
}

function fileOf(files: readonly PlannedFile[], path: string): string {
  return files.find((file) => file.path === path)?.contents ?? '';
}

async function fixtureModel(name: string): Promise<ApiModel> {
  return (await loadApi(join(fixturesRoot, 'valid', name))).model;
}

/** The code of every ```ts block (fences of any length). */
function tsBlocks(readme: string): string[] {
  return [...readme.matchAll(/^(`{3,})ts\n([\s\S]*?)\n\1$/gm)].map((match) => match[2]!);
}

/**
 * One module per ```ts block of a README, for the generated package's `src/`: its imports hoisted
 * (the package's own name importing `./index.js`), its statements in an async function, with
 * `client` declared for the blocks that use the client the quick start built.
 */
function exampleModules(readme: string, packageName: string, className: string): string[] {
  return tsBlocks(readme).map((block, index) => {
    const imports: string[] = [];
    const body = block.replace(/^import [\s\S]*? from (['"])(.*?)\1;\n/gm, (statement: string, _quote: string, from: string) => {
      imports.push(from === packageName ? statement.replace(/from (['"]).*\1;\n$/, "from './index.js';") : statement.trimEnd());
      return '';
    });
    return [
      ...imports,
      `declare const client: import('./index.js').${className};`,
      `export async function readmeExample${index}(): Promise<void> {`,
      body,
      '}',
      '',
    ].join('\n');
  });
}

/**
 * Writes a package and its README's examples, and compiles them with tsc --strict. The examples
 * run in a user's Node project, so Node's types are linked in, and `@aws-sdk/credential-providers`
 * is a stub with the real `fromNodeProviderChain` signature.
 */
function compileExamples(files: readonly PlannedFile[], model: ApiModel): string {
  const out = join(mkdtempSync(join(tmpdir(), 'apigw-gen-sdk-readme-')), 'client');
  writePlan(out, files);
  linkDependencies(out);
  const packageName = (JSON.parse(fileOf(files, 'package.json')) as { name: string }).name;
  const modules = exampleModules(readmeOf(files), packageName, `${model.typeName}Client`);
  modules.forEach((source, index) => writeFileSync(join(out, `src/readme-example-${index}.ts`), source));
  mkdirSync(join(out, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules/@types/node'), join(out, 'node_modules/@types/node'), 'dir');
  const stub = join(out, 'node_modules/@aws-sdk/credential-providers');
  mkdirSync(stub, { recursive: true });
  writeFileSync(
    join(stub, 'package.json'),
    JSON.stringify({ name: '@aws-sdk/credential-providers', version: '0.0.0', types: 'index.d.ts' }),
  );
  writeFileSync(
    join(stub, 'index.d.ts'),
    [
      'export interface AwsCredentialIdentity { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }',
      'export declare function fromNodeProviderChain(init?: object): (identityProperties?: Record<string, unknown>) => Promise<AwsCredentialIdentity>;',
      '',
    ].join('\n'),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
  } catch (error) {
    return `${(error as { stdout?: string }).stdout ?? String(error)}\n${modules.join('\n---\n')}`;
  }
  expect(modules.length).toBeGreaterThan(0);
  return '';
}

/** A document whose every text tries to break out of its Markdown or code context. */
const HOSTILE = {
  openapi: '3.0.3',
  info: {
    title: 'Evil ``` <script>alert(1)</script> */ `tick`\n# Heading',
    description:
      'Line one\n\n```\nfenced\n```\n<img src=x onerror=alert(1)>\n- list\n1. item\n| a | b |\n|---|---|\n' +
      '[link](javascript:alert(1)) *bold* _em_ $math$ ~~strike~~ \\ & &amp; # -->\n\n---\n\n    indented\n\n> quote',
    version: '1.0.0',
  },
  servers: [{ url: 'https://example.com/```' }],
  paths: {
    '/items/{id}': {
      post: {
        operationId: 'create`Item</script>',
        tags: ['<b>tag</b> ```'],
        summary: 'Sum ``` <script> */ `x` |',
        description: '```ts\n}); alert(1); //\n```\n\n</script><!--',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: '```\n</script>',
            schema: { type: 'string', example: '```\n*/ <script>`' },
          },
          { name: 'x-weird`header', in: 'header', required: true, description: '`', schema: { type: 'string' } },
          { name: 'q', in: 'query', example: '````` five', schema: { type: 'string' } },
          { name: 'flags', in: 'query', required: true, schema: { type: 'array', items: { type: 'string', enum: ['a`', "b'"] } } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Item' },
              example: { name: '```ts\n}); alert(1); //', note: '*/ </script>', 'we`ird key': 1 },
            },
          },
        },
        security: [{ 'evil`scheme': [] }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      },
    },
    // The model renames an operation that would override the client core's `request`.
    '/request': { get: { operationId: 'request', responses: { '204': { description: 'none' } } } },
    '/`odd`/{rest+}': {
      get: {
        tags: ['<b>tag</b> ```'],
        summary: '<script>alert(1)</script>',
        parameters: [{ name: 'rest', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'none' } },
      },
    },
  },
  components: {
    securitySchemes: { 'evil`scheme': { type: 'http', scheme: 'basic', description: '<script>' } },
    schemas: {
      Item: {
        type: 'object',
        description: '*/ ``` <script>',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          note: { type: 'string', description: '</script>' },
          'we`ird key': { type: 'integer' },
        },
      },
    },
  },
};

async function modelOf(document: object): Promise<ApiModel> {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-gen-readme-')), 'openapi.json');
  writeFileSync(path, JSON.stringify(document));
  return (await loadApi(path, { lenient: true })).model;
}

/** The README outside its code blocks and code spans: what a Markdown renderer reads as text or HTML. */
function prose(readme: string): string {
  return readme
    .replace(/^<!-- Generated by apigw-gen\. .* -->\n/, '')
    .replace(/^(`{3,})\w*\n[\s\S]*?\n\1$/gm, '')
    .replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('SDK package README', () => {
  describe('is laid out as Prettier prints Markdown (and TypeScript in code blocks)', () => {
    it.each(valid)('%s', async (name) => {
      const readme = readmeOf(planSdk(await fixtureModel(name), {}));
      expect(await format(readme, MARKDOWN)).toBe(readme);
    });

    it.each(corpus)('corpus %s', async (_name, path) => {
      // Documents that cannot be loaded at all have no SDK; every other one has a README.
      const model = await loadApi(path, { lenient: true }).then(
        (api) => api.model,
        () => undefined,
      );
      if (!model) return;
      const readme = readmeOf(planSdk(model, {}));
      expect(await format(readme, MARKDOWN)).toBe(readme);
    });
  });

  it.each(valid)('%s: lists every operation with an example call and the types the client declares', async (name) => {
    const model = await fixtureModel(name);
    const files = planSdk(model, {});
    const readme = readmeOf(files);
    const client = fileOf(files, 'src/client.gen.ts');
    expect(readme).toContain(`npm install ${(JSON.parse(fileOf(files, 'package.json')) as { name: string }).name}`);
    expect(readme).toContain(`new ${model.typeName}Client(`);
    // CORS preflights are no client methods (src/targets/sdk/cors-preflight.ts): the README leaves them out too.
    for (const operation of model.operations.filter(isCorsPreflight)) expect(readme).not.toContain(`client.${operation.name}(`);
    for (const operation of clientOperations(model).operations) {
      expect(readme).toMatch(new RegExp(`^#{3,4} ${operation.name}$`, 'm'));
      expect(readme).toContain(`await client.${operation.name}(`);
      expect(readme).toContain(`\`${operation.method} ${operation.path}\``);
      const signature = new RegExp(
        `Signature: \`${operation.name}\\(params\\??: (\\w+), options\\?: CallOptions\\): Promise<(\\w+)>\``,
      ).exec(readme);
      expect(signature).not.toBeNull();
      const [, params, result] = signature!;
      expect(client).toMatch(
        new RegExp(
          `\\n  ${operation.name}\\(\\s*params: ${params}(?: = \\{\\})?,\\s*options\\?: CallOptions,?\\s*\\): Promise<${result}> \\{`,
        ),
      );
    }
  });

  it.each(valid)('%s: its code blocks compile against the package under tsc --strict', async (name) => {
    const model = await fixtureModel(name);
    expect(compileExamples(planSdk(model, {}), model)).toBe('');
  });

  it('fails the compile check for an example that does not match the types (the check has teeth)', async () => {
    const model = await fixtureModel('rest-auth.yaml');
    const files = planSdk(model, {}).map((file) =>
      file.path === 'README.md' ? { ...file, contents: file.contents.replace("tenantId: '...'", 'tenantId: 42') } : file,
    );
    expect(readmeOf(files)).toContain('tenantId: 42');
    expect(compileExamples(files, model)).toMatch(/error TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it("gives required parameters and body properties named like Object.prototype's members, __proto__ too, in the example call", async () => {
    const required = (name: string, example: string) => ({ name, in: 'query', required: true, schema: { type: 'string' }, example });
    const model = await modelOf({
      openapi: '3.0.3',
      info: { title: 'Names', version: '1.0.0' },
      paths: {
        '/items': {
          post: {
            operationId: 'addItem',
            parameters: [required('__proto__', 'p'), required('constructor', 'c')],
            requestBody: {
              required: true,
              content: {
                // JSON.parse keeps `__proto__` a property of its own (an object literal's would be the prototype).
                'application/json': {
                  schema: JSON.parse(
                    '{"type": "object", "required": ["__proto__", "constructor"], "properties": {"__proto__": {"type": "string"}, "constructor": {"type": "string"}}}',
                  ) as object,
                },
              },
            },
            responses: { '204': { description: 'Added.' } },
          },
        },
      },
    });
    const files = planSdk(model, {});
    expect(readmeOf(files)).toContain(
      "query: {\n    ['__proto__']: 'p',\n    constructor: 'c',\n  },\n  body: {\n    ['__proto__']: '...',\n    constructor: '...',\n  },",
    );
    expect(compileExamples(files, model)).toBe('');
  });

  it('takes example values from the document when they fit the client types, else builds them from the schema', async () => {
    const readme = readmeOf(planSdk(await fixtureModel('rest-examples.yaml'), {}));
    // A parameter's own example, an optional one's too; a required header gets its format's placeholder.
    expect(readme).toContain(
      "query: {\n    limit: 20,\n  },\n  headers: {\n    'x-request-id': '00000000-0000-0000-0000-000000000000',\n  },",
    );
    // The first named example has the read-only id, which requests cannot carry: the next one is used.
    expect(readme).toContain("body: {\n    birthDate: '2020-04-01',\n    name: 'Tom',\n    species: 'cat',\n  },");
    // A schema example; required properties built (the discriminated union's first member, tagged), optional ones with examples.
    expect(readme).toContain('petId: 42,');
    expect(readme).toContain(
      "body: {\n    notes: 'Nervous around cats.',\n    reason: {\n      kind: 'checkup',\n    },\n    when: '2024-01-31T12:00:00Z',\n  },",
    );
    expect(readme).toContain("body: 'Bring the vaccination record.',");
    // Grouped by first tag, tags in order, untagged operations last.
    expect([...readme.matchAll(/^### (.*)$/gm)].map((match) => match[1])).toStrictEqual([
      'Operation functions',
      'Middleware',
      'pets',
      'visits',
      'Other operations',
    ]);
    expect(readme).toMatch(/#### getPet\n[\s\S]*?- Deprecated\./);
  });

  it('documents the credentials each operation needs, IAM signing only for APIs that have it', async () => {
    const auth = readmeOf(planSdk(await fixtureModel('rest-auth.yaml'), {}));
    expect(auth).toContain(
      "- **`ApiKey`**: `auth['ApiKey']` (or the `apiKey` option): a string, or a function (possibly async) called before every request. " +
        'API Gateway API key, sent as the `x-api-key` header. Operations: `listPlans`, `updateProfile`.',
    );
    expect(auth).toContain(
      '- **`TenantAuthorizer`** (Lambda request authorizer): reads `headers.Authorization`, `query.tenant`: parameters of each call it guards, ' +
        'required where the authorizer is, since API Gateway answers 401 without them. Operations: `getTenantUsage`.',
    );
    expect(auth).toContain('- Auth: `ApiKey` and `CognitoUserPool`');
    expect(auth).toContain("import { fromNodeProviderChain } from '@aws-sdk/credential-providers';");
    expect(auth).toMatch(/^\| `credentials` +\| AWS credentials/m);
    expect(auth).toContain('- **No credentials needed**: `getHealth`.');
    const open = readmeOf(planSdk(await fixtureModel('rest-lambda-proxy.yaml'), {}));
    expect(open).not.toContain('## Authentication');
    expect(open).not.toContain('credentials');
    expect(open).toMatch(/^\| `retry` +\| `\{ maxAttempts, baseDelayMs, maxDelayMs \}`/m);
  });

  it('says so when the API has no operations, and still shows how to build a client', async () => {
    const model = await modelOf({ openapi: '3.0.3', info: { title: 'Empty', version: '1.0.0' }, paths: {} });
    const files = planSdk(model, {});
    const readme = readmeOf(files);
    expect(await format(readme, MARKDOWN)).toBe(readme);
    expect(readme).toContain('## Operations\n\nThis API has no operations.\n');
    expect(readme).toContain("const client = new EmptyClient({ baseUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod' });");
    expect(readme).not.toContain('## Authentication');
    expect(compileExamples(files, model)).toBe('');
  });

  it.each(hostile)(
    'hostile fixture %s: Prettier leaves the README as it is, no HTML survives, and its code blocks compile',
    async (name) => {
      const model = (await loadApi(join(fixturesRoot, 'hostile', name), { lenient: true })).model;
      const files = planSdk(model, {});
      const readme = readmeOf(files);
      expect(await format(readme, MARKDOWN)).toBe(readme);
      expect(prose(readme)).not.toMatch(/<[a-z!/]/i);
      for (const operation of clientOperations(model).operations) expect(readme).toContain(`await client.${operation.name}(`);
      expect(compileExamples(files, model)).toBe('');
    },
  );

  it('keeps hostile document text from breaking out of its Markdown context or code blocks', async () => {
    const model = await modelOf(HOSTILE);
    const files = planSdk(model, {});
    const readme = readmeOf(files);
    expect(await format(readme, MARKDOWN)).toBe(readme);
    // No HTML, and no Markdown structure, from the document survives outside code.
    expect(prose(readme)).not.toMatch(/<(script|img|b|!--)|(?<!\\)\]\(javascript/i);
    expect(readme).not.toMatch(/^(# Heading|- list|1\. item|> quote|---|\s{4}indented)$/m);
    expect(readme).toContain('# evil-script-alert-1-script-tick-heading-client');
    expect(readme).toContain(
      'Typed client for Evil \\`\\`\\` &lt;script&gt;alert(1)&lt;/script&gt; \\*/ \\`tick\\` \\# Heading, generated by apigw-gen.',
    );
    // Values holding ``` get a longer fence; the server URL is not used.
    expect(readme).toMatch(/^`{4,}ts\n/m);
    expect(readme).not.toContain('example.com/```');
    const renamed = model.operations.find((operation) => operation.path === '/request')!.name;
    expect(renamed).not.toBe('request');
    expect(readme).toContain(`await client.${renamed}();`);
    // Every fence that opens closes, and each code block is the code that was generated.
    for (const block of tsBlocks(readme)) expect(block).not.toMatch(/^`{3,}/m);
    expect(compileExamples(files, model)).toBe('');
  });
});
