import { describe, expect, it } from 'vitest';
import { lambdaFunctionRef } from '../../src/model/build-integration.js';

const invocation = (arn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

describe('lambdaFunctionRef', () => {
  it('reads the function name and qualifier of a plain ARN', () => {
    expect(lambdaFunctionRef(invocation('arn:aws:lambda:us-east-1:123456789012:function:catalog:live'))).toMatchObject({
      key: 'catalog',
      functionName: 'catalog',
      qualifier: 'live',
    });
  });

  it('reads a CloudFormation logical id from ${X.Arn}', () => {
    expect(
      lambdaFunctionRef('arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${BooksFunction.Arn}/invocations'),
    ).toMatchObject({
      key: 'BooksFunction',
      logicalId: 'BooksFunction',
    });
  });

  it('keeps stage variables in the function name', () => {
    expect(lambdaFunctionRef(invocation('arn:aws:lambda:us-east-1:123456789012:function:catalog-${stageVariables.alias}'))).toMatchObject({
      key: 'catalog-${stageVariables.alias}',
    });
  });

  it('accepts the bare function ARNs of HTTP APIs, with ${AWS::…} parts', () => {
    expect(lambdaFunctionRef('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:orders')).toMatchObject({
      key: 'orders',
    });
  });
});
