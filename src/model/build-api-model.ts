import { basename } from 'node:path';
import { joinPointer } from '../diagnostics/json-pointer.js';
import type { ApiKindDecision } from '../document/api-kind.js';
import { classifyScheme } from '../document/auth-kind.js';
import { identitySources } from '../document/identity-sources.js';
import { cfnText } from '../document/cfn-values.js';
import { EXTENSION_PREFIX } from '../document/extensions.js';
import { operationIntegration } from '../document/integrations.js';
import { HTTP_METHODS, listOperations, type OperationSite } from '../document/operations.js';
import { effectiveParameters, operationParameters, templateNames } from '../document/parameters.js';
import { isRecord, resolveRef } from '../document/resolve-ref.js';
import { effectiveSecurity, securitySchemes } from '../document/security.js';
import type { LoadedDocument } from '../load/load-document.js';
import { buildCredential } from './build-credential.js';
import { buildIntegration, formatVersion, lambdaFunctionRef } from './build-integration.js';
import { setSortedLazily, sortKeys } from './sort-keys.js';
import { SchemaGraph } from './build-schemas.js';
import { assignUniqueNames, toCamelCase, toPascalCase } from './names.js';
import type {
  ApiModel,
  AuthorizerModel,
  EncodingModel,
  GatewayResponseModel,
  HeaderModel,
  HttpMethod,
  MediaTypeModel,
  OperationModel,
  ParameterLocation,
  ParameterModel,
  RequestBodyModel,
  RequestValidatorModel,
  ResponseModel,
  SecuritySchemeModel,
  ServerModel,
} from './types.js';

const METHOD_ORDER: readonly string[] = [...HTTP_METHODS.map((method) => method.toUpperCase()), 'ANY'];
const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];
const DEFAULT_STYLE: Record<ParameterLocation, string> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' };

/**
 * Builds the API model from a loaded, checked document. Pure; the one place where things are
 * sorted and named, so that output never depends on the document's key order.
 */
export function buildApiModel(loaded: LoadedDocument, kindDecision: ApiKindDecision): ApiModel {
  const document = loaded.document;
  const info = isRecord(document.info) ? document.info : {};
  const binaryMediaTypes = stringArray(document['x-amazon-apigateway-binary-media-types']);
  const schemes = buildSecuritySchemes(document);
  const apiGateway = loaded.scan.extensions.length > 0;
  const validators = buildRequestValidators(document);
  const sites = listOperations(document).sort(compareSites);
  const names = operationNames(sites);
  // Names from other files exist only when the document `$ref`s some (this runs for every schema).
  const graph = new SchemaGraph(document, loaded.files.length > 1 ? (pointer) => sourceSchemaName(loaded, pointer) : undefined);
  // Discover every named schema before building any node, so names are complete and stable.
  for (const site of sites) discoverOperationSchemas(graph, document, site, names.get(site.pointer)!.typeName);
  const operations = sites.map((site) =>
    buildOperation({
      document,
      site,
      graph,
      names: names.get(site.pointer)!,
      schemes,
      validators,
      binaryMediaTypes,
      kind: kindDecision.kind,
      apiGateway,
    }),
  );
  const title = cfnText(info.title) ?? 'API';
  const model: ApiModel = {
    kind: kindDecision.kind,
    kindDecision,
    apiGateway,
    openapiVersion: loaded.openapiVersion,
    declaredVersion: loaded.declaredVersion,
    title,
    typeName: toPascalCase(title.replace(/\$\{[^}]*\}/g, ''), 'Api'),
    version: cfnText(info.version) ?? '',
    servers: buildServers(document),
    operations,
    schemas: graph.schemas(),
    securitySchemes: [...schemes.values()].sort((a, b) => compare(a.name, b.name)),
    binaryMediaTypes,
    gatewayResponses: buildGatewayResponses(document),
    requestValidators: [...validators.values()].sort((a, b) => compare(a.name, b.name)),
    extensions: extensionsOf(document),
    pointer: '',
  };
  if (typeof info.description === 'string') model.description = info.description;
  if (typeof document['x-amazon-apigateway-api-key-source'] === 'string')
    model.apiKeySource = document['x-amazon-apigateway-api-key-source'];
  if (typeof document['x-amazon-apigateway-minimum-compression-size'] === 'number') {
    model.minimumCompressionSize = document['x-amazon-apigateway-minimum-compression-size'];
  }
  if (isRecord(document['x-amazon-apigateway-cors']))
    model.cors = sortKeys(document['x-amazon-apigateway-cors']) as Record<string, unknown>;
  return model;
}

/**
 * A schema bundled in from another file keeps the name it had there: the key of a top-level
 * definition (`schemas.yaml#/Pet`), or the file name (`pet.yaml`).
 */
function sourceSchemaName(loaded: LoadedDocument, pointer: string): string | undefined {
  const location = loaded.sourceOf(pointer);
  if (location.file === loaded.file) return undefined;
  const tokens = location.pointer.split('/').slice(1);
  if (tokens.length > 1) return undefined;
  return tokens[0] || basename(location.file).replace(/\.[^.]*$/, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSites(a: OperationSite, b: OperationSite): number {
  return compare(a.path, b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);
}

interface OperationNames {
  id: string;
  idDerived: boolean;
  name: string;
  typeName: string;
}

/** Operation identifiers: from operationId, else method + path; unique, assigned in sorted order. */
function operationNames(sites: OperationSite[]): Map<string, OperationNames> {
  const ids = new Map(
    sites.map((site) => {
      const operationId = site.operation.operationId;
      const derived = typeof operationId !== 'string' || operationId === '';
      const id = derived ? `${site.method.toLowerCase()} ${site.path === '/' ? 'root' : site.path}` : operationId;
      return [site.pointer, { id, derived }] as const;
    }),
  );
  const entries = (convert: (id: string) => string) =>
    sites.map((site) => ({ key: site.pointer, identifier: convert(ids.get(site.pointer)!.id) }));
  const camel = assignUniqueNames(entries((id) => toCamelCase(id, 'operation')));
  const pascal = assignUniqueNames(entries((id) => toPascalCase(id, 'Operation')));
  return new Map(
    sites.map((site) => {
      const { id, derived } = ids.get(site.pointer)!;
      return [site.pointer, { id, idDerived: derived, name: camel.get(site.pointer)!, typeName: pascal.get(site.pointer)! }];
    }),
  );
}

function discoverOperationSchemas(graph: SchemaGraph, document: Record<string, unknown>, site: OperationSite, typeName: string): void {
  for (const parameter of operationParameters(document, site)) {
    graph.discover(
      joinPointer(parameter.definitionPointer, 'schema'),
      () => `${typeName}${toPascalCase(parameter.name)}`,
      parameter.parameter.schema,
    );
  }
  const body = resolveRef<unknown>(document, site.operation.requestBody, joinPointer(site.pointer, 'requestBody'));
  if (body && isRecord(body.value)) {
    for (const [pointer, , media] of mediaTypes(body.value, body.pointer))
      graph.discover(joinPointer(pointer, 'schema'), () => `${typeName}Request`, media.schema);
  }
  for (const [status, pointer, response] of responses(document, site)) {
    for (const [mediaPointer, , media] of mediaTypes(response, pointer))
      graph.discover(joinPointer(mediaPointer, 'schema'), () => `${typeName}Response${toPascalCase(status)}`, media.schema);
    for (const [name, headerPointer, header] of headers(document, response, pointer))
      graph.discover(joinPointer(headerPointer, 'schema'), () => `${typeName}${toPascalCase(name)}Header`, header.schema);
  }
}

interface OperationInput {
  document: Record<string, unknown>;
  site: OperationSite;
  graph: SchemaGraph;
  names: OperationNames;
  schemes: Map<string, SecuritySchemeModel>;
  validators: Map<string, RequestValidatorModel>;
  binaryMediaTypes: string[];
  kind: ApiKindDecision['kind'];
  apiGateway: boolean;
}

function buildOperation(input: OperationInput): OperationModel {
  const { document, site, names } = input;
  const operation = site.operation;
  const effective = effectiveSecurity(document, site, { kind: input.kind, apiGateway: input.apiGateway });
  // API Gateway (and `serve`, which answers as it does) never reads a REST API's root `security`, whatever the document was written for.
  const gatewayReadsSecurity = !(effective.fromRoot && input.kind === 'rest');
  const security = effective.requirements.map((requirement) => ({
    schemes: Object.keys(requirement)
      .sort()
      .map((name) => ({
        name,
        kind: input.schemes.get(name)?.kind ?? ('other' as const),
        scopes: Array.isArray(requirement[name]) ? (requirement[name] as unknown[]).map(String) : [],
      })),
  }));
  const auth = operation['x-amazon-apigateway-auth'];
  if (isRecord(auth) && String(auth.type).toUpperCase() === 'AWS_IAM' && security.length === 0) {
    security.push({ schemes: [{ name: 'x-amazon-apigateway-auth', kind: 'iam', scopes: [] }] });
  }
  const model: OperationModel = {
    ...names,
    method: site.method as HttpMethod,
    path: site.path,
    label: `${names.id} (${site.method} ${site.path})`,
    isDefaultRoute: operation.isDefaultRoute === true || site.path === '/$default' || site.path === '$default',
    deprecated: operation.deprecated === true,
    tags: stringArray(operation.tags),
    parameters: buildParameters(input),
    responses: buildResponses(input),
    security,
    apiKeyRequired: gatewayReadsSecurity && security.some((requirement) => requirement.schemes.some((scheme) => scheme.kind === 'apiKey')),
    extensions: extensionsOf(operation),
    pointer: site.pointer,
  };
  if (typeof operation.summary === 'string') model.summary = operation.summary;
  if (typeof operation.description === 'string') model.description = operation.description;
  const body = buildRequestBody(input);
  if (body) model.requestBody = body;
  const validatorName = operation['x-amazon-apigateway-request-validator'] ?? document['x-amazon-apigateway-request-validator'];
  const validator = typeof validatorName === 'string' ? input.validators.get(validatorName) : undefined;
  if (validator) model.requestValidator = validator;
  const integration = operationIntegration(document, site);
  if (integration && integration.type !== '') model.integration = buildIntegration(integration);
  return model;
}

function buildParameters(input: OperationInput): OperationModel['parameters'] {
  const { document, site, graph } = input;
  const greedy = new Set([...site.path.matchAll(/\{([^}]+)\+\}/g)].map((match) => match[1]));
  const all = effectiveParameters(document, site).filter((parameter) => (LOCATIONS as readonly string[]).includes(parameter.in));
  const identifiers = assignUniqueNames(
    all.map((parameter) => ({ key: `${parameter.in}:${parameter.name}`, identifier: toCamelCase(parameter.name, 'param') })),
  );
  const models: ParameterModel[] = all.map(({ name, in: location, parameter, pointer, definitionPointer }) => {
    const at = location as ParameterLocation;
    const style = typeof parameter.style === 'string' ? parameter.style : DEFAULT_STYLE[at];
    const model: ParameterModel = {
      name,
      identifier: identifiers.get(`${location}:${name}`)!,
      in: at,
      required: at === 'path' || parameter.required === true,
      style,
      explode: typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form',
      allowReserved: parameter.allowReserved === true,
      greedy: at === 'path' && greedy.has(name),
      schema: graph.node(joinPointer(definitionPointer, 'schema'), parameter.schema),
      deprecated: parameter.deprecated === true,
      pointer,
    };
    if (typeof parameter.description === 'string') model.description = parameter.description;
    const example = parameterExample(document, parameter, definitionPointer);
    if (example) setSortedLazily(model, 'example', example.value);
    return model;
  });
  const byLocation = (at: ParameterLocation) => models.filter((model) => model.in === at).sort((a, b) => compare(a.name, b.name));
  // Path parameters keep the order of the template: it is how a URL is built.
  const order = templateNames(site.path);
  return {
    path: byLocation('path').sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)),
    query: byLocation('query'),
    header: byLocation('header'),
    cookie: byLocation('cookie'),
  };
}

/** A parameter's `example`, else its first `examples` entry in name order (so that key order does not matter). */
function parameterExample(
  document: Record<string, unknown>,
  parameter: Record<string, unknown>,
  pointer: string,
): { value: unknown } | undefined {
  if ('example' in parameter) return { value: parameter.example };
  const examples = isRecord(parameter.examples) ? parameter.examples : {};
  for (const name of Object.keys(examples).sort(compare)) {
    const resolved = resolveRef<unknown>(document, examples[name], joinPointer(pointer, 'examples', name))?.value;
    if (isRecord(resolved) && 'value' in resolved) return { value: resolved.value };
  }
  return undefined;
}

function buildRequestBody(input: OperationInput): RequestBodyModel | undefined {
  const { document, site } = input;
  const body = resolveRef<unknown>(document, site.operation.requestBody, joinPointer(site.pointer, 'requestBody'));
  if (!body || !isRecord(body.value)) return undefined;
  const model: RequestBodyModel = {
    required: body.value.required === true,
    content: buildContent(input, body.value, body.pointer),
    pointer: body.pointer,
  };
  if (typeof body.value.description === 'string') model.description = body.value.description;
  return model;
}

function buildResponses(input: OperationInput): ResponseModel[] {
  const { document, site, graph } = input;
  return responses(document, site)
    .map(([status, pointer, response]): ResponseModel => ({
      status,
      description: typeof response.description === 'string' ? response.description : '',
      content: buildContent(input, response, pointer),
      headers: headers(document, response, pointer).map(([name, headerPointer, header]): HeaderModel => {
        const model: HeaderModel = {
          name,
          required: header.required === true,
          schema: graph.node(joinPointer(headerPointer, 'schema'), header.schema),
          pointer: headerPointer,
        };
        if (typeof header.description === 'string') model.description = header.description;
        return model;
      }),
      pointer,
    }))
    .sort((a, b) => compareStatus(a.status, b.status));
}

/** `200` < `201` < `2XX` < `400` < … < `default`. */
function compareStatus(a: string, b: string): number {
  const rank = (status: string) => (status === 'default' ? '9' : status.toUpperCase());
  return compare(rank(a), rank(b));
}

function exampleModel(name: string | undefined, value: unknown): MediaTypeModel['examples'][number] {
  const model = (name === undefined ? {} : { name }) as MediaTypeModel['examples'][number];
  setSortedLazily(model, 'value', value);
  return model;
}

function buildContent(input: OperationInput, holder: Record<string, unknown>, pointer: string): MediaTypeModel[] {
  return mediaTypes(holder, pointer)
    .map(([mediaPointer, mediaType, media]): MediaTypeModel => {
      const examples: MediaTypeModel['examples'] = [];
      if ('example' in media) examples.push(exampleModel(undefined, media.example));
      const named = isRecord(media.examples) ? media.examples : {};
      // By name, so that the document's key order does not matter.
      for (const [name, example] of Object.entries(named).sort(([a], [b]) => compare(a, b))) {
        const resolved = resolveRef<unknown>(input.document, example, joinPointer(mediaPointer, 'examples', name))?.value;
        if (isRecord(resolved) && 'value' in resolved) examples.push(exampleModel(name, resolved.value));
      }
      const model: MediaTypeModel = {
        mediaType,
        binary: isBinary(input, mediaType, media),
        examples,
        pointer: mediaPointer,
      };
      if ('schema' in media) model.schema = input.graph.node(joinPointer(mediaPointer, 'schema'), media.schema);
      const encoding = buildEncoding(media.encoding);
      if (encoding) model.encoding = encoding;
      return model;
    })
    .sort((a, b) => compare(a.mediaType, b.mediaType));
}

/** The Encoding Objects of a media type, by property name in sorted order; only the fields the SDK reads. */
function buildEncoding(raw: unknown): Record<string, EncodingModel> | undefined {
  if (!isRecord(raw)) return undefined;
  const entries = Object.entries(raw)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .sort(([a], [b]) => compare(a, b))
    .map(([name, value]): [string, EncodingModel] => {
      const encoding: EncodingModel = {};
      if (typeof value.contentType === 'string') encoding.contentType = value.contentType;
      if (typeof value.style === 'string') encoding.style = value.style;
      if (typeof value.explode === 'boolean') encoding.explode = value.explode;
      if (value.allowReserved === true) encoding.allowReserved = true;
      return [name, encoding];
    });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Binary: a binary media type of the API, a `format: binary` string, or a type that is never text. */
function isBinary(input: OperationInput, mediaType: string, media: Record<string, unknown>): boolean {
  const schema = resolveRef<unknown>(input.document, media.schema, '')?.value;
  if (
    isRecord(schema) &&
    schema.type === 'string' &&
    (schema.format === 'binary' || schema.contentEncoding === 'base64' || 'contentMediaType' in schema)
  )
    return true;
  if (input.binaryMediaTypes.some((pattern) => mediaTypeMatches(pattern, mediaType))) return true;
  return /^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip)$/.test(mediaType);
}

function mediaTypeMatches(pattern: string, mediaType: string): boolean {
  const [type, subtype] = pattern.toLowerCase().split('/');
  const [actualType, actualSubtype] = mediaType.toLowerCase().split(';')[0]!.trim().split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

function mediaTypes(holder: Record<string, unknown>, pointer: string): [string, string, Record<string, unknown>][] {
  const content = isRecord(holder.content) ? holder.content : {};
  return Object.entries(content).flatMap(([mediaType, media]) =>
    isRecord(media) ? [[joinPointer(pointer, 'content', mediaType), mediaType, media] as [string, string, Record<string, unknown>]] : [],
  );
}

function responses(document: Record<string, unknown>, site: OperationSite): [string, string, Record<string, unknown>][] {
  const all = isRecord(site.operation.responses) ? site.operation.responses : {};
  return Object.entries(all).flatMap(([status, raw]) => {
    if (status.startsWith('x-')) return [];
    const resolved = resolveRef<unknown>(document, raw, joinPointer(site.pointer, 'responses', status));
    return resolved && isRecord(resolved.value)
      ? [[status, resolved.pointer, resolved.value] as [string, string, Record<string, unknown>]]
      : [];
  });
}

function headers(
  document: Record<string, unknown>,
  response: Record<string, unknown>,
  pointer: string,
): [string, string, Record<string, unknown>][] {
  const all = isRecord(response.headers) ? response.headers : {};
  return Object.keys(all)
    .sort()
    .flatMap((name) => {
      const resolved = resolveRef<unknown>(document, all[name], joinPointer(pointer, 'headers', name));
      return resolved && isRecord(resolved.value)
        ? [[name, resolved.pointer, resolved.value] as [string, string, Record<string, unknown>]]
        : [];
    });
}

function buildSecuritySchemes(document: Record<string, unknown>): Map<string, SecuritySchemeModel> {
  const models = new Map<string, SecuritySchemeModel>();
  const apiKeySource = document['x-amazon-apigateway-api-key-source'];
  for (const site of securitySchemes(document).values()) {
    const scheme = site.scheme;
    const kind = classifyScheme(scheme);
    const authorizer = scheme['x-amazon-apigateway-authorizer'];
    const authorizerModel = isRecord(authorizer)
      ? buildAuthorizer(authorizer, joinPointer(site.pointer, 'x-amazon-apigateway-authorizer'))
      : undefined;
    const model: SecuritySchemeModel = {
      name: site.name,
      kind,
      type: String(scheme.type ?? ''),
      credential: buildCredential({
        scheme,
        kind,
        ...(authorizerModel ? { authorizer: authorizerModel } : {}),
        ...(typeof apiKeySource === 'string' ? { apiKeySource } : {}),
      }),
      pointer: site.pointer,
    };
    if (typeof scheme.in === 'string') model.in = scheme.in;
    if (typeof scheme.name === 'string') model.parameterName = scheme.name;
    if (typeof scheme.scheme === 'string') model.scheme = scheme.scheme.toLowerCase();
    if (authorizerModel) model.authorizer = authorizerModel;
    models.set(site.name, model);
  }
  return models;
}

/** @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html */
function buildAuthorizer(authorizer: Record<string, unknown>, pointer: string): AuthorizerModel {
  const uri = cfnText(authorizer.authorizerUri);
  const jwt = isRecord(authorizer.jwtConfiguration) ? authorizer.jwtConfiguration : undefined;
  const model: AuthorizerModel = {
    type: String(authorizer.type ?? '').toLowerCase(),
    identitySource: identitySources(authorizer.identitySource),
    enableSimpleResponses: authorizer.enableSimpleResponses === true,
    providerArns: stringArray(authorizer.providerARNs),
    pointer,
  };
  if (uri !== undefined) model.functionRef = lambdaFunctionRef(uri, { written: authorizer.authorizerUri });
  if (typeof authorizer.authorizerResultTtlInSeconds === 'number') model.resultTtlInSeconds = authorizer.authorizerResultTtlInSeconds;
  if (authorizer.authorizerPayloadFormatVersion !== undefined)
    model.payloadFormatVersion = formatVersion(authorizer.authorizerPayloadFormatVersion);
  if (typeof authorizer.identityValidationExpression === 'string')
    model.identityValidationExpression = authorizer.identityValidationExpression;
  if (jwt) {
    const issuer = cfnText(jwt.issuer);
    model.jwt = { audience: stringArray(jwt.audience), ...(issuer === undefined ? {} : { issuer }) };
  }
  return model;
}

function buildRequestValidators(document: Record<string, unknown>): Map<string, RequestValidatorModel> {
  const validators = document['x-amazon-apigateway-request-validators'];
  const models = new Map<string, RequestValidatorModel>();
  for (const [name, validator] of Object.entries(isRecord(validators) ? validators : {})) {
    if (!isRecord(validator)) continue;
    models.set(name, {
      name,
      validateRequestBody: validator.validateRequestBody === true,
      validateRequestParameters: validator.validateRequestParameters === true,
    });
  }
  return models;
}

function buildGatewayResponses(document: Record<string, unknown>): GatewayResponseModel[] {
  const responses = document['x-amazon-apigateway-gateway-responses'];
  return Object.entries(isRecord(responses) ? responses : {})
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([type, response]) => {
      const model: GatewayResponseModel = {
        type,
        responseParameters: stringRecord(response.responseParameters),
        responseTemplates: stringRecord(response.responseTemplates),
        pointer: joinPointer('/x-amazon-apigateway-gateway-responses', type),
      };
      if (response.statusCode !== undefined) model.statusCode = String(response.statusCode);
      return model;
    })
    .sort((a, b) => compare(a.type, b.type));
}

function buildServers(document: Record<string, unknown>): ServerModel[] {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  return servers.flatMap((server, index): ServerModel[] => {
    if (!isRecord(server)) return [];
    const variables = isRecord(server.variables) ? server.variables : {};
    const model: ServerModel = {
      url: cfnText(server.url) ?? '',
      variables: Object.keys(variables)
        .sort()
        .map((name) => {
          const variable = isRecord(variables[name]) ? variables[name] : {};
          return {
            name,
            default: String(cfnText(variable.default) ?? ''),
            ...(Array.isArray(variable.enum) ? { enum: variable.enum.map(String) } : {}),
          };
        }),
      pointer: joinPointer('/servers', index),
    };
    if (typeof server.description === 'string') model.description = server.description;
    const endpoint = server['x-amazon-apigateway-endpoint-configuration'];
    if (isRecord(endpoint)) model.endpointConfiguration = sortKeys(endpoint) as Record<string, unknown>;
    return [model];
  });
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map((entry) => cfnText(entry) ?? JSON.stringify(entry)) : [];
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, cfnText(value[key]) ?? JSON.stringify(value[key])]),
  );
}

/** The `x-amazon-apigateway-*` values of an object, sorted by name. */
function extensionsOf(holder: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(holder)
      .filter((key) => key.startsWith(EXTENSION_PREFIX))
      .sort()
      .map((key) => [key, sortKeys(holder[key])]),
  );
}
