import { atom, type TypeTree } from '../../emit/layout.js';
import { intersection, union } from '../../emit/type-expressions.js';
import type { OperationModel, SecurityRequirementModel } from '../../model/types.js';
import type { PayloadVersion } from '../../model/functions.js';
import type { NamespaceUse } from './namespaces.js';

type Scheme = SecurityRequirementModel['schemes'][number];

/**
 * The proxy event type of an operation, narrowed by its security: what `requestContext.authorizer`
 * holds behind a Cognito, JWT or Lambda authorizer (the context its stub's `handler` returns),
 * the caller's identity with IAM authorization or an API key (REST), and no authorizer output
 * for an operation nothing guards. Alternatives of the security make a union.
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

function find(requirement: SecurityRequirementModel | undefined, ...kinds: string[]): Scheme | undefined {
  return requirement?.schemes.find((scheme) => kinds.includes(scheme.kind));
}

/**
 * REST: Cognito claims (strings), a Lambda authorizer's context (as strings, with `principalId`),
 * nothing without an authorizer; the API key and the IAM caller in `requestContext.identity`.
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-request.json
 */
function eventV1(requirement: SecurityRequirementModel | undefined, types: NamespaceUse): TypeTree {
  const lambda = find(requirement, 'lambdaToken', 'lambdaRequest');
  const authorizer = find(requirement, 'cognito')
    ? types.lambda('APIGatewayProxyCognitoAuthorizer')
    : lambda
      ? types.runtime('RestLambdaAuthorizer', handlerArgs(lambda, types))
      : types.runtime('NoAuthorizer');
  return intersection([
    types.lambda('APIGatewayProxyEventBase', [authorizer]),
    ...(find(requirement, 'apiKey') ? [types.runtime('WithApiKey')] : []),
    ...(find(requirement, 'iam') ? [types.runtime('WithIamIdentity')] : []),
  ]);
}

/**
 * HTTP API payload 2.0: JWT claims and scopes (never `null` when the route requires scopes), the
 * IAM caller, a Lambda authorizer's context under `lambda`; no `authorizer` without one.
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-jwt-authorizer.json
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-iam.json
 * @see https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-lambda-authorizer.json
 */
function eventV2(requirement: SecurityRequirementModel | undefined, types: NamespaceUse): TypeTree {
  const jwt = find(requirement, 'jwt');
  const lambda = find(requirement, 'lambdaRequest', 'lambdaToken');
  const authorizer = jwt
    ? types.runtime('HttpJwtAuthorizer', jwt.scopes.length > 0 ? [{ kind: 'array', element: atom('string') }] : undefined)
    : find(requirement, 'iam')
      ? types.runtime('HttpIamAuthorizer')
      : lambda
        ? types.runtime('HttpLambdaAuthorizer', handlerArgs(lambda, types))
        : undefined;
  return authorizer ? types.runtime('HttpAuthorizedEvent', [authorizer]) : types.lambda('APIGatewayProxyEventV2');
}

/** `[typeof tenantAuthorizer]` when the scheme has an authorizer stub. */
function handlerArgs(scheme: Scheme, types: NamespaceUse): TypeTree[] | undefined {
  const handler = types.authorizerHandler(scheme.name);
  return handler ? [handler] : undefined;
}
