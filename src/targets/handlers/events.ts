import type { TypeTree } from '../../emit/layout.js';
import { intersection, union } from '../../emit/type-expressions.js';
import type { OperationModel, SecurityRequirementModel } from '../../model/types.js';
import type { PayloadVersion } from '../../model/functions.js';
import type { NamespaceUse } from './namespaces.js';

/**
 * The proxy event type of an operation, narrowed by its security: what `requestContext.authorizer`
 * holds behind a Cognito, JWT or Lambda authorizer, and the caller's identity with IAM
 * authorization or an API key (REST). Alternatives of the security make a union.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function eventTree(
  operation: OperationModel,
  options: { payload: PayloadVersion; restApi: boolean; types: NamespaceUse },
): TypeTree {
  const { payload, restApi, types } = options;
  const requirements: (SecurityRequirementModel | undefined)[] = operation.security.length > 0 ? operation.security : [undefined];
  if (payload === '2.0') return union(requirements.map((requirement) => eventV2(requirement, types)));
  // HTTP APIs with payload 1.0 pass authorizer output in shapes of their own: the event stays as @types/aws-lambda has it.
  const v1 = restApi ? union(requirements.map((requirement) => eventV1(requirement, types))) : types.lambda('APIGatewayProxyEvent');
  return payload === 'either' ? union([v1, ...requirements.map((requirement) => eventV2(requirement, types))]) : v1;
}

function kinds(requirement: SecurityRequirementModel | undefined): Set<string> {
  return new Set(requirement?.schemes.map((scheme) => scheme.kind) ?? []);
}

function eventV1(requirement: SecurityRequirementModel | undefined, types: NamespaceUse): TypeTree {
  const present = kinds(requirement);
  const authorizer = present.has('cognito')
    ? types.lambda('APIGatewayProxyCognitoAuthorizer')
    : present.has('lambdaToken') || present.has('lambdaRequest')
      ? types.runtime('RestLambdaAuthorizerContext')
      : undefined;
  const base = authorizer ? types.lambda('APIGatewayProxyEventBase', [authorizer]) : types.lambda('APIGatewayProxyEvent');
  return intersection([
    base,
    ...(present.has('apiKey') ? [types.runtime('WithApiKey')] : []),
    ...(present.has('iam') ? [types.runtime('WithIamIdentity')] : []),
  ]);
}

function eventV2(requirement: SecurityRequirementModel | undefined, types: NamespaceUse): TypeTree {
  const present = kinds(requirement);
  if (present.has('jwt')) return types.lambda('APIGatewayProxyEventV2WithJWTAuthorizer');
  if (present.has('iam')) return types.lambda('APIGatewayProxyEventV2WithIAMAuthorizer');
  if (present.has('lambdaRequest') || present.has('lambdaToken')) {
    return types.lambda('APIGatewayProxyEventV2WithLambdaAuthorizer', [types.runtime('HttpLambdaAuthorizerContext')]);
  }
  return types.lambda('APIGatewayProxyEventV2');
}
