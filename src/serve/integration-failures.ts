import type { ApiKind } from '../document/api-kind.js';
import type { GatewayResponse } from './gateway-messages.js';

/**
 * What API Gateway answers when a Lambda proxy integration gives no usable result (the function
 * failed: threw, exited, timed out, returned a malformed result), or when an integration (Lambda or
 * HTTP backend) does not answer within its timeout (`timeoutInMillis`, 29 s by default). Bodies and
 * statuses as AWS sends them (the timeout answers as recorded from deployed APIs; serverless-offline-style
 * peers answer the same, e.g. Inqnuam/serverless-aws-lambda):
 * - REST: 502 `{"message": "Internal server error"}`; timeout 504 `{"message": "Endpoint request timed out"}`
 *   (https://github.com/ks888/LambStatus/issues/36; an integration request that takes longer than the
 *   integration timeout gets 504, whatever the integration: https://repost.aws/knowledge-center/api-gateway-504-errors);
 * - HTTP API: 500 `{"message":"Internal Server Error"}`; timeout 503 `{"message":"Service Unavailable"}`
 *   (https://github.com/cortexlabs/cortex/issues/1225, https://github.com/serverless/serverless/issues/11222).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 */
export function integrationFailure(kind: ApiKind, timedOut: boolean, answeredBy: 'lambda' | 'http' | 'httpProxy'): GatewayResponse {
  const [statusCode, body] =
    kind === 'rest'
      ? timedOut
        ? [504, '{"message": "Endpoint request timed out"}']
        : [502, '{"message": "Internal server error"}']
      : timedOut
        ? [503, '{"message":"Service Unavailable"}']
        : [500, '{"message":"Internal Server Error"}'];
  return { statusCode, headers: { 'content-type': 'application/json' }, body, answeredBy };
}
