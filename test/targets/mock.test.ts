import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import velocity from 'velocityjs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/diagnostics/diagnostic.js';
import { getAtPointer } from '../../src/diagnostics/json-pointer.js';
import { serializeDocument } from '../../src/emit/document-file.js';
import { loadApi, validate } from '../../src/index.js';
import { DocumentSchemaValidator } from '../../src/mock/schema-validator.js';
import type { ApiModel } from '../../src/model/types.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { buildCfnTemplate } from '../../src/targets/cfn/build-template.js';
import { planMockDocument, type MockPlan } from '../../src/targets/mock/index.js';
import { checkApiGatewayValues } from '../support/cfn-own-checks.js';
import { createCfnSpecChecker } from '../support/cfn-spec-check.js';
import { corpusRoot, fixturesRoot } from '../support/paths.js';

/**
 * `mock` on every valid fixture and every apigw corpus document: the output is a document that
 * `validate` accepts (it adds no error to those the input had), and each MOCK integration, run
 * through a VTL engine as API Gateway runs it, selects the declared statuses and answers with
 * bodies that validate against the response schemas.
 */

const folders = { valid: join(fixturesRoot, 'valid'), apigw: join(corpusRoot, 'apigw') };
const documents = Object.entries(folders).flatMap(([group, folder]) =>
  readdirSync(folder)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ id: `${group}/${name}`, path: join(folder, name) })),
);

/** What API Gateway gives the templates of a MOCK integration, for a request with these parameters. */
function templateContext(parameters: Record<string, string>) {
  return {
    input: { params: (name: string) => parameters[name] ?? '' },
    util: { urlDecode: decodeURIComponent },
  };
}

const errorsOf = async (path: string) =>
  (await validate(path)).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer}`);

const specChecker = createCfnSpecChecker();

describe('mock', async () => {
  const out = mkdtempSync(join(tmpdir(), 'apigw-gen-mock-'));
  const loaded = await Promise.all(documents.map(async (entry) => ({ ...entry, ...(await loadApi(entry.path, { lenient: true })) })));
  const rest = loaded.filter(({ model }) => model.kind === 'rest');
  const http = loaded.filter(({ model }) => model.kind === 'http');

  it('covers REST and HTTP API documents', () => {
    expect(rest.length).toBeGreaterThanOrEqual(30);
    expect(http.length).toBeGreaterThanOrEqual(5);
  });

  it.each(rest)(
    '$id: a valid document whose MOCK integrations answer every declared status with valid bodies',
    async ({ id, path, model, document }) => {
      const plan = planMockDocument(model, { document, all: true });
      expect(plan.mocked.length + plan.skipped.length).toBe(model.operations.length);

      const file = join(out, `${id.replace('/', '-')}.yaml`);
      const text = serializeDocument(plan.document, 'yaml', 'test');
      expect(serializeDocument(planMockDocument(model, { document, all: true }).document, 'yaml', 'test')).toBe(text);
      writeFileSync(file, text);
      const before = await errorsOf(path);
      const after = await errorsOf(file);
      expect(after.filter((error) => !before.includes(error))).toStrictEqual([]);
      expect(id.startsWith('valid/') ? before : []).toStrictEqual([]);

      expectMocksAnswer(model, plan);
    },
  );

  it.each(http)('$id: HTTP APIs get a clear refusal (they have no MOCK integrations)', ({ model, document }) => {
    expect(() => planMockDocument(model, { document })).toThrow(UsageError);
  });

  it.each(rest.filter(({ id }) => id.startsWith('valid/')))(
    '$id: the mocked document is a deployable Body of the cfn template (resource-model check)',
    async ({ id, model, document }) => {
      const file = join(out, `${id.replace('/', '-')}.cfn-body.yaml`);
      writeFileSync(file, serializeDocument(planMockDocument(model, { document, all: true }).document, 'yaml', 'test'));
      const mocked = await loadApi(file);
      const { template } = buildCfnTemplate(mocked.model, { document: mocked.document, config: EMPTY_CONFIG, documentName: 'mock.yaml' });
      expect((await specChecker).check(template as never)).toStrictEqual([]);
      expect(checkApiGatewayValues(template as never)).toStrictEqual([]);
    },
  );

  it('mocked most operations of the REST documents', () => {
    const mocked = rest.reduce((count, { model, document }) => count + planMockDocument(model, { document, all: true }).mocked.length, 0);
    expect(mocked).toBeGreaterThanOrEqual(170);
  });
});

function expectMocksAnswer(model: ApiModel, plan: MockPlan): void {
  const validator = new DocumentSchemaValidator(plan.document, model.openapiVersion);
  for (const operation of plan.mocked) {
    const integration = (getAtPointer(plan.document, operation.pointer) as Record<string, unknown>)['x-amazon-apigateway-integration'] as {
      requestTemplates: Record<string, string>;
      responses: Record<string, { statusCode: string; contentHandling?: string; responseTemplates?: Record<string, string> }>;
    };
    const template = integration.requestTemplates['application/json']!;
    const statusFor = (parameters: Record<string, string>) =>
      (JSON.parse(velocity.render(template, templateContext(parameters))) as { statusCode: number }).statusCode;
    for (const [key, response] of Object.entries(integration.responses)) {
      // The request template selects each response: `default` with no parameter, the others by name.
      const selected = String(statusFor(key === 'default' ? {} : { 'x-mock-status': key }));
      expect({ operation: operation.label, selected }).toStrictEqual({ operation: operation.label, selected: response.statusCode });
      // An operation with only a `default` (or `2XX`) response answers 200 with it.
      const declared =
        operation.responses.find((candidate) => candidate.status === response.statusCode) ??
        operation.responses.find((candidate) => candidate.status.toUpperCase() === '2XX' || candidate.status === 'default')!;
      for (const [mediaType, responseTemplate] of Object.entries(response.responseTemplates ?? {})) {
        const body = velocity.render(responseTemplate, templateContext({}));
        // Binary-only responses answer base64 samples that API Gateway converts to bytes.
        const bytes = response.contentHandling === 'CONVERT_TO_BINARY' ? Buffer.from(body, 'base64').length : undefined;
        expect(bytes === undefined || bytes > 0).toBe(true);
        const media = declared.content.find((candidate) => candidate.mediaType === mediaType || candidate.mediaType === '*/*')!;
        // JSON media types only (`application/json`, `+json`), not ndjson, whose lines are each a JSON text.
        if (!media.schema || !/^[^/]+\/(?:[^;]+\+)?json(?:;|$)/i.test(mediaType)) continue;
        const errors = validator.errors(media.schema.pointer, JSON.parse(body));
        expect({ at: `${operation.label} ${response.statusCode} ${mediaType}`, errors }).toStrictEqual({
          at: `${operation.label} ${response.statusCode} ${mediaType}`,
          errors: '',
        });
      }
    }
  }
}

describe('mock --all: operations that declare only a default response', () => {
  it('get a MOCK integration answering 200 with the default response, and the 200 method response API Gateway needs', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-mock-default-'));
    const path = join(folder, 'default-only.yaml');
    writeFileSync(
      path,
      `openapi: 3.0.3
info: { title: Default only, version: '1' }
paths:
  /status:
    get:
      operationId: getStatus
      responses:
        default:
          description: the status
          content:
            application/json:
              schema: { type: object, properties: { ok: { type: boolean } }, required: [ok] }
              example: { ok: true }
`,
    );
    const { model, document } = await loadApi(path);
    const plan = planMockDocument(model, { document, all: true });
    expect(plan.mocked.map((operation) => operation.id)).toStrictEqual(['getStatus']);
    const operation = getAtPointer(plan.document, model.operations[0]!.pointer) as {
      responses: Record<string, unknown>;
      'x-amazon-apigateway-integration': {
        requestTemplates: Record<string, string>;
        responses: Record<string, { statusCode: string; responseTemplates: Record<string, string> }>;
      };
    };
    expect(operation.responses['200']).toStrictEqual(operation.responses.default);
    const integration = operation['x-amazon-apigateway-integration'];
    expect(velocity.render(integration.requestTemplates['application/json']!, templateContext({}))).toMatch(/"statusCode": 200/);
    const answer = integration.responses.default!;
    expect(answer.statusCode).toBe('200');
    expect(JSON.parse(velocity.render(answer.responseTemplates['application/json']!, templateContext({})))).toStrictEqual({ ok: true });
    const mockedFile = join(folder, 'mocked.yaml');
    writeFileSync(mockedFile, serializeDocument(plan.document, 'yaml', 'test'));
    expect(await errorsOf(mockedFile)).toStrictEqual([]);
  });
});
