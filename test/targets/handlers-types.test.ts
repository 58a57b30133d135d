import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writePlan, type PlannedFile } from '../../src/emit/write-plan.js';
import { loadApi } from '../../src/index.js';
import { planHandlers } from '../../src/targets/handlers/index.js';
import { linkDependencies } from '../support/link-dependencies.js';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/**
 * Type tests of generated handlers: a consumer file (fixtures/handler-consumers) of
 * implementations is compiled inside the package generated from a fixture, with the package's
 * strict options, after replacing Lambda authorizer stubs by implemented ones
 * (fixtures/handler-consumers/authorizers/<name>/), as a user edits them. Correct implementations
 * compile; each line after `// @ts-expect-error TSnnnn` must fail (tsc reports an unused
 * directive). A copy without the directives must fail exactly on the marked lines with the marked
 * codes, so that no directive is satisfied by an unrelated error.
 *
 * Authorizer output shapes (`requestContext.authorizer`) and their sources:
 * - REST Lambda authorizers: the context's values stringified, with `principalId` and
 *   `integrationLatency`: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 *   ("Their values are stringified", quoted in https://github.com/dherault/serverless-offline/issues/480),
 *   https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/apiGatewayProxyEventPrincipalId.json
 * - REST Cognito user pools: `claims`, strings: @types/aws-lambda `APIGatewayProxyCognitoAuthorizer`
 * - HTTP API payload 2.0: Lambda context under `lambda` as returned (`Lambda map[string]interface{}`),
 *   JWT `claims` as strings (`Claims map[string]string`) and `scopes`, IAM caller under `iam`:
 *   https://github.com/aws/aws-lambda-go/blob/main/events/apigw.go,
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-lambda-authorizer.json,
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-jwt-authorizer.json,
 *   https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-iam.json
 */

const consumers = [
  { name: 'bookstore', spec: 'valid/rest-lambda-proxy.yaml', marked: 16 },
  { name: 'library', spec: 'valid/rest-handlers.yaml', marked: 13 },
  { name: 'accounts', spec: 'valid/rest-auth.yaml', marked: 7 },
  { name: 'orders', spec: 'valid/http-api.yaml', marked: 5 },
  { name: 'vault', spec: 'serve/rest-authorizers.yaml', marked: 6, authorizers: ['bearer-token', 'tenant-request'] },
  { name: 'shop', spec: 'serve/http-authorizers.yaml', marked: 7, authorizers: ['simple-key', 'policy-key'] },
  { name: 'documents', spec: 'features/authorizer-alternatives.yaml', marked: 3, authorizers: ['document-token', 'archive-key'] },
];

const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+) /;

/** `line code` for the line after each directive, numbered from 1 as tsc numbers them. */
function markedErrors(source: string): string[] {
  return source.split('\n').flatMap((line, index) => {
    const code = DIRECTIVE.exec(line)?.[1];
    return code ? [`${index + 2} ${code}`] : [];
  });
}

describe('generated handler types', () => {
  it('accept correct implementations and reject wrong statuses, bodies, headers and parameter uses', async () => {
    const root = mkdtempSync(join(tmpdir(), 'apigw-gen-handlers-types-'));
    const expected: Record<string, string[]> = {};
    let files: PlannedFile[] = [];
    for (const { name, spec, authorizers = [] } of consumers) {
      const { model, document } = await loadApi(join(fixturesRoot, spec));
      files = planHandlers(model, { document });
      writePlan(join(root, name), files);
      for (const stub of authorizers) {
        const path = join('src/authorizers', `${stub}.ts`);
        expect(
          files.map((file) => file.path),
          `${name} has the stub ${stub}`,
        ).toContain(path);
        writeFileSync(
          join(root, name, path),
          readFileSync(join(repoRoot, 'fixtures/handler-consumers/authorizers', name, `${stub}.ts`), 'utf8'),
        );
      }
      const source = readFileSync(join(repoRoot, 'fixtures/handler-consumers', `${name}.ts`), 'utf8');
      writeFileSync(join(root, name, 'src/consumer.ts'), source);
      // Same lines, directives disabled.
      writeFileSync(join(root, name, 'src/consumer-unchecked.ts'), source.replaceAll('// @ts-expect-error', '// expect-error'));
      expected[`${name}/src/consumer-unchecked.ts`] = markedErrors(source);
    }
    const { compilerOptions } = JSON.parse(files.find((file) => file.path === 'tsconfig.json')!.contents) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(compilerOptions.strict).toBe(true);
    const options = Object.fromEntries(
      Object.entries(compilerOptions).filter(([key]) => !['rootDir', 'outDir', 'sourceMap'].includes(key)),
    );
    writeFileSync(join(root, 'package.json'), files.find((file) => file.path === 'package.json')!.contents);
    linkDependencies(root, { dev: true });
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...options, noEmit: true }, include: consumers.map(({ name }) => `${name}/src`) }),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: root }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    const errors: Record<string, string[]> = {};
    // Indented lines elaborate on the error above them.
    for (const line of output.split('\n').filter((text) => text !== '' && !text.startsWith(' '))) {
      const match = /^(.+)\((\d+),\d+\): error (TS\d+):/.exec(line);
      const [file, at, code] = match ? [match[1]!, match[2]!, match[3]!] : ['(unparsed)', '', line];
      (errors[file] ??= []).push(`${at} ${code}`);
    }
    expect({ errors, output }).toStrictEqual({
      errors: Object.fromEntries(Object.entries(expected).filter(([, lines]) => lines.length > 0)),
      output: expect.any(String) as string,
    });
    expect(Object.values(expected).map((lines) => lines.length)).toStrictEqual(consumers.map(({ marked }) => marked));
  });
});
