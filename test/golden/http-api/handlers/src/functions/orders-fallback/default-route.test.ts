import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler } from './handler.gen.js';

/** An HTTP API (payload 2.0) proxy event of `ANY /$default`, shaped after the AWS documentation's sample event, with the operation's required parameters and body. */
const event: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/',
  rawQueryString: '',
  headers: {
    accept: 'application/json',
  },
  requestContext: {
    accountId: '123456789012',
    apiId: 'api-id',
    domainName: 'id.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'id',
    http: {
      method: 'GET',
      path: '/',
      protocol: 'HTTP/1.1',
      sourceIp: '192.0.2.1',
      userAgent: 'agent',
    },
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    routeKey: '$default',
    stage: '$default',
    time: '12/Mar/2020:19:03:58 +0000',
    timeEpoch: 1583348638390,
  },
  isBase64Encoded: false,
};

/** A Lambda context as the Node.js runtime passes it. */
const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'orders-fallback',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fallback',
  memoryLimitInMB: '128',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/orders-fallback',
  logStreamName: '2020/03/10/[$LATEST]e2b2ab1d0f8bf7c1a3ba8f2c0e4d51a7',
  getRemainingTimeInMillis: () => 3000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

test('defaultRoute (ANY /$default) answers 501 until it is implemented', async () => {
  const response = await handler(event, context);
  assert.equal(response.statusCode, 501);
});
