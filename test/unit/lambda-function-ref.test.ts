import { describe, expect, it } from 'vitest';
import { lambdaFunctionRef } from '../../src/model/build-integration.js';

const invocation = (arn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
/** The uri as a plain string of the document. */
const plain = (uri: string) => lambdaFunctionRef(uri, { written: uri });

describe('lambdaFunctionRef', () => {
  it('reads the function name and qualifier of a plain ARN', () => {
    expect(plain(invocation('arn:aws:lambda:us-east-1:123456789012:function:catalog:live'))).toMatchObject({
      key: 'catalog',
      functionName: 'catalog',
      qualifier: 'live',
    });
  });

  it('reads a CloudFormation logical id from ${X.Arn}', () => {
    expect(plain('arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${BooksFunction.Arn}/invocations')).toMatchObject({
      key: 'BooksFunction',
      logicalId: 'BooksFunction',
    });
  });

  it('keeps stage variables in the function name', () => {
    expect(plain(invocation('arn:aws:lambda:us-east-1:123456789012:function:catalog-${stageVariables.alias}'))).toMatchObject({
      key: 'catalog-${stageVariables.alias}',
    });
  });

  it('accepts the bare function ARNs of HTTP APIs, with ${AWS::…} parts', () => {
    expect(plain('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:orders')).toMatchObject({
      key: 'orders',
    });
  });

  it('reads ${X} as a CloudFormation logical id inside Fn::Sub, and as a placeholder for another tool in a plain string', () => {
    const uri = invocation('${BooksFunction}');
    expect(lambdaFunctionRef(uri, { written: { 'Fn::Sub': uri } })).toMatchObject({ key: 'BooksFunction', logicalId: 'BooksFunction' });
    expect(plain(uri)).toStrictEqual({ key: '${BooksFunction}', arn: '${BooksFunction}' });
    expect(plain('${lambda_handler_invoke_arn}')).toStrictEqual({
      key: '${lambda_handler_invoke_arn}',
      arn: '${lambda_handler_invoke_arn}',
    });
  });

  // The response streaming URI, as the developer guide writes it:
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
  it('reads the function of a response-streaming-invocations URI (InvokeWithResponseStream)', () => {
    expect(
      plain(
        'arn:aws:apigateway:us-west-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-west-1:111122223333:function:my-function-name/response-streaming-invocations',
      ),
    ).toMatchObject({ key: 'my-function-name', functionName: 'my-function-name' });
    const uri =
      'arn:aws:apigateway:${AWS::Region}:lambda:path/2021-11-15/functions/${StreamingResponseFunction.Arn}/response-streaming-invocations';
    expect(lambdaFunctionRef(uri, { written: { 'Fn::Sub': uri } })).toMatchObject({
      key: 'StreamingResponseFunction',
      logicalId: 'StreamingResponseFunction',
    });
  });
});
