import type { Context } from 'aws-lambda';

/** A Lambda context as the Node.js runtime passes it, for invoking handlers in tests. */
export function lambdaContext(awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'handlers-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:handlers-test',
    memoryLimitInMB: '128',
    awsRequestId,
    logGroupName: '/aws/lambda/handlers-test',
    logStreamName: '2020/03/10/[$LATEST]e2b2ab1d0f8bf7c1a3ba8f2c0e4d51a7',
    getRemainingTimeInMillis: () => 3000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
