/**
 * JSON Schemas for the values of API Gateway's OpenAPI extensions. API Gateway publishes none;
 * these follow the developer guide page by page (see `extensionCatalog` for the links) and
 * accept, wherever a scalar goes, the CloudFormation forms that documents taken from a template
 * carry: intrinsic functions (`{ "Fn::Sub": … }`, `{ "Ref": … }`) and `${…}` variables.
 *
 * Rules a schema cannot say (ranges that depend on the kind of API, cross-references) live in
 * the rule modules under `rules/`.
 */

type Schema = Record<string, unknown>;

/** A CloudFormation intrinsic function object: exactly one `Ref`, `Condition` or `Fn::*` key. */
const intrinsic: Schema = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  propertyNames: { pattern: '^(Ref|Condition|Fn::[A-Za-z0-9]+)$' },
};

/** `${…}` anywhere in a string: substituted by CloudFormation or at import (`${AWS::Region}`). */
const VARIABLE = '\\$\\{[^}]+\\}';

/**
 * Accepts `schema`, or a CloudFormation value that will become one. Errors are reported from the
 * first branch only (see `extension-values.ts`).
 */
function cfn(schema: Schema): Schema {
  return { anyOf: [schema, { $ref: '#/$defs/cfnValue' }] };
}

const string: Schema = cfn({ type: 'string' });
const boolean: Schema = cfn({ type: 'boolean' });
const stringArray: Schema = cfn({ type: 'array', items: string });
const stringMap: Schema = cfn({ type: 'object', additionalProperties: string });

function oneOfValues(values: readonly string[], caseInsensitive = false): Schema {
  return cfn(caseInsensitive ? { type: 'string', caseInsensitiveEnum: values } : { type: 'string', enum: values });
}

function integer(minimum: number, maximum?: number): Schema {
  return cfn({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) });
}

function object(properties: Record<string, Schema>, required: string[] = []): Schema {
  return cfn({ type: 'object', properties, required, additionalProperties: false });
}

const STATUS_CODE = cfn({
  type: ['string', 'integer'],
  pattern: '^[1-5][0-9][0-9]$',
  minimum: 100,
  maximum: 599,
  errorText: 'must be an HTTP status code such as "200"',
});

const MEDIA_TYPE = cfn({
  type: 'string',
  pattern: '^[^/\\s]+/[^/\\s]+$',
  errorText: 'must be a media type such as "application/json" or "image/*"',
});

const GATEWAY_RESPONSE_TYPES = [
  'ACCESS_DENIED',
  'API_CONFIGURATION_ERROR',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'AUTHORIZER_FAILURE',
  'BAD_REQUEST_BODY',
  'BAD_REQUEST_PARAMETERS',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'EXPIRED_TOKEN',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'INVALID_API_KEY',
  'INVALID_SIGNATURE',
  'MISSING_AUTHENTICATION_TOKEN',
  'QUOTA_EXCEEDED',
  'REQUEST_TOO_LARGE',
  'RESOURCE_NOT_FOUND',
  'THROTTLED',
  'UNAUTHORIZED',
  'UNSUPPORTED_MEDIA_TYPE',
  'WAF_FILTERED',
] as const;

const INTEGRATION_SUBTYPES = [
  'EventBridge-PutEvents',
  'SQS-SendMessage',
  'SQS-ReceiveMessage',
  'SQS-DeleteMessage',
  'SQS-PurgeQueue',
  'AppConfig-GetConfiguration',
  'Kinesis-PutRecord',
  'StepFunctions-StartExecution',
  'StepFunctions-StartSyncExecution',
  'StepFunctions-StopExecution',
] as const;

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'ANY'];

/** @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-response.html */
const integrationResponse = object({
  statusCode: STATUS_CODE,
  responseTemplates: stringMap,
  responseParameters: stringMap,
  contentHandling: oneOfValues(['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY']),
});

/** @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html */
const integration = object({
  type: oneOfValues(['aws', 'aws_proxy', 'http', 'http_proxy', 'mock'], true),
  httpMethod: oneOfValues(METHODS, true),
  uri: string,
  connectionType: oneOfValues(['INTERNET', 'VPC_LINK'], true),
  connectionId: string,
  credentials: string,
  contentHandling: oneOfValues(['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY']),
  passthroughBehavior: oneOfValues(['when_no_match', 'when_no_templates', 'never'], true),
  // YAML reads a bare 1.0 as a number; API Gateway accepts it as the string it was meant to be.
  payloadFormatVersion: cfn({
    enum: ['1.0', '2.0', 1, 2],
    errorText: 'must be "1.0" or "2.0"',
  }),
  integrationSubtype: oneOfValues(INTEGRATION_SUBTYPES),
  // The range depends on the kind of API and on streaming: see rules/integrations.ts.
  timeoutInMillis: cfn({ type: 'integer' }),
  responseTransferMode: oneOfValues(['BUFFERED', 'STREAM']),
  cacheKeyParameters: stringArray,
  cacheNamespace: string,
  // A value that is not a string (`true`) is dropped by API Gateway with a warning: rules/parameter-mappings.ts.
  requestParameters: cfn({ type: 'object', additionalProperties: { anyOf: [string, { type: ['boolean', 'number', 'null'] }] } }),
  requestTemplates: stringMap,
  responses: cfn({ type: 'object', additionalProperties: integrationResponse }),
  responseParameters: cfn({ type: 'object', additionalProperties: stringMap }),
  tlsConfig: object({ insecureSkipVerification: boolean, serverNameToVerify: string }),
  description: string,
});

/** @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html */
const authorizer = object(
  {
    type: oneOfValues(['token', 'request', 'cognito_user_pools', 'jwt'], true),
    authorizerUri: string,
    authorizerCredentials: string,
    authorizerPayloadFormatVersion: cfn({ enum: ['1.0', '2.0', 1, 2], errorText: 'must be "1.0" or "2.0"' }),
    enableSimpleResponses: boolean,
    // A comma-separated string; SAM writes HTTP API identity sources as an array.
    identitySource: cfn({ type: ['string', 'array'], items: string }),
    jwtConfiguration: object({ issuer: string, audience: stringArray }),
    identityValidationExpression: string,
    authorizerResultTtlInSeconds: integer(0, 3600),
    providerARNs: stringArray,
  },
  ['type'],
);

/** @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html */
const gatewayResponses = cfn({
  type: 'object',
  propertyNames: { enum: GATEWAY_RESPONSE_TYPES, errorText: 'is not a gateway response type' },
  additionalProperties: object({
    statusCode: STATUS_CODE,
    responseParameters: cfn({
      type: 'object',
      // A header name may hold dots: AWS imports `gatewayresponse.header.method.response.header.X` (LocalStack's
      // AWS-validated test_import_rest_api, tests/aws/files/openapi.spec.pulumi.json).
      propertyNames: {
        pattern: '^gatewayresponse\\.(header|path|querystring)\\.\\S+$',
        errorText: 'must be gatewayresponse.{header|path|querystring}.<name>',
      },
      additionalProperties: string,
    }),
    responseTemplates: stringMap,
  }),
});

/** Schemas by extension name; each validates the value of that extension. */
export const extensionSchemas: Record<string, Schema> = {
  'x-amazon-apigateway-integration': integration,
  'x-amazon-apigateway-authorizer': authorizer,
  'x-amazon-apigateway-gateway-responses': gatewayResponses,
  'x-amazon-apigateway-request-validators': cfn({
    type: 'object',
    additionalProperties: object({ validateRequestBody: boolean, validateRequestParameters: boolean }),
  }),
  'x-amazon-apigateway-request-validator': string,
  'x-amazon-apigateway-cors': object({
    allowOrigins: stringArray,
    allowCredentials: boolean,
    exposeHeaders: stringArray,
    maxAge: integer(-1, 86400),
    allowMethods: cfn({ type: 'array', items: oneOfValues([...METHODS, '*'], true) }),
    allowHeaders: stringArray,
  }),
  'x-amazon-apigateway-api-key-source': oneOfValues(['HEADER', 'AUTHORIZER']),
  'x-amazon-apigateway-binary-media-types': cfn({ type: 'array', items: MEDIA_TYPE }),
  'x-amazon-apigateway-minimum-compression-size': integer(0, 10485760),
  'x-amazon-apigateway-auth': object({ type: oneOfValues(['NONE', 'AWS_IAM'], true) }, ['type']),
  'x-amazon-apigateway-authtype': string,
  'x-amazon-apigateway-endpoint-configuration': object({
    disableExecuteApiEndpoint: boolean,
    vpcEndpointIds: cfn({ type: 'array', items: string }),
    ipAddressType: oneOfValues(['ipv4', 'dualstack'], true),
    types: cfn({ type: 'array', items: oneOfValues(['EDGE', 'REGIONAL', 'PRIVATE']) }),
  }),
  'x-amazon-apigateway-importexport-version': cfn({ enum: ['1.0', 1], errorText: 'must be "1.0"' }),
  'x-amazon-apigateway-integrations': cfn({ type: 'object', additionalProperties: integration }),
  'x-amazon-apigateway-policy': cfn({
    type: ['object', 'string'],
    properties: { Version: string, Statement: cfn({ type: ['array', 'object'] }) },
    required: ['Statement'],
  }),
  'x-amazon-apigateway-documentation': object({
    version: string,
    documentationParts: cfn({
      type: 'array',
      items: cfn({ type: 'object', properties: { location: { type: 'object' } }, required: ['location'] }),
    }),
  }),
  'x-amazon-apigateway-security-policy': string,
  'x-amazon-apigateway-endpoint-access-mode': string,
  'x-amazon-apigateway-tag-value': string,
  'x-amazon-apigateway-any-method': cfn({ type: 'object' }),
};

/** Shared definitions every extension schema refers to. */
export const extensionSchemaDefs: Record<string, Schema> = {
  cfnValue: { anyOf: [intrinsic, { type: 'string', pattern: VARIABLE }] },
};
