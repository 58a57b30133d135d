import { describe, expect, it } from 'vitest';
import { planHandlers } from '../../../src/targets/handlers/index.js';
import { compile, writeHandlerFiles } from '../../support/handlers-package.js';
import { apiModel, lambdaProxy, operation, securityScheme } from '../../support/model-factories.js';

/**
 * How a function's declarations file refers to the Lambda authorizer stubs that guard its
 * operations, planned from a model written by hand: a type-only import of each stub's `handler`
 * it uses (none it does not), under names that stay unique when scheme names collide.
 */

const guarded = (id: string, path: string, schemes: { name: string; kind: 'lambdaToken' | 'lambdaRequest' | 'cognito' }[]) =>
  operation({
    id,
    method: 'GET',
    path,
    integration: lambdaProxy('documents'),
    security: schemes.map((scheme) => ({ schemes: [{ ...scheme, scopes: [] }] })),
  });

const model = apiModel({
  securitySchemes: [
    securityScheme('tenant', 'lambdaRequest'),
    securityScheme('tenantAuthorizer', 'lambdaToken'),
    securityScheme('unused', 'lambdaToken'),
    securityScheme('pool', 'cognito'),
  ],
  operations: [
    guarded('byRequest', '/a', [{ name: 'tenant', kind: 'lambdaRequest' }]),
    guarded('byTokenOrPool', '/b', [
      { name: 'tenantAuthorizer', kind: 'lambdaToken' },
      { name: 'pool', kind: 'cognito' },
    ]),
  ],
});

describe('authorizer stubs in declarations files', () => {
  const files = planHandlers(model, { document: {} });
  const declarations = files.find((file) => file.path === 'src/functions/documents/operations.gen.ts')!.contents;

  it('imports the handler of each stub the operations use, type-only, under unique names', () => {
    expect(declarations.split('\n').filter((line) => line.includes('/authorizers/'))).toStrictEqual([
      "import type { handler as tenantAuthorizer } from '../../authorizers/tenant.js';",
      "import type { handler as tenantAuthorizer2 } from '../../authorizers/tenant-authorizer.js';",
    ]);
    expect(files.map((file) => file.path).filter((path) => path.startsWith('src/authorizers/'))).toStrictEqual([
      'src/authorizers/tenant.ts',
      'src/authorizers/tenant-authorizer.ts',
      'src/authorizers/unused.ts',
    ]);
  });

  it("types each operation's event from its own authorizers, alternatives as a union", () => {
    expect(declarations).toContain('event: Lambda.APIGatewayProxyEventBase<Runtime.RestLambdaAuthorizer<typeof tenantAuthorizer>>;');
    expect(declarations).toContain(
      [
        '  event:',
        '    | Lambda.APIGatewayProxyEventBase<Runtime.RestLambdaAuthorizer<typeof tenantAuthorizer2>>',
        '    | Lambda.APIGatewayProxyEventBase<Lambda.APIGatewayProxyCognitoAuthorizer>;',
      ].join('\n'),
    );
  });

  it('compiles under tsc --strict with the stubs as generated', async () => {
    expect(await compile(writeHandlerFiles(files), ['--noEmit'])).toBe('');
  });
});
