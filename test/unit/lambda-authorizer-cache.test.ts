import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import type { AuthorizerModel, SecuritySchemeModel } from '../../src/model/types.js';
import { LambdaAuthorizer } from '../../src/serve/authorizers/lambda-authorizer.js';
import type { LambdaHandlers, ProxyRequest } from '../../src/serve/lambda-proxy.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * A Lambda authorizer's answer is cached by identity for `authorizerResultTtlInSeconds`, and only
 * that long: "API Gateway caches the policy for the amount of time specified", after which the
 * function is called again
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html).
 * The BearerToken scheme of fixtures/specs/serve/rest-authorizers.yaml has a TTL of 300 s; the
 * clock is the authorizer's `now`.
 */

describe('LambdaAuthorizer cache', () => {
  it('calls the function again once authorizerResultTtlInSeconds has passed, not before', async () => {
    const { model } = await loadApi(join(fixturesRoot, 'serve/rest-authorizers.yaml'));
    const scheme = model.securitySchemes.find((candidate) => candidate.name === 'BearerToken') as SecuritySchemeModel & {
      authorizer: AuthorizerModel;
    };
    const operation = model.operations.find((candidate) =>
      candidate.security.some((requirement) => requirement.schemes.some((entry) => entry.name === 'BearerToken')),
    )!;
    let calls = 0;
    const handlers = {
      folder: '.',
      call: (_: string, event: { methodArn: string }) => {
        calls++;
        return Promise.resolve({
          principalId: 'alice',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
          },
        });
      },
    } as unknown as LambdaHandlers;
    let now = 1_000_000;
    const authorizer = new LambdaAuthorizer({
      model,
      scheme,
      handlers,
      // Any file that exists: the stand-in handlers above answer for the module.
      modulePath: fileURLToPath(import.meta.url),
      warn: () => undefined,
      now: () => now,
    });
    const request: ProxyRequest = {
      method: operation.method,
      path: operation.path,
      query: new URLSearchParams(),
      headers: { authorization: 'Bearer alice' },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      pathParameters: {},
      requestId: 'r',
      stage: 'dev',
      stageVariables: {},
      binary: false,
    };
    const authorize = async () => {
      const outcome = await authorizer.authorize({ operation, request, integrationVersion: '1.0', scopes: [] });
      return 'granted' in outcome;
    };
    const seen: [number, boolean, number][] = [];
    for (const at of [0, 299_999, 300_001, 300_002]) {
      now = 1_000_000 + at;
      seen.push([at, await authorize(), calls]);
    }
    expect(seen).toStrictEqual([
      [0, true, 1],
      [299_999, true, 1],
      [300_001, true, 2],
      [300_002, true, 2],
    ]);
  });
});
