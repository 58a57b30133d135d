import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../../src/emit/write-plan.js';
import type { ApiModel } from '../../../src/model/types.js';
import { planSdk } from '../../../src/targets/sdk/index.js';
import {
  apiModel,
  namedSchema,
  objectNode,
  operation,
  parameter,
  refNode,
  response,
  schemaNode,
  securityScheme,
} from '../../support/model-factories.js';
import { expectPrettierFormatted } from '../../support/prettier.js';
import { importSdk, writeSdk } from '../../support/sdk-package.js';

/**
 * The SDK target planned from a model written by hand (no document): what it declares, that it
 * compiles under tsc --strict, and what the built client sends.
 * - Path parameters: `style: simple`, percent-encoded as RFC 6570 simple expansion
 *   (https://spec.openapis.org/oas/v3.0.3#style-values); query parameters `form`, exploded.
 * - HTTP Basic credentials: `Basic base64(user:password)` (RFC 7617 section 2, https://www.rfc-editor.org/rfc/rfc7617#section-2).
 * - API keys go in `x-api-key` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html).
 */

/** A text that tries to leave every place a name or description is printed in: comments, quotes, template literals, lines. */
const HOSTILE = '*/ export const injected = 1; /* \' " ` ${injected} \u2028 \u2029 ../../x';

const KINDS = ['apiKey', 'cognito', 'lambdaToken', 'lambdaRequest', 'iam', 'other'] as const;

const model: ApiModel = apiModel({
  title: `Shop ${HOSTILE}`,
  description: `The shop. ${HOSTILE}`,
  schemas: [
    namedSchema('Item', objectNode({ id: schemaNode('string', { description: HOSTILE }), [HOSTILE]: schemaNode('integer') }, ['id'])),
  ],
  securitySchemes: KINDS.map((kind) => securityScheme(`${kind}Scheme`, kind)),
  operations: [
    operation({
      id: 'updateItem',
      method: 'PUT',
      path: '/items/{itemId}',
      summary: HOSTILE,
      description: HOSTILE,
      parameters: [parameter('path', 'itemId'), parameter('query', 'dry-run', { schema: schemaNode('boolean'), description: HOSTILE })],
      body: refNode('Item'),
      responses: [response('200', refNode('Item'))],
    }),
    ...KINDS.map((kind) =>
      operation({
        id: `get-${kind}`,
        method: 'GET',
        path: `/auth/${kind}`,
        security: [{ schemes: [{ name: `${kind}Scheme`, kind, scopes: [] }] }],
        apiKeyRequired: kind === 'apiKey',
      }),
    ),
  ],
});

type Client = Record<string, (params?: object) => Promise<unknown>>;

describe('planSdk from a hand-made model', () => {
  let files: PlannedFile[];
  let module: Record<string, unknown>;
  const sent: Request[] = [];
  const client = (options: object): Client => {
    const Class = module[`${model.typeName}Client`] as new (options: object) => Client;
    const fetch = (request: Request) => {
      sent.push(request);
      return Promise.resolve(new Response(request.method === 'PUT' ? '{"id":"a/b"}' : null, { status: 200 }));
    };
    return new Class({ baseUrl: 'https://api.example.org/v1', fetch, retry: { maxAttempts: 1 }, ...options });
  };
  const file = (path: string) => files.find((planned) => planned.path === path)!.contents;

  beforeAll(async () => {
    files = planSdk(model, {});
    module = await importSdk(writeSdk(files));
  }, 120_000);

  it('plans the package files, laid out as Prettier would', async () => {
    expect(files.map((planned) => planned.path)).toStrictEqual([
      'package.json',
      'tsconfig.json',
      'tsconfig.cjs.json',
      'scripts/build.mjs',
      'src/models.gen.ts',
      'src/client.gen.ts',
      'src/runtime/client.ts',
      'src/runtime/form-body.ts',
      'src/runtime/retry.ts',
      'src/runtime/serialize.ts',
      'src/runtime/write-body.ts',
      'src/runtime/credential-auth.ts',
      'src/runtime/iam-auth.ts',
      'src/runtime/identity-auth.ts',
      'src/runtime/sigv4.ts',
      'src/index.ts',
      'README.md',
    ]);
    await expectPrettierFormatted(files.filter((planned) => !planned.path.startsWith('src/runtime/')));
  });

  it('types a path parameter, a query parameter and a JSON body', () => {
    expect(file('src/client.gen.ts')).toContain(
      [
        'export interface UpdateItemParams {',
        '  path: {',
        '    itemId: string;',
        '  };',
        '  query?: {',
        '    /** *\\/ export const injected = 1; /* \' " ` ${injected} \u2028 \u2029 ../../x */',
        "    'dry-run'?: boolean;",
      ].join('\n'),
    );
    expect(file('src/client.gen.ts')).toContain('  body: Models.Item;\n}');
  });

  it('sends them: the path parameter encoded, the query as a form, the body as JSON', async () => {
    sent.length = 0;
    const result = await client({}).updateItem!({ path: { itemId: 'a/b c' }, query: { 'dry-run': true }, body: { id: 'a/b' } });
    expect(result).toStrictEqual({ id: 'a/b' });
    expect(sent.map((request) => `${request.method} ${request.url}`)).toStrictEqual([
      'PUT https://api.example.org/v1/items/a%2Fb%20c?dry-run=true',
    ]);
    expect(sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(await sent[0]!.json()).toStrictEqual({ id: 'a/b' });
  });

  it('gives each kind of authorization its credential: an `auth` entry, identity headers, or SigV4', () => {
    expect(file('src/client.gen.ts')).toContain(
      [
        'export interface ClientAuth {',
        '  /** `apiKeyScheme`: API Gateway API key, sent as the `x-api-key` header. */',
        '  apiKeyScheme?: TokenProvider;',
        '  /** `cognitoScheme`: Cognito user pool token, sent as the `Authorization` header. */',
        '  cognitoScheme?: TokenProvider;',
        '  /** `lambdaTokenScheme`: Lambda authorizer token, sent as the `Authorization` header. */',
        '  lambdaTokenScheme?: TokenProvider;',
        '  /** `otherScheme`: user name and password, sent as HTTP Basic authentication (`Authorization: Basic …`). */',
        '  otherScheme?: BasicCredentials;',
        '}',
      ].join('\n'),
    );
    // A REQUEST authorizer's identity sources are inputs of the operations it guards, required (API Gateway answers 401 without them).
    expect(file('src/client.gen.ts')).toContain('export interface GetLambdaRequestParams {\n  headers: {\n');
    expect(file('src/client.gen.ts')).toContain("    'X-Tenant': string;\n");
    // IAM operations are signed: the signer and its dependencies come with the package.
    expect(JSON.parse(file('package.json'))).toMatchObject({ dependencies: { '@smithy/signature-v4': expect.any(String) as string } });
  });

  it('sends each credential only to the operations its scheme guards', async () => {
    sent.length = 0;
    const shop = client({
      auth: { apiKeyScheme: 'key-1', cognitoScheme: 'id-token', lambdaTokenScheme: 'tok', otherScheme: { username: 'u', password: 'p' } },
    });
    await shop.getApiKey!();
    await shop.getCognito!();
    await shop.getLambdaToken!();
    await shop.getOther!();
    await shop.getLambdaRequest!({ headers: { 'X-Tenant': 'acme' } });
    expect(
      sent.map((request) => [
        new URL(request.url).pathname,
        request.headers.get('x-api-key'),
        request.headers.get('authorization'),
        request.headers.get('x-tenant'),
      ]),
    ).toStrictEqual([
      ['/v1/auth/apiKey', 'key-1', null, null],
      ['/v1/auth/cognito', null, 'id-token', null],
      ['/v1/auth/lambdaToken', null, 'tok', null],
      ['/v1/auth/other', null, `Basic ${Buffer.from('u:p').toString('base64')}`, null],
      ['/v1/auth/lambdaRequest', null, null, 'acme'],
    ]);
  });

  it('keeps hostile names and descriptions inside comments, strings and keys: no file declares what the model did not', () => {
    for (const planned of files.filter((candidate) => candidate.path.endsWith('.ts'))) {
      const source = ts.createSourceFile(planned.path, planned.contents, ts.ScriptTarget.ES2022);
      const declared = source.statements.flatMap((statement) =>
        ts.isVariableStatement(statement)
          ? statement.declarationList.declarations.map((declaration) => declaration.name.getText(source))
          : [],
      );
      expect(declared, `${planned.path}`).not.toContain('injected');
    }
    // The key, as a single-quoted literal with its line separators escaped.
    expect(file('src/models.gen.ts')).toContain(
      "  '*/ export const injected = 1; /* \\' \" ` ${injected} \\u2028 \\u2029 ../../x'?: number;",
    );
    expect(module).not.toHaveProperty('injected');
  });
});
