import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayError, type GatewayErrorType } from '../../src/serve/gateway-errors.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * API Gateway's own errors against the developer guide's table of gateway response types
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html,
 * its Markdown source in fixtures/aws-docs/): each type's default status code, and the
 * `DEFAULT_4XX`/`DEFAULT_5XX` response a type falls back to where the table says it does.
 */

const TYPES: GatewayErrorType[] = [
  'ACCESS_DENIED',
  'API_CONFIGURATION_ERROR',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'AUTHORIZER_FAILURE',
  'BAD_REQUEST_PARAMETERS',
  'BAD_REQUEST_BODY',
  'EXPIRED_TOKEN',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'INVALID_API_KEY',
  'INVALID_SIGNATURE',
  'MISSING_AUTHENTICATION_TOKEN',
  'QUOTA_EXCEEDED',
  'RESOURCE_NOT_FOUND',
  'THROTTLED',
  'UNAUTHORIZED',
  'UNSUPPORTED_MEDIA_TYPE',
];

/** The table's rows: type, status code, and the default type it falls back to, if it names one. */
const ROWS = new Map(
  readFileSync(join(fixturesRoot, '../aws-docs/supported-gateway-response-types.md'), 'utf8')
    .split('\n')
    .flatMap((line) => {
      const row = /^\| ([A-Z\\_0-9]+) \| (\d{3}) \| (.*)$/.exec(line);
      if (!row) return [];
      const fallback = /defaults to the `(DEFAULT_[45]XX)` type/.exec(row[3]!)?.[1];
      return [[row[1]!.replace(/\\/g, ''), { status: Number(row[2]), fallback }] as const];
    }),
);

describe('gateway responses, as the response types table has them', () => {
  it.each(TYPES)('%s: the default status code, and its DEFAULT_4XX/5XX fallback', (type) => {
    const row = ROWS.get(type);
    expect(row, `${type} is in the table`).toBeDefined();
    const plain = gatewayError([], type, 'request-1');
    const customised = ['DEFAULT_4XX', 'DEFAULT_5XX'].map((family) => ({
      type: family,
      statusCode: family === 'DEFAULT_4XX' ? '418' : '599',
      responseParameters: {},
      responseTemplates: { 'application/json': `{"family": "${family}", "type": "$context.error.responseType"}` },
      pointer: `/x-amazon-apigateway-gateway-responses/${family}`,
    }));
    const fallenBack = gatewayError(customised, type, 'request-1');
    expect({
      status: plain.statusCode,
      fallback: row?.fallback === undefined ? undefined : (JSON.parse(String(fallenBack.body)) as unknown),
    }).toStrictEqual({
      status: row?.status,
      fallback: row?.fallback === undefined ? undefined : { family: row.fallback, type },
    });
  });
});
