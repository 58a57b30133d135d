/**
 * Small factories of API models written by hand, so that a target is tested from the model alone,
 * without a document. Each fills in what the model builder would (defaults, identifiers,
 * pointers) from the few fields a test cares about; any field can be overridden.
 */
import { joinPointer } from '../../src/diagnostics/json-pointer.js';
import { toCamelCase, toPascalCase } from '../../src/model/names.js';
import type {
  ApiModel,
  HttpMethod,
  IntegrationModel,
  MediaTypeModel,
  OperationModel,
  ParameterLocation,
  ParameterModel,
  PropertyModel,
  ResponseModel,
  SchemaKind,
  SchemaModel,
  SchemaNode,
  SecuritySchemeModel,
} from '../../src/model/types.js';

export function schemaNode(kind: SchemaKind, fields: Partial<SchemaNode> = {}): SchemaNode {
  return { kind, nullable: false, deprecated: false, readOnly: false, writeOnly: false, constraints: {}, pointer: '', ...fields };
}

/** A reference to a named schema, by its type name. */
export function refNode(typeName: string): SchemaNode {
  return schemaNode('ref', { ref: typeName });
}

/** An object schema; the properties named in `required` are required. */
export function objectNode(properties: Record<string, SchemaNode>, required: readonly string[] = []): SchemaNode {
  const members: PropertyModel[] = Object.entries(properties).map(([name, schema]) => ({
    name,
    required: required.includes(name),
    schema,
  }));
  return schemaNode('object', { properties: members });
}

/** A component schema (`#/components/schemas/<name>`). */
export function namedSchema(name: string, schema: SchemaNode): SchemaModel {
  const pointer = joinPointer('/components/schemas', name);
  return { name, typeName: toPascalCase(name), origin: 'component', schema: { ...schema, pointer }, pointer };
}

/** A parameter with OpenAPI's default style for its location (path parameters are required). */
export function parameter(location: ParameterLocation, name: string, fields: Partial<ParameterModel> = {}): ParameterModel {
  const form = location === 'query' || location === 'cookie';
  return {
    name,
    identifier: toCamelCase(name),
    in: location,
    required: location === 'path',
    style: form ? 'form' : 'simple',
    explode: form,
    allowReserved: false,
    greedy: false,
    schema: schemaNode('string'),
    deprecated: false,
    pointer: '',
    ...fields,
  };
}

function jsonContent(schema: SchemaNode, mediaType = 'application/json'): MediaTypeModel {
  return { mediaType, schema, binary: false, examples: [], pointer: '' };
}

/** A response; with a schema, its body is JSON. */
export function response(status: string, schema?: SchemaNode, description = `${status} response`): ResponseModel {
  return { status, description, content: schema ? [jsonContent(schema)] : [], headers: [], pointer: '' };
}

/** A Lambda proxy integration invoking a function by name, as the model builder reads its ARN. */
export function lambdaProxy(functionName: string): IntegrationModel {
  const arn = `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;
  const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
  return {
    kind: 'lambdaProxy',
    type: 'aws_proxy',
    uri,
    httpMethod: 'POST',
    functionRef: { key: functionName, functionName, arn },
    requestParameters: {},
    requestTemplates: {},
    responses: [],
    cacheKeyParameters: [],
    pointer: '',
    raw: { type: 'aws_proxy', httpMethod: 'POST', uri },
  };
}

export interface OperationFields extends Partial<Omit<OperationModel, 'parameters' | 'requestBody'>> {
  id: string;
  method: HttpMethod;
  path: string;
  parameters?: ParameterModel[];
  /** A required JSON body of this schema. */
  body?: SchemaNode;
}

/**
 * An operation with its identifiers, label and pointers (its integration's too) derived from id,
 * method and path; parameters are grouped by location.
 */
export function operation(fields: OperationFields): OperationModel {
  const { parameters = [], body, integration, ...rest } = fields;
  const pointer = joinPointer('/paths', fields.path, fields.method.toLowerCase());
  const byLocation = (location: ParameterLocation) =>
    parameters
      .filter((parameter) => parameter.in === location)
      .map((parameter, index) => ({ ...parameter, pointer: joinPointer(pointer, 'parameters', index) }));
  return {
    idDerived: false,
    name: toCamelCase(fields.id),
    typeName: toPascalCase(fields.id),
    label: `${fields.id} (${fields.method} ${fields.path})`,
    isDefaultRoute: false,
    deprecated: false,
    tags: [],
    parameters: { path: byLocation('path'), query: byLocation('query'), header: byLocation('header'), cookie: byLocation('cookie') },
    ...(body ? { requestBody: { required: true, content: [jsonContent(body)], pointer: joinPointer(pointer, 'requestBody') } } : {}),
    responses: [response('200')],
    security: [],
    apiKeyRequired: false,
    extensions: {},
    pointer,
    ...(integration ? { integration: { ...integration, pointer: joinPointer(pointer, 'x-amazon-apigateway-integration') } } : {}),
    ...rest,
  };
}

/** A security scheme of `kind`, with what the model builder reads for it (authorizers invoke `<name>-fn`). */
export function securityScheme(name: string, kind: SecuritySchemeModel['kind']): SecuritySchemeModel {
  const pointer = joinPointer('/components/securitySchemes', name);
  const authorizer = (type: string, fields: object = {}) => ({
    type,
    identitySource: ['method.request.header.Authorization'],
    enableSimpleResponses: false,
    providerArns: [],
    pointer: joinPointer(pointer, 'x-amazon-apigateway-authorizer'),
    ...fields,
  });
  const lambda = {
    functionRef: { key: `${name}-fn`, functionName: `${name}-fn`, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}-fn` },
  };
  const bearer = { kind: 'secret', in: 'header', name: 'Authorization', prefix: '' } as const;
  switch (kind) {
    case 'apiKey':
      return {
        name,
        kind,
        type: 'apiKey',
        in: 'header',
        parameterName: 'x-api-key',
        credential: { ...bearer, name: 'x-api-key' },
        pointer,
      };
    case 'cognito':
      return {
        name,
        kind,
        type: 'apiKey',
        in: 'header',
        parameterName: 'Authorization',
        authorizer: authorizer('cognito_user_pools', {
          providerArns: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Ab12Cd34E'],
        }),
        credential: bearer,
        pointer,
      };
    case 'lambdaToken':
      return {
        name,
        kind,
        type: 'apiKey',
        in: 'header',
        parameterName: 'Authorization',
        authorizer: authorizer('token', lambda),
        credential: bearer,
        pointer,
      };
    case 'lambdaRequest':
      return {
        name,
        kind,
        type: 'apiKey',
        in: 'header',
        parameterName: 'X-Tenant',
        authorizer: authorizer('request', { ...lambda, identitySource: ['method.request.header.X-Tenant'] }),
        credential: { kind: 'identity', inputs: [{ in: 'header', name: 'X-Tenant' }] },
        pointer,
      };
    case 'jwt':
      return {
        name,
        kind,
        type: 'oauth2',
        authorizer: authorizer('jwt', {
          identitySource: ['$request.header.Authorization'],
          jwt: { issuer: 'https://issuer.example.org', audience: ['api'] },
        }),
        credential: { ...bearer, prefix: 'Bearer ' },
        pointer,
      };
    case 'iam':
      return { name, kind, type: 'apiKey', in: 'header', parameterName: 'Authorization', credential: { kind: 'iam' }, pointer };
    case 'other':
      return { name, kind, type: 'http', scheme: 'basic', credential: { kind: 'basic' }, pointer };
  }
}

/** An API of `kind` with its type name derived from the title. */
export function apiModel(fields: Partial<ApiModel> = {}): ApiModel {
  const kind = fields.kind ?? 'rest';
  const title = fields.title ?? 'Test API';
  return {
    kind,
    kindDecision: { kind, source: 'option', reason: 'hand-made model' },
    apiGateway: true,
    openapiVersion: '3.0',
    declaredVersion: '3.0.3',
    title,
    typeName: toPascalCase(title),
    version: '1.0.0',
    servers: [],
    operations: [],
    schemas: [],
    securitySchemes: [],
    binaryMediaTypes: [],
    gatewayResponses: [],
    requestValidators: [],
    extensions: {},
    pointer: '',
    ...fields,
  };
}
