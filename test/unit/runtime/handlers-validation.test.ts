import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../src/runtime/handlers/validation.js';

/**
 * API Gateway's message for missing required parameters, from LocalStack's AWS-validated snapshot
 * of `test_api_gateway_request_validator`:
 * https://github.com/localstack/localstack/blob/main/tests/aws/services/apigateway/test_apigateway_common.snapshot.json
 */
const missing = (names: string) => ({ type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${names}]` });

describe('checkRequest', () => {
  it("finds a required header named like Object.prototype's members missing unless sent, whatever object holds the headers", () => {
    const spec = { headers: ['constructor', '__proto__', 'X-Tenant'] };
    // A plain record, as a caller builds one from an event (`{ ...event.headers }`).
    const input = (headers: Record<string, string>) => ({ headers, hasQuery: () => true, body: '' });
    expect(checkRequest(spec, input({ 'x-tenant': 'a' }))).toStrictEqual(missing('constructor, __proto__'));
    // JSON keeps `__proto__` an own field, as a Lambda event's headers have it.
    const sent = JSON.parse('{"constructor": "c", "__proto__": "p", "x-tenant": "a"}') as Record<string, string>;
    expect(checkRequest(spec, input(sent))).toBeUndefined();
  });
});
