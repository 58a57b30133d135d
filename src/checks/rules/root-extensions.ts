import type { Rule } from '../check-context.js';

const POLICY_LIMIT = 8192;

/**
 * Root-level limits and pairings: the resource policy size quota, and enhanced security
 * policies that need an endpoint access mode.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-security-policy.html
 */
export const checkRootExtensions: Rule = (context) => {
  const policy = context.document['x-amazon-apigateway-policy'];
  if (policy !== undefined) {
    const size = (typeof policy === 'string' ? policy : JSON.stringify(policy)).length;
    if (size > POLICY_LIMIT) {
      context.report({
        code: 'APIGW_POLICY_TOO_LARGE',
        pointer: '/x-amazon-apigateway-policy',
        message: `The resource policy is ${size} characters as JSON; API Gateway allows ${POLICY_LIMIT}.`,
      });
    }
  }
  const securityPolicy = context.document['x-amazon-apigateway-security-policy'];
  if (
    typeof securityPolicy === 'string' &&
    securityPolicy.startsWith('SecurityPolicy_') &&
    context.document['x-amazon-apigateway-endpoint-access-mode'] === undefined
  ) {
    context.report({
      code: 'APIGW_SECURITY_POLICY_ACCESS_MODE',
      pointer: '/x-amazon-apigateway-security-policy',
      message: `Security policy ${securityPolicy} requires x-amazon-apigateway-endpoint-access-mode.`,
    });
  }
};
