import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { fixturesRoot } from '../support/paths.js';

async function modelOf(document: object) {
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-gen-')), 'openapi.json');
  writeFileSync(path, JSON.stringify(document));
  return (await loadApi(path)).model;
}

const mock = (status: string) => ({
  type: 'mock',
  requestTemplates: { 'application/json': `{"statusCode": ${status}}` },
  responses: { default: { statusCode: status } },
});

describe('buildApiModel', () => {
  it('resolves auth kinds per operation, and which need an API key', async () => {
    const { operations } = await loadApi(join(fixturesRoot, 'valid/rest-auth.yaml')).then((api) => api.model);
    const auth = Object.fromEntries(
      operations.map((operation) => [
        operation.name,
        operation.security.map((requirement) => requirement.schemes.map((scheme) => scheme.kind).join('+')),
      ]),
    );
    expect(auth).toMatchObject({
      listPlans: ['apiKey'],
      getProfile: ['cognito'],
      updateProfile: ['apiKey+cognito'],
      listReports: ['lambdaToken'],
      startReindex: ['iam'],
      getHealth: [],
    });
    expect(operations.filter((operation) => operation.apiKeyRequired).map((operation) => operation.name)).toStrictEqual([
      'listPlans',
      'updateProfile',
    ]);
  });

  it('follows $refs to components/x-amazon-apigateway-integrations and names the Lambda function', async () => {
    const { model } = await loadApi(join(fixturesRoot, 'valid/http-api.yaml'));
    expect(model.kind).toBe('http');
    const listOrders = model.operations.find((operation) => operation.name === 'listOrders');
    expect(listOrders?.integration).toMatchObject({
      kind: 'lambdaProxy',
      payloadFormatVersion: '2.0',
      functionRef: { key: 'orders', functionName: 'orders' },
    });
    expect(listOrders?.integration?.pointer).toMatch(/^\/components\/x-amazon-apigateway-integrations\//);
  });

  it('reads CloudFormation values: titles and uris with Fn::Sub, logical ids', async () => {
    const { model } = await loadApi(join(fixturesRoot, 'valid/cfn-values.yaml'));
    expect(model.title).toContain('${AWS::StackName}');
    const logicalIds = model.operations.map((operation) => operation.integration?.functionRef?.logicalId).filter(Boolean);
    expect(logicalIds.length).toBeGreaterThan(0);
  });

  it('names inline schemas after where they sit, and avoids reserved and global names', async () => {
    const model = await modelOf({
      openapi: '3.0.3',
      info: { title: 'Shop', version: '1' },
      components: { schemas: { Error: { type: 'object', properties: { message: { type: 'string' } } } } },
      paths: {
        '/orders': {
          post: {
            operationId: 'create-order',
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      status: { type: 'string', enum: ['new', 'paid'] },
                      lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
                    },
                  },
                },
              },
            },
            responses: {
              '201': { description: 'created' },
              default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
            },
            'x-amazon-apigateway-integration': mock('201'),
          },
        },
      },
    });
    expect(model.schemas.map((schema) => schema.typeName)).toStrictEqual([
      'CreateOrderRequest',
      'CreateOrderRequestLinesItem',
      'CreateOrderRequestStatus',
      'Error_',
    ]);
    const operation = model.operations[0]!;
    expect(operation.name).toBe('createOrder');
    expect(operation.responses.map((response) => response.status)).toStrictEqual(['201', 'default']);
    expect(operation.requestBody?.content[0]?.schema).toMatchObject({ kind: 'ref', ref: 'CreateOrderRequest' });
  });

  it('derives unique operation names when operationIds are missing', async () => {
    const model = await modelOf({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/items/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': mock('200') },
          delete: { responses: { '204': { description: 'ok' } }, 'x-amazon-apigateway-integration': mock('204') },
        },
        '/items': {
          get: { operationId: 'getItemsId', responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': mock('200') },
        },
      },
    });
    expect(model.operations.map((operation) => `${operation.method} ${operation.path} ${operation.name}`)).toStrictEqual([
      'GET /items getItemsId',
      'GET /items/{id} getItemsId2',
      'DELETE /items/{id} deleteItemsId',
    ]);
    expect(model.operations[1]?.parameters.path[0]).toMatchObject({ name: 'id', style: 'simple', explode: false, required: true });
  });

  it("keeps a parameter's example: its own `example`, else its first named `examples` entry", async () => {
    const model = await modelOf({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/items/{id}': {
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'item-1' },
              {
                name: 'sort',
                in: 'query',
                schema: { type: 'string' },
                examples: { zeta: { value: 'desc' }, alpha: { value: 'asc' } },
              },
              { name: 'limit', in: 'query', schema: { type: 'integer' } },
            ],
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': mock('200'),
          },
        },
      },
    });
    const { path, query } = model.operations[0]!.parameters;
    expect([...path, ...query].map((parameter) => [parameter.name, parameter.example])).toStrictEqual([
      ['id', 'item-1'],
      ['limit', undefined],
      ['sort', 'asc'],
    ]);
  });

  it('keeps the names schemas had in the files they were bundled from', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-'));
    const ok = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
    writeFileSync(
      join(folder, 'api.json'),
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'T', version: '1' },
        paths: {
          '/pets': {
            get: {
              operationId: 'listPets',
              responses: ok({ type: 'array', items: { $ref: './schemas.json#/Pet' } }),
              'x-amazon-apigateway-integration': mock('200'),
            },
          },
          '/owner': {
            get: { operationId: 'getOwner', responses: ok({ $ref: './owner.json' }), 'x-amazon-apigateway-integration': mock('200') },
          },
        },
      }),
    );
    writeFileSync(
      join(folder, 'schemas.json'),
      JSON.stringify({ Pet: { type: 'object', properties: { id: { type: 'string' }, owner: { $ref: './owner.json' } } } }),
    );
    writeFileSync(join(folder, 'owner.json'), JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }));
    const { model } = await loadApi(join(folder, 'api.json'));
    expect(model.schemas.map((schema) => schema.typeName)).toStrictEqual(['Owner', 'Pet']);
  });
});
