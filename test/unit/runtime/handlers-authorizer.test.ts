import { describe, expect, it } from 'vitest';
import { apiArnPattern, buildPolicy } from '../../../src/runtime/handlers/authorizer.js';

describe('buildPolicy', () => {
  it('builds the IAM policy document of an authorizer result, with context and usage key when given', () => {
    expect(
      buildPolicy({
        principalId: 'user-42',
        effect: 'Allow',
        resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*',
        context: { tenantId: 't-1', admin: false },
        usageIdentifierKey: 'key-1',
      }),
    ).toStrictEqual({
      principalId: 'user-42',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*' },
        ],
      },
      context: { tenantId: 't-1', admin: false },
      usageIdentifierKey: 'key-1',
    });
    expect(buildPolicy({ principalId: 'anonymous', effect: 'Deny', resource: ['a', 'b'] })).toStrictEqual({
      principalId: 'anonymous',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: ['a', 'b'] }] },
    });
  });
});

describe('apiArnPattern', () => {
  it('widens a method ARN to every method and path of its API and stage', () => {
    expect(apiArnPattern('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/books/42')).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*',
    );
    expect(apiArnPattern('arn:aws:execute-api:eu-west-1:123456789012:h4n8w2z6c5/$default/POST/partner/orders')).toBe(
      'arn:aws:execute-api:eu-west-1:123456789012:h4n8w2z6c5/$default/*/*',
    );
  });
});
