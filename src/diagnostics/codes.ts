/**
 * The catalogue of every diagnostic apigw-gen reports. A code that is not described here does not
 * compile, so every problem a user can meet has a title, a cause and a fix.
 */

export type Severity = 'error' | 'warning' | 'info';

/**
 * What apigw-gen makes from a document, as far as findings can stop it: `validate` stands for
 * API Gateway's import, which it checks; `mock` and `cfn` write documents API Gateway imports.
 * (`serve` serves any document, with every finding as a warning.)
 */
export type Output = 'validate' | 'sdk' | 'handlers' | 'mock' | 'cfn';

/** Every output, in the order they are listed to users. */
export const OUTPUTS: readonly Output[] = ['validate', 'sdk', 'handlers', 'mock', 'cfn'];

/** A finding that makes every output wrong (a broken document, an authorizer the client and the handlers depend on). */
const EVERY = OUTPUTS;
/** What API Gateway refuses on import or runs differently: a client or a handler does not depend on it. */
const IMPORT: readonly Output[] = ['validate', 'mock', 'cfn'];

/** What the catalogue says about one code. */
export interface CodeInfo {
  severity: Severity;
  /**
   * The outputs a finding of this code makes wrong, so that, as an error, it stops them; for the
   * other outputs it is a warning (see scopeDiagnostics).
   */
  blocks: readonly Output[];
  /**
   * The finding is about API Gateway (its import rules, its extensions), not about OpenAPI: a
   * document with no `x-amazon-apigateway-*` extension at all, written for another server, gets
   * its client and handlers without it.
   */
  apiGateway?: true;
  title: string;
  cause: string;
  fix: string;
  /** Developer-guide page behind the rule, when there is one. */
  see?: string;
}

const DG = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/';

export const diagnosticCatalog = {
  // Loading
  APIGW_FILE_UNREADABLE: {
    severity: 'error',
    blocks: EVERY,
    title: 'File cannot be read',
    cause: 'The file does not exist, is not readable, or is not text.',
    fix: 'Check the path and that the file is a UTF-8 YAML or JSON document.',
  },
  APIGW_PARSE_ERROR: {
    severity: 'error',
    blocks: EVERY,
    title: 'Malformed YAML or JSON',
    cause: 'The file is not well-formed YAML or JSON.',
    fix: 'Fix the syntax at the reported line.',
  },
  APIGW_DOCUMENT_TOO_COMPLEX: {
    severity: 'error',
    blocks: EVERY,
    title: 'Document nested too deeply, or expanded too far by YAML aliases',
    cause:
      'The file nests objects or arrays more than 100 levels deep, or its YAML aliases (`*name`) repeat anchored values so often that the document expands to more than ten values per character of text. No real API needs either; both are ways to exhaust the tools that read the file.',
    fix: 'Flatten the nesting (move deep schemas to `components/schemas` and `$ref` them), or write repeated values out instead of aliasing aliases.',
  },
  APIGW_NOT_OPENAPI: {
    severity: 'error',
    blocks: EVERY,
    title: 'Not an OpenAPI document',
    cause: 'The document has no `openapi: 3.x` or `swagger: "2.0"` field at its root.',
    fix: 'Point apigw-gen at an OpenAPI 3.0/3.1 or Swagger 2.0 document.',
  },
  APIGW_TEMPLATE_API: {
    severity: 'error',
    blocks: EVERY,
    title: 'No OpenAPI definition to read in the template',
    cause:
      "The file is a SAM or CloudFormation template (a `Resources` map), and apigw-gen reads the OpenAPI definition of one of its API resources (`AWS::Serverless::Api`, `AWS::Serverless::HttpApi`, `AWS::ApiGateway::RestApi`, `AWS::ApiGatewayV2::Api`). The template has none, has several and none was chosen, the chosen one has no definition (SAM builds it from the functions' events on deployment), or the definition is in S3.",
    fix: 'Choose the API with `--api <LogicalId>` (`api` in a target of the config file), give it a `DefinitionBody`/`Body` (inline, or `Fn::Transform` `AWS::Include` of a local file), or point apigw-gen at the OpenAPI document itself.',
  },
  APIGW_UNSUPPORTED_VERSION: {
    severity: 'error',
    blocks: EVERY,
    title: 'Unsupported OpenAPI version',
    cause: 'The document declares a version apigw-gen does not read.',
    fix: 'Use OpenAPI 3.0.x or 3.1.x (Swagger 2.0 is converted to 3.0 automatically).',
  },
  APIGW_SWAGGER2_CONVERTED: {
    severity: 'info',
    blocks: EVERY,
    title: 'Swagger 2.0 converted to OpenAPI 3.0',
    cause: 'The document is Swagger 2.0; apigw-gen converted it with swagger2openapi before checking.',
    fix: 'Nothing to do. Pointers into the converted document are mapped back where possible.',
  },
  APIGW_CONDITIONAL_OPERATION: {
    severity: 'info',
    blocks: EVERY,
    title: 'Path item or operation decided by a CloudFormation condition',
    cause:
      'A path item or an operation is written as `Fn::If: [condition, operation, Ref: AWS::NoValue]` (SAM writes the methods of functions with a `Condition` so). CloudFormation resolves it before API Gateway imports the body; apigw-gen reads the operation as present (in the SDK, handlers and mock), and the template `cfn` writes keeps the condition.',
    fix: 'Nothing to do. Callers of the SDK get an error from API Gateway when the stack was deployed without the operation.',
    see: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html',
  },
  APIGW_REF_BARE_NAME: {
    severity: 'warning',
    blocks: EVERY,
    title: 'Bare name used as a Swagger 2.0 `$ref`',
    cause:
      "A `$ref` holds only a name (`Pet`), not a JSON reference. API Gateway's importer (swagger-parser) reads it as `#/definitions/Pet` (or `#/parameters/…`, `#/responses/…` where those are expected); most other tools look for a file named `Pet`.",
    fix: 'Write the full reference, for example `#/definitions/Pet`.',
  },
  APIGW_REF_NOT_FOUND: {
    severity: 'error',
    blocks: EVERY,
    title: '`$ref` target not found',
    cause: 'A `$ref` points at a file or a location that does not exist.',
    fix: 'Correct the reference, or add the missing definition.',
  },
  APIGW_REF_OUTSIDE_ROOT: {
    severity: 'error',
    blocks: EVERY,
    title: '`$ref` reaches outside the document folder',
    cause:
      "A `$ref` points at a file outside the root document's folder; apigw-gen refuses it by default so that a document cannot read arbitrary files.",
    fix: 'Move the referenced file under the document folder, or pass --allow-external-refs.',
  },
  APIGW_REF_REMOTE: {
    severity: 'error',
    blocks: EVERY,
    title: 'Remote `$ref` refused',
    cause: 'A `$ref` points at a URL; apigw-gen does not download documents.',
    fix: 'Download the referenced document next to yours and reference it by relative path.',
  },

  // The OpenAPI document itself
  APIGW_OPENAPI_SCHEMA: {
    severity: 'error',
    blocks: EVERY,
    title: 'Invalid OpenAPI structure',
    cause: 'The document does not follow the OpenAPI specification at this location.',
    fix: 'Correct the value so that it matches the OpenAPI object it sits in.',
    see: 'https://spec.openapis.org/oas/v3.0.3',
  },
  APIGW_DUPLICATE_OPERATION_ID: {
    severity: 'error',
    blocks: EVERY,
    title: 'Duplicate operationId',
    cause: 'Two operations share one operationId; OpenAPI requires them to be unique.',
    fix: 'Give every operation its own operationId.',
  },
  APIGW_PATH_PARAMETER_MISMATCH: {
    severity: 'error',
    blocks: EVERY,
    title: 'Path template and path parameters disagree',
    cause:
      'A `{name}` in the path has no `in: path` parameter, or an `in: path` parameter has no `{name}` in the path, or is not `required: true`.',
    fix: 'Declare exactly one required path parameter for each template segment.',
  },
  APIGW_DUPLICATE_PARAMETER: {
    severity: 'error',
    blocks: EVERY,
    title: 'Duplicate parameter',
    cause: 'An operation declares the same name and location twice.',
    fix: 'Remove one of the parameters.',
  },
  APIGW_SECURITY_SCHEME_UNDEFINED: {
    severity: 'error',
    blocks: EVERY,
    title: 'Security requirement names an undefined scheme',
    cause: 'A `security` requirement uses a name that is not in `components.securitySchemes`.',
    fix: 'Define the security scheme, or correct its name.',
  },

  // Extension values (JSON Schema)
  APIGW_EXTENSION_INVALID: {
    severity: 'error',
    blocks: EVERY,
    apiGateway: true,
    title: 'Invalid API Gateway extension value',
    cause: 'An `x-amazon-apigateway-*` value does not have the type, fields or values API Gateway accepts.',
    fix: 'Correct the value as the message says; the extension page in the developer guide lists every field.',
    see: DG + 'api-gateway-swagger-extensions.html',
  },
  APIGW_EXTENSION_FIELD_IGNORED: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Unknown field in an API Gateway extension',
    cause: 'The extension object has a field that API Gateway does not define; it is ignored on import.',
    fix: 'Remove the field, or correct its spelling.',
    see: DG + 'api-gateway-swagger-extensions.html',
  },
  APIGW_UNKNOWN_EXTENSION: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Unknown or misplaced API Gateway extension',
    cause: 'An `x-amazon-apigateway-*` name is not one API Gateway defines, or it sits where API Gateway does not read it.',
    fix: 'Correct the name or move it to the place the developer guide gives for it.',
    see: DG + 'api-gateway-swagger-extensions.html',
  },
  APIGW_EXTENSION_WRONG_API_KIND: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Extension ignored by this kind of API',
    cause: 'The extension only applies to REST APIs or only to HTTP APIs, and this document is the other kind.',
    fix: 'Remove it, or pass --api-kind if apigw-gen inferred the wrong kind of API.',
  },

  // Integrations
  APIGW_INTEGRATION_MISSING: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Operation has no integration',
    cause: 'A REST API method without `x-amazon-apigateway-integration` imports, but a deployment of the API fails until it has one.',
    fix: 'Add an integration (or generate MOCK integrations with `apigw-gen mock`).',
    see: DG + 'api-gateway-swagger-extensions-integration.html',
  },
  APIGW_INTEGRATION_TYPE_NOT_SUPPORTED: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration type not supported by HTTP APIs',
    cause:
      'HTTP APIs support only `aws_proxy` and `http_proxy` integrations; `aws` imports with a warning and is ignored, `http` and `mock` fail.',
    fix: 'Use `aws_proxy` or `http_proxy`, or build a REST API.',
    see: DG + 'http-api-open-api.html',
  },
  APIGW_INTEGRATION_URI_MISSING: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration has no uri',
    cause: 'Every integration type except `mock` needs a `uri`.',
    fix: 'Add the backend `uri` (a Lambda invocation ARN, an AWS service ARN or an HTTP URL).',
    see: DG + 'api-gateway-swagger-extensions-integration.html',
  },
  APIGW_INTEGRATION_URI_INVALID: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration uri has the wrong form',
    cause:
      '`http`/`http_proxy` need an http(s) URL; `aws`/`aws_proxy` need an `arn:aws:apigateway:…` URI (HTTP APIs also accept a Lambda function ARN).',
    fix: 'Write the uri in the form the integration type needs.',
    see: DG + 'api-gateway-swagger-extensions-integration.html',
  },
  APIGW_UNRESOLVED_PLACEHOLDER: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Placeholder left for another tool',
    cause:
      'A `${name}` in an integration or authorizer is neither a stage variable, an AWS variable (`${AWS::Region}`) nor inside a CloudFormation `Fn::Sub`: it is meant for a tool that renders the document first (Terraform `templatefile`, a script). API Gateway and CloudFormation keep it as written, so the integration or authorizer points at nothing.',
    fix: "Render the document with that tool before importing it, or use `apigw-gen cfn`, which makes each placeholder a template parameter (`${region}`, `${account_id}` and `${partition}` become the stack's own) and grants Lambda permissions for the functions they name.",
    see: DG + 'import-api-aws-variables.html',
  },
  APIGW_LAMBDA_HTTP_METHOD: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Lambda integrations must use POST',
    cause: 'API Gateway invokes Lambda with POST; any other `httpMethod` fails at invocation.',
    fix: 'Set `httpMethod: POST` (this is the backend method, not the API method).',
    see: DG + 'api-gateway-swagger-extensions-integration.html',
  },
  APIGW_INTEGRATION_HTTP_METHOD_MISSING: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration has no httpMethod',
    cause: 'Integrations of type aws, aws_proxy, http and http_proxy need the backend `httpMethod` on REST APIs.',
    fix: 'Add `httpMethod` (POST for Lambda).',
  },
  APIGW_INTEGRATION_TIMEOUT_RANGE: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration timeout out of range',
    cause:
      '`timeoutInMillis` must be 50–29000 for REST APIs (more only after a quota increase on Regional/private APIs, up to 900000 with response streaming) and 50–30000 for HTTP APIs.',
    fix: 'Choose a timeout within the range.',
    see: DG + 'limits.html',
  },
  APIGW_PAYLOAD_FORMAT_VERSION: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Missing or wrong payloadFormatVersion',
    cause: 'HTTP API integrations need `payloadFormatVersion`: "1.0" or "2.0" for Lambda proxy, "1.0" for everything else.',
    fix: 'Set `payloadFormatVersion` ("2.0" for new Lambda functions).',
    see: DG + 'http-api-develop-integrations-lambda.html',
  },
  APIGW_VPC_LINK_CONNECTION_ID: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'VPC link integration has no connectionId',
    cause: '`connectionType: VPC_LINK` needs the VPC link id in `connectionId`.',
    fix: 'Add `connectionId` (it may be `${stageVariables.vpcLinkId}`).',
    see: DG + 'set-up-api-with-vpclink-using-swagger.html',
  },
  APIGW_INTEGRATION_FIELD_NOT_APPLICABLE: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration field does not apply here',
    cause:
      'The field does not apply to this integration type or kind of API (for example request templates on a proxy integration, `integrationSubtype` on a REST API, response streaming on a non-proxy integration); API Gateway ignores or rejects it.',
    fix: 'Remove the field, or change the integration type.',
    see: DG + 'api-gateway-swagger-extensions-integration.html',
  },
  APIGW_FUNCTION_MIXED_TRANSFER_MODES: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Lambda function invoked both for response streaming and buffered',
    cause:
      'Some routes invoke the function for response streaming (`…/response-streaming-invocations`, `responseTransferMode: STREAM`) and others the buffered way. API Gateway answers a buffered handler invoked for streaming with a 500, and drops the body of a streaming handler invoked the buffered way, so no handler serves both; `handlers` writes the buffered router.',
    fix: 'Give the streaming routes a function of their own, or make every route of the function stream (or none).',
    see: DG + 'response-transfer-mode-lambda.html',
  },
  APIGW_INTEGRATION_RESPONSE_STATUS_UNDECLARED: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Integration response status is not a declared response',
    cause: "An integration response maps to a `statusCode` that is not in the operation's `responses`; REST import rejects it.",
    fix: 'Declare the status under `responses`, or map to a declared one.',
    see: DG + 'api-gateway-swagger-extensions-integration-response.html',
  },
  APIGW_REQUEST_PARAMETER_MAPPING: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Invalid request parameter mapping',
    cause:
      'A `requestParameters` key or value has a form API Gateway does not accept (REST: `integration.request.{header|querystring|path}.x` ← `method.request.…`, `$context.x`, `$stageVariables.x` or a quoted literal; HTTP: `{append|overwrite|remove}:{header|querystring}.x` or `overwrite:path` ← text with `$request.…`, `$context.x`, `$stageVariables.x`; no reserved header such as Authorization or `x-amzn-*`).',
    fix: 'Rewrite the mapping in the form the developer guide gives.',
    see: DG + 'api-gateway-swagger-extensions-integration-requestParameters.html',
  },
  APIGW_REQUEST_PARAMETER_DROPPED: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Request parameter mapping dropped',
    cause:
      'A REST `requestParameters` value is not a string (YAML reads `true` unquoted as a boolean). API Gateway imports the document with a warning and leaves the mapping out; apigw-gen leaves it out of every output too.',
    fix: 'Quote the value (a literal is written `"\'value\'"`), or remove the mapping.',
    see: DG + 'api-gateway-swagger-extensions-integration-requestParameters.html',
  },
  APIGW_RESPONSE_PARAMETER_MAPPING: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Invalid response parameter mapping',
    cause:
      'A `responseParameters` key or value has a form API Gateway does not accept (REST: `method.response.header.x` ← `integration.response.header.y`, `integration.response.body…` or a quoted literal; HTTP: under a status code 200-599, `{append|overwrite|remove}:header.x` or `overwrite:statuscode` ← text with `$response.…`, `$context.x`, `$stageVariables.x`; no reserved header).',
    fix: 'Rewrite the mapping in the form the developer guide gives.',
    see: DG + 'api-gateway-swagger-extensions-integration-responseParameters.html',
  },
  APIGW_RESPONSE_HEADER_UNDECLARED: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Mapped response header is not declared',
    cause: "A `method.response.header.x` mapping names a header that the operation's response does not declare; REST import rejects it.",
    fix: 'Declare the header under the response `headers`.',
    see: DG + 'api-gateway-swagger-extensions-integration-responseParameters.html',
  },
  APIGW_METHOD_PARAMETER_UNDECLARED: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Mapping uses an undeclared method request parameter',
    cause:
      'A `method.request.{path|querystring|header}.x` value (in a mapping, a cache key or an identity source) names a parameter the operation does not declare; REST import rejects it.',
    fix: 'Declare the parameter on the operation.',
  },

  // Authorizers and security
  APIGW_AUTHORIZER_TYPE: {
    severity: 'error',
    blocks: EVERY,
    apiGateway: true,
    title: 'Authorizer type not supported by this kind of API',
    cause: 'REST APIs accept `token`, `request` and `cognito_user_pools` authorizers; HTTP APIs accept `request` and `jwt`.',
    fix: 'Use an authorizer type this kind of API supports.',
    see: DG + 'api-gateway-swagger-extensions-authorizer.html',
  },
  APIGW_AUTHORIZER_FIELD_MISSING: {
    severity: 'error',
    blocks: EVERY,
    apiGateway: true,
    title: 'Authorizer is missing a required field',
    cause:
      'Lambda authorizers need `authorizerUri`; Cognito authorizers need `providerARNs`; JWT authorizers need `jwtConfiguration` and `identitySource`; REST request authorizers with caching need `identitySource`; HTTP API Lambda authorizers need `authorizerPayloadFormatVersion`.',
    fix: 'Add the field the message names.',
    see: DG + 'api-gateway-swagger-extensions-authorizer.html',
  },
  APIGW_AUTHORIZER_FIELD_NOT_APPLICABLE: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Authorizer field does not apply to this authorizer',
    cause:
      'The field belongs to another authorizer type or kind of API (for example `enableSimpleResponses` outside an HTTP API payload 2.0 Lambda authorizer); API Gateway ignores it.',
    fix: 'Remove the field.',
    see: DG + 'api-gateway-swagger-extensions-authorizer.html',
  },
  APIGW_AUTHORIZER_SCHEME_TYPE: {
    severity: 'error',
    blocks: EVERY,
    apiGateway: true,
    title: 'Authorizer on the wrong kind of security scheme',
    cause:
      'On REST APIs, `x-amazon-apigateway-authorizer` must sit on a security scheme of `type: apiKey`; on HTTP APIs, JWT authorizers sit on `oauth2` or `openIdConnect` schemes and Lambda authorizers on `apiKey` schemes.',
    fix: 'Change the security scheme type.',
    see: DG + 'api-gateway-swagger-extensions-authorizer.html',
  },
  APIGW_IDENTITY_SOURCE: {
    severity: 'error',
    blocks: EVERY,
    apiGateway: true,
    title: 'Invalid authorizer identity source',
    cause:
      'REST identity sources are `method.request.{header|querystring}.x`, `stageVariables.x` or `context.x`; HTTP API identity sources are `$request.{header|querystring}.x`, `$context.x` or `$stageVariables.x`.',
    fix: 'Rewrite the identity source in the form of this kind of API.',
    see: DG + 'api-gateway-swagger-extensions-authorizer.html',
  },
  APIGW_ROOT_SECURITY_IGNORED: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Root-level security is ignored by REST APIs',
    cause:
      'API Gateway REST import ignores the root `security` field; operations without their own `security` end up with no authorization.',
    fix: 'Repeat the security requirement on every operation that needs it.',
    see: DG + 'api-gateway-known-issues.html',
  },
  APIGW_MULTIPLE_SECURITY_REQUIREMENTS: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'More than one security requirement on an HTTP API route',
    cause: 'An HTTP API route can use only one of IAM, a Lambda authorizer or a JWT authorizer; import fails when several are modelled.',
    fix: 'Keep one security requirement with one scheme on the operation.',
    see: DG + 'http-api-open-api.html',
  },
  APIGW_SECURITY_NOT_ENFORCED: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Security scheme API Gateway does not enforce',
    cause:
      'The security scheme has no API Gateway meaning (no authorizer, not the `x-api-key` header, not IAM), so API Gateway lets requests through without checking it.',
    fix: 'Attach an `x-amazon-apigateway-authorizer`, use an `x-api-key` header scheme, or mark the scheme `x-amazon-apigateway-authtype: awsSigv4`.',
    see: DG + 'api-gateway-swagger-extensions-authorizer.html',
  },
  APIGW_TOO_MANY_AUTHORIZERS: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'More authorizers than the default quota',
    cause: 'A REST API can have 10 authorizers unless the quota is raised.',
    fix: 'Share authorizers between operations, or request a quota increase.',
    see: DG + 'limits.html',
  },

  // Other REST extensions
  APIGW_REQUEST_VALIDATOR_UNDEFINED: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Request validator is not defined',
    cause: '`x-amazon-apigateway-request-validator` names a validator missing from `x-amazon-apigateway-request-validators`.',
    fix: 'Define the validator at the root, or correct its name.',
    see: DG + 'api-gateway-swagger-extensions-request-validator.html',
  },
  APIGW_POLICY_TOO_LARGE: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Resource policy larger than 8192 characters',
    cause: 'API Gateway limits a resource policy to 8192 characters.',
    fix: 'Shorten the policy, for example by merging statements or using wildcards.',
    see: DG + 'limits.html',
  },
  APIGW_SECURITY_POLICY_ACCESS_MODE: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Enhanced security policy without an endpoint access mode',
    cause: 'A `SecurityPolicy_*` value of `x-amazon-apigateway-security-policy` requires `x-amazon-apigateway-endpoint-access-mode`.',
    fix: 'Add `x-amazon-apigateway-endpoint-access-mode`.',
    see: DG + 'openapi-extensions-security-policy.html',
  },
  APIGW_ENDPOINT_CONFIGURATION_PLACEMENT: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Endpoint configuration in the wrong place',
    cause: 'In OpenAPI 3, `x-amazon-apigateway-endpoint-configuration` is read from a `servers[]` entry, not from the root.',
    fix: 'Move it into the server object.',
    see: DG + 'api-gateway-swagger-extensions-endpoint-configuration.html',
  },

  // Import quirks
  APIGW_PATH_SEGMENT_INVALID: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Path has characters API Gateway rejects',
    cause:
      'REST resource paths may contain only letters, digits and `_-.,:{}` (and `+` in a greedy `{proxy+}`); a path parameter must be a whole segment.',
    fix: 'Rename the path segment.',
    see: DG + 'api-gateway-known-issues.html',
  },
  APIGW_MODEL_NAME_INVALID: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Model name is not alphanumeric',
    cause: 'REST APIs import every `components.schemas` entry as a model, and model names must be alphanumeric.',
    fix: 'Rename the schema (and its references) to letters and digits only.',
    see: DG + 'api-gateway-known-issues.html',
  },
  APIGW_UNSUPPORTED_KEYWORD_DROPPED: {
    severity: 'warning',
    blocks: IMPORT,
    apiGateway: true,
    title: 'Schema keyword dropped by REST import',
    cause:
      'REST API models are JSON Schema draft 4 without `discriminator`, `example`, `exclusiveMinimum`, `readOnly`, `default` and some formats; API Gateway drops them, so request validation ignores them.',
    fix: 'Nothing to do if you rely on them only for documentation and SDKs; do not rely on API Gateway to enforce them.',
    see: DG + 'api-gateway-known-issues.html',
  },
  APIGW_HTTP_API_OPENAPI_VERSION: {
    severity: 'error',
    blocks: IMPORT,
    apiGateway: true,
    title: 'HTTP APIs import OpenAPI 3.0 only',
    cause: 'HTTP API import rejects `swagger: "2.0"` documents.',
    fix: 'Convert the document to OpenAPI 3.0 (apigw-gen checks the converted document).',
    see: DG + 'http-api-open-api.html',
  },
} as const satisfies Record<string, CodeInfo>;

/** Every diagnostic code. */
export type DiagnosticCode = keyof typeof diagnosticCatalog;
