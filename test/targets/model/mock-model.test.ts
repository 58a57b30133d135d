import velocity from 'velocityjs';
import { describe, expect, it } from 'vitest';
import { getAtPointer } from '../../../src/diagnostics/json-pointer.js';
import { planMockDocument } from '../../../src/targets/mock/index.js';
import {
  apiModel,
  lambdaProxy,
  namedSchema,
  objectNode,
  operation,
  parameter,
  refNode,
  response,
  schemaNode,
} from '../../support/model-factories.js';

/**
 * The mock target planned from a model written by hand. The document it copies is written by hand
 * too: mock writes MOCK integrations into a copy of the document, at the pointers of the model's
 * operations. A MOCK integration selects its answer from the `statusCode` its request template
 * renders, and answers with the integration response's template
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html).
 */

/** An example that holds what VTL would evaluate or drop: references, directives, comments, escapes. */
const HOSTILE = "$input.params('x') ${injected} #set($a = 1) ## comment \\$ */ ' \" ` \u2028";

const model = apiModel({
  schemas: [namedSchema('Item', objectNode({ id: schemaNode('string', { example: HOSTILE }) }, ['id']))],
  operations: [
    operation({
      id: 'getItem',
      method: 'GET',
      path: '/items/{itemId}',
      parameters: [parameter('path', 'itemId')],
      responses: [response('200', refNode('Item')), response('404')],
    }),
    operation({
      id: 'listItems',
      method: 'GET',
      path: '/items',
      integration: lambdaProxy('items'),
      responses: [response('200', refNode('Item'))],
    }),
  ],
});

const document = {
  openapi: '3.0.3',
  info: { title: 'Test API', version: '1.0.0' },
  paths: {
    '/items/{itemId}': { get: { responses: { '200': { description: 'An item.' }, '404': { description: 'None.' } } } },
    '/items': { get: { responses: { '200': { description: 'Items.' } } } },
  },
};

// API Gateway gives every template `$util` and `$input`; these templates use `$util.urlDecode` and `$input.params`.
const render = (template: string, status?: string) =>
  velocity.render(template, {
    util: { urlDecode: decodeURIComponent },
    input: { params: (name: string) => (name === 'x-mock-status' ? (status ?? '') : '') },
  });

describe('planMockDocument from a hand-made model', () => {
  it('mocks the operations without an integration, in a copy of the document', () => {
    const plan = planMockDocument(model, { document, all: false });
    expect(plan.mocked.map((mocked) => mocked.id)).toStrictEqual(['getItem']);
    expect(getAtPointer(plan.document, '/paths/~1items/get')).toStrictEqual(document.paths['/items'].get);
    expect(getAtPointer(document, '/paths/~1items~1{itemId}/get/x-amazon-apigateway-integration')).toBeUndefined();
  });

  it('answers the first success with its example, read back verbatim through VTL, and another declared status on request', () => {
    const plan = planMockDocument(model, { document, all: false });
    const integration = getAtPointer(plan.document, '/paths/~1items~1{itemId}/get/x-amazon-apigateway-integration') as {
      type: string;
      requestTemplates: Record<string, string>;
      responses: Record<string, { statusCode: string; responseTemplates?: Record<string, string> }>;
    };
    expect(integration.type).toBe('mock');
    expect(JSON.parse(render(integration.requestTemplates['application/json']!))).toStrictEqual({ statusCode: 200 });
    expect(JSON.parse(render(integration.requestTemplates['application/json']!, '404'))).toStrictEqual({ statusCode: 404 });
    expect(integration.responses['404']).toStrictEqual({ statusCode: '404' });
    expect(integration.responses.default!.statusCode).toBe('200');
    expect(JSON.parse(render(integration.responses.default!.responseTemplates!['application/json']!))).toStrictEqual({ id: HOSTILE });
  });

  it('replaces every integration with `all`', () => {
    const plan = planMockDocument(model, { document, all: true });
    expect(plan.mocked.map((mocked) => mocked.id)).toStrictEqual(['getItem', 'listItems']);
    expect(getAtPointer(plan.document, '/paths/~1items/get/x-amazon-apigateway-integration/type')).toBe('mock');
  });

  it('refuses an HTTP API, which has no MOCK integrations', () => {
    expect(() => planMockDocument({ ...model, kind: 'http' }, { document, all: false })).toThrow(/HTTP APIs have no MOCK integrations/);
  });
});
