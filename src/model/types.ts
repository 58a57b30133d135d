/**
 * The API model: what every generator reads, independent of any output. Built once per run by
 * `buildApiModel`, the only place that orders things. Every node keeps the JSON pointer of its
 * source in the (bundled) document.
 */
import type { ApiKind, ApiKindDecision } from '../document/api-kind.js';
import type { AuthKind } from '../document/auth-kind.js';

export interface ApiModel {
  kind: ApiKind;
  kindDecision: ApiKindDecision;
  /** True when the document has `x-amazon-apigateway-*` extensions, i.e. it is meant for API Gateway. */
  apiGateway: boolean;
  openapiVersion: '3.0' | '3.1';
  /** The version the file declared (`2.0` for converted Swagger documents). */
  declaredVersion: string;
  title: string;
  /** PascalCase identifier derived from the title (for client class names). */
  typeName: string;
  version: string;
  description?: string;
  servers: ServerModel[];
  operations: OperationModel[];
  schemas: SchemaModel[];
  securitySchemes: SecuritySchemeModel[];
  binaryMediaTypes: string[];
  apiKeySource?: string;
  minimumCompressionSize?: number;
  cors?: Record<string, unknown>;
  gatewayResponses: GatewayResponseModel[];
  requestValidators: RequestValidatorModel[];
  /** Root `x-amazon-apigateway-*` values, verbatim. */
  extensions: Record<string, unknown>;
  pointer: string;
}

export interface ServerModel {
  url: string;
  description?: string;
  variables: { name: string; default: string; enum?: string[] }[];
  endpointConfiguration?: Record<string, unknown>;
  pointer: string;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE' | 'ANY';

export interface OperationModel {
  /** operationId, or one derived from method and path. */
  id: string;
  /** True when `id` was derived because the document has no operationId. */
  idDerived: boolean;
  /** camelCase identifier, unique among operations. */
  name: string;
  /** PascalCase identifier, unique among operations. */
  typeName: string;
  method: HttpMethod;
  path: string;
  /** `operationId (METHOD /path)`, for messages. */
  label: string;
  /** HTTP API `$default` route. */
  isDefaultRoute: boolean;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  parameters: ParametersModel;
  requestBody?: RequestBodyModel;
  responses: ResponseModel[];
  /**
   * Alternatives (any one suffices); each lists the schemes that must all pass. Empty: no authorization.
   * The root `security` counts for HTTP APIs and, as OpenAPI reads it, for documents without API Gateway extensions.
   */
  security: SecurityRequirementModel[];
  /** True when API Gateway requires an API key (`x-api-key`) for this operation (never from a REST API's root `security`). */
  apiKeyRequired: boolean;
  requestValidator?: RequestValidatorModel;
  integration?: IntegrationModel;
  /** `x-amazon-apigateway-*` values of the operation, verbatim. */
  extensions: Record<string, unknown>;
  pointer: string;
}

export interface ParametersModel {
  path: ParameterModel[];
  query: ParameterModel[];
  header: ParameterModel[];
  cookie: ParameterModel[];
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterModel {
  name: string;
  /** camelCase identifier, unique within the operation's parameters. */
  identifier: string;
  in: ParameterLocation;
  required: boolean;
  /** Serialization style, with OpenAPI's default for the location filled in. */
  style: string;
  explode: boolean;
  allowReserved: boolean;
  /** True for a greedy `{name+}` path parameter. */
  greedy: boolean;
  schema: SchemaNode;
  description?: string;
  /** The parameter's own `example`, else the value of its first `examples` entry by name. */
  example?: unknown;
  deprecated: boolean;
  pointer: string;
}

export interface RequestBodyModel {
  required: boolean;
  description?: string;
  content: MediaTypeModel[];
  pointer: string;
}

export interface ResponseModel {
  /** `200`, `4XX` or `default`. */
  status: string;
  description: string;
  content: MediaTypeModel[];
  headers: HeaderModel[];
  pointer: string;
}

export interface HeaderModel {
  name: string;
  required: boolean;
  schema: SchemaNode;
  description?: string;
  pointer: string;
}

export interface MediaTypeModel {
  mediaType: string;
  schema?: SchemaNode;
  /** True when the body is binary: a binary media type of the API, `format: binary`, or a non-text type. */
  binary: boolean;
  /** `example`, then each of `examples` in name order. */
  examples: { name?: string; value: unknown }[];
  /** How the properties of a form or multipart body are encoded, by property name (OpenAPI Encoding Objects). */
  encoding?: Record<string, EncodingModel>;
  pointer: string;
}

/**
 * One property of a form or multipart body: its style (form bodies, and multipart ones in
 * OpenAPI 3.1) and the content type of its part (multipart). Absent fields take OpenAPI's defaults.
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
export interface EncodingModel {
  contentType?: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
}

export type SchemaKind =
  'ref' | 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'any' | 'allOf' | 'oneOf' | 'anyOf';

/** A node of the schema type graph. Named schemas are reached through `ref` nodes, so the graph has no cycles of objects. */
export interface SchemaNode {
  kind: SchemaKind;
  /** `ref`: the `typeName` of the SchemaModel it points at. */
  ref?: string;
  nullable: boolean;
  /** Allowed values (`enum`, or `[const]`). */
  enum?: unknown[];
  format?: string;
  properties?: PropertyModel[];
  /** `object`, as written: `true` for any extra property, a node for typed ones, `false` for none; absent when unsaid. */
  additionalProperties?: boolean | SchemaNode;
  /** `array`: the elements after `prefixItems` (`never` for `items: false`, a closed tuple). */
  items?: SchemaNode;
  /** `array` (JSON Schema 2020-12, OpenAPI 3.1): the leading elements of a tuple, in order. */
  prefixItems?: SchemaNode[];
  /** `allOf`/`oneOf`/`anyOf`, and unions of several `type`s. */
  members?: SchemaNode[];
  /** `oneOf`/`anyOf`: the explicit mapping, plus the implicit entry (component name) of every member it does not name. */
  discriminator?: { propertyName: string; mapping: { value: string; ref: string }[] };
  title?: string;
  description?: string;
  deprecated: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  default?: unknown;
  example?: unknown;
  /** Validation keywords, verbatim (minimum, maxLength, pattern, …). */
  constraints: Record<string, unknown>;
  pointer: string;
}

export interface PropertyModel {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface SchemaModel {
  /** The name in the document (components key), or a name derived from where the schema sits. */
  name: string;
  /** PascalCase identifier, unique among schemas. */
  typeName: string;
  origin: 'component' | 'inline';
  schema: SchemaNode;
  pointer: string;
}

export interface SecuritySchemeModel {
  name: string;
  kind: AuthKind;
  /** The OpenAPI scheme type (`apiKey`, `http`, `oauth2`, `openIdConnect`). */
  type: string;
  /** apiKey: where and under which name the credential goes. */
  in?: string;
  parameterName?: string;
  /** http: `bearer`, `basic`, … */
  scheme?: string;
  authorizer?: AuthorizerModel;
  /** What a client sends to satisfy the scheme. */
  credential: CredentialModel;
  pointer: string;
}

/** Where a client puts a request parameter. */
export interface RequestInputModel {
  in: 'header' | 'query';
  name: string;
}

/**
 * What a client sends to satisfy a security scheme:
 * - `secret`: a value (API key or token) in a header, query parameter or cookie, after `prefix`
 *   (`Bearer ` for HTTP bearer, OAuth 2.0 and OpenID Connect);
 * - `basic`: a user name and password (HTTP Basic authentication);
 * - `identity`: the request parameters a Lambda REQUEST authorizer reads, which the operations it guards take as inputs;
 * - `iam`: a SigV4 signature;
 * - `fromAuthorizer`: nothing: API Gateway takes the API key from the Lambda authorizer (`x-amazon-apigateway-api-key-source: AUTHORIZER`);
 * - `unsupported`: nothing the client can send (HTTP schemes other than bearer and basic, mutual TLS).
 */
export type CredentialModel =
  | { kind: 'secret'; in: 'header' | 'query' | 'cookie'; name: string; prefix: string }
  | { kind: 'basic' }
  | { kind: 'identity'; inputs: RequestInputModel[] }
  | { kind: 'iam' }
  | { kind: 'fromAuthorizer' }
  | { kind: 'unsupported' };

export interface AuthorizerModel {
  type: string;
  functionRef?: LambdaFunctionRef;
  identitySource: string[];
  resultTtlInSeconds?: number;
  payloadFormatVersion?: string;
  enableSimpleResponses: boolean;
  providerArns: string[];
  jwt?: { issuer?: string; audience: string[] };
  /** TOKEN authorizers: a regular expression the token must match, else 401 without calling the function. */
  identityValidationExpression?: string;
  pointer: string;
}

export interface SecurityRequirementModel {
  schemes: { name: string; kind: AuthKind; scopes: string[] }[];
}

export interface RequestValidatorModel {
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

export interface GatewayResponseModel {
  type: string;
  statusCode?: string;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
  pointer: string;
}

export type IntegrationKind = 'lambdaProxy' | 'lambda' | 'awsService' | 'http' | 'httpProxy' | 'mock';

export interface IntegrationModel {
  kind: IntegrationKind;
  /** The `type` as written, lower-cased. */
  type: string;
  uri?: string;
  httpMethod?: string;
  /** Lambda integrations: the function they invoke. */
  functionRef?: LambdaFunctionRef;
  /** AWS service integrations: `arn:aws:apigateway:{region}:{service}:{action|path}/…`. */
  awsService?: { service: string; region: string; action?: string; path?: string; subtype?: string };
  vpcLink?: { connectionId: string };
  payloadFormatVersion?: string;
  /** `STREAM`: API Gateway streams the response (Lambda: `…/response-streaming-invocations`). */
  responseTransferMode?: 'STREAM';
  timeoutInMillis?: number;
  passthroughBehavior?: string;
  contentHandling?: string;
  credentials?: string;
  /** REST: `integration.request.*` → method request source; HTTP APIs: `append|overwrite|remove:header|querystring.*`, `overwrite:path` → value. */
  requestParameters: Record<string, string>;
  /**
   * HTTP APIs: response parameter mappings by the integration's status code, each
   * `append|overwrite|remove:header.*` or `overwrite:statuscode` → value.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html#http-api-mapping-response-parameters
   */
  responseParametersByStatus?: Record<string, Record<string, string>>;
  requestTemplates: Record<string, string>;
  responses: IntegrationResponseModel[];
  cacheKeyParameters: string[];
  /** Where the integration object lives (a component when `$ref`ed). */
  pointer: string;
  /** The integration object, verbatim. */
  raw: Record<string, unknown>;
}

export interface IntegrationResponseModel {
  /** The selection pattern (a regex), or `default`. */
  pattern: string;
  statusCode: string;
  responseTemplates: Record<string, string>;
  responseParameters: Record<string, string>;
  contentHandling?: string;
}

/**
 * The Lambda function an integration or authorizer invokes.
 * `key` identifies it for grouping: the same key means the same function.
 */
export interface LambdaFunctionRef {
  key: string;
  /** Function name, when the ARN gives it (`catalog`, or `catalog-${stageVariables.alias}`). */
  functionName?: string;
  /** CloudFormation logical id, from `${Fn.Arn}` or `Fn::GetAtt`. */
  logicalId?: string;
  /** Qualifier (alias or version) after the function name. */
  qualifier?: string;
  /** The function ARN as written, with `${…}` placeholders. */
  arn?: string;
}
