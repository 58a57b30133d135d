import type { ApiKind } from '../document/api-kind.js';
import type { GatewayResponse } from './gateway-messages.js';

/**
 * What API Gateway answers when a Lambda proxy integration gives no usable result: the function
 * failed (threw, exited, timed out, returned a malformed result) or did not answer within the
 * integration timeout. Bodies and statuses as AWS sends them (the timeout answers as recorded from
 * deployed APIs; serverless-offline-style peers answer the same, e.g. Inqnuam/serverless-aws-lambda):
 * - REST: 502 `{"message": "Internal server error"}`; timeout 504 `{"message": "Endpoint request timed out"}`;
 * - HTTP API: 500 `{"message":"Internal Server Error"}`; timeout 503 `{"message":"Service Unavailable"}`
 *   (https://github.com/cortexlabs/cortex/issues/1225, https://github.com/serverless/serverless/issues/11222).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 */
export function lambdaFailure(kind: ApiKind, timedOut: boolean): GatewayResponse {
  const [statusCode, body] =
    kind === 'rest'
      ? timedOut
        ? [504, '{"message": "Endpoint request timed out"}']
        : [502, '{"message": "Internal server error"}']
      : timedOut
        ? [503, '{"message":"Service Unavailable"}']
        : [500, '{"message":"Internal Server Error"}'];
  return { statusCode, headers: { 'content-type': 'application/json' }, body, answeredBy: 'lambda' };
}
