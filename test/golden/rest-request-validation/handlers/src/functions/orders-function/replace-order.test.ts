import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { handler } from './handler.gen.js';

/** A REST API (payload 1.0) proxy event of `PUT /orders/{orderId}`, shaped after the AWS documentation's sample event, with the operation's required parameters and body. */
const event: APIGatewayProxyEvent = {
  resource: '/orders/{orderId}',
  path: '/orders/example',
  httpMethod: 'PUT',
  headers: {
    Accept: 'application/json',
    'If-Match': 'example',
    'Content-Type': 'application/json',
  },
  multiValueHeaders: {
    Accept: ['application/json'],
    'If-Match': ['example'],
    'Content-Type': ['application/json'],
  },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: {
    orderId: 'example',
  },
  stageVariables: null,
  requestContext: {
    accountId: '123456789012',
    apiId: '1234567890',
    authorizer: null,
    protocol: 'HTTP/1.1',
    httpMethod: 'PUT',
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: null,
      apiKeyId: null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: '127.0.0.1',
      user: null,
      userAgent: 'Custom User Agent String',
      userArn: null,
    },
    path: '/prod/orders/example',
    stage: 'prod',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    requestTimeEpoch: 1428582896000,
    resourceId: '123456',
    resourcePath: '/orders/{orderId}',
  },
  body: '{"customer":"string","email":"user@example.com","items":[{"sku":"AN926749441"}],"note":"strin","placedAt":"2024-01-31","priority":"low","total":1}',
  isBase64Encoded: false,
};

/** A Lambda context as the Node.js runtime passes it. */
const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'orders-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-function',
  memoryLimitInMB: '128',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/orders-function',
  logStreamName: '2020/03/10/[$LATEST]e2b2ab1d0f8bf7c1a3ba8f2c0e4d51a7',
  getRemainingTimeInMillis: () => 3000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

test('replaceOrder (PUT /orders/{orderId}) answers 501 until it is implemented', async () => {
  const response = await handler(event, context);
  assert.equal(response.statusCode, 501);
});
