import {
  atom,
  CodeValue,
  jsDocComment,
  PRINT_WIDTH,
  printInterface,
  printTypeAlias,
  printValue,
  propertyKey,
  stringLiteral,
  type TypeMember,
  type TypeTree,
} from '../../emit/layout.js';
import { docOf, typeTree, union, type TypeOptions } from '../../emit/type-expressions.js';
import { assignUniqueNames } from '../../model/names.js';
import type { ApiModel, EncodingModel, MediaTypeModel, OperationModel, ParameterModel } from '../../model/types.js';
import type { OperationSpec, PartEncoding } from '../../runtime/client.js';
import { bodilessErrorStatuses, declaredErrorStatuses, errorBodies } from './errors.js';
import { bodyKind, preferredMedia } from '../../emit/media.js';
import { clientRequestBody, hasNoBody, isFormEncoded, mediaTree } from './media.js';
import { clientParameters, operationAuth, runtimeScheme, type RuntimeHelper } from './auth.js';
import { reviveCode, takesDates } from './dates.js';

/** What the client template renders, printed: per-operation declarations, functions and facade methods. */
export interface ClientView {
  /** The params interface and result type of each operation. */
  declarations: string[];
  /** `export function listBooks(client, params, options) { … }`, each with its spec inline (nothing shared that grows with the API). */
  functions: string[];
  /** Class members, indented: each calls its operation's function. */
  methods: string[];
  /** Whether a declaration names a schema type: without one, the client does not import them (an unused import fails `noUnusedLocals`). */
  usesModels: boolean;
  /** Whether an operation revives dates with the shape of a named schema (`Dates.Pet`, from `dates.gen.ts`). */
  usesDateShapes: boolean;
  /** Runtime helpers some operation passes to the core, by file: `{ 'form-body.js': ['writeFormBody'] }`. */
  helpers: Record<string, string[]>;
}

/** Names the client file declares itself, which operation types must not take. */
const RESERVED_NAMES = [
  'ApiClientCore',
  'ApiError',
  'BasicCredentials',
  'CallOptions',
  'ClientAuth',
  'ClientOptions',
  'GatewayErrorBody',
  'OperationErrors',
  'OperationParams',
  'OperationSpec',
  'Models',
  'SigV4ClientOptions',
  'ServerSentEvent',
  'TokenProvider',
  'Middleware',
  'RequestContext',
  'ResponseContext',
  'ErrorContext',
];

/** The type names the client file gives each operation: its params, result and errors. */
export interface OperationTypeNames {
  params: string;
  result: string;
  errors: string;
}

/** Type names of every operation, unique in the client file (shared with the README, which shows them). */
export function operationTypeNames(model: ApiModel, className: string): Map<OperationModel, OperationTypeNames> {
  // Keys are operation indexes (operations come sorted): short keys hash fast, long pointers do not.
  const names = assignUniqueNames(
    model.operations.flatMap((operation, index) => [
      { key: `${index} params`, identifier: `${operation.typeName}Params` },
      { key: `${index} result`, identifier: `${operation.typeName}Result` },
      { key: `${index} errors`, identifier: `${operation.typeName}Errors` },
    ]),
    [...RESERVED_NAMES, className],
  );
  return new Map(
    model.operations.map((operation, index) => [
      operation,
      { params: names.get(`${index} params`)!, result: names.get(`${index} result`)!, errors: names.get(`${index} errors`)! },
    ]),
  );
}

/** The params type of an operation without parameters: only `{}` (or nothing) is accepted. */
const NO_PARAMS: TypeTree = { kind: 'generic', name: 'Record', args: [atom('string'), atom('never')] };

/**
 * The operations of an API as the client file declares them. With `withDates` (the `dates`
 * option: the schemas that hold `date-time` strings), success bodies have `Date`s, requests take
 * them, and error bodies keep JSON's strings (`DateStrings<…>`), since the client revives only
 * success bodies.
 */
export function planOperations(
  model: ApiModel,
  options: { className: string; types: TypeOptions['refName']; withDates?: ReadonlySet<string> },
): ClientView {
  const names = operationTypeNames(model, options.className);
  const schemas = new Map(model.schemas.map((schema) => [schema.typeName, schema]));
  const withDates = options.withDates;
  const dates = withDates !== undefined;
  let usesModels = false;
  let usesDateStrings = false;
  let usesDateShapes = false;
  const refName: NonNullable<TypeOptions['refName']> = (typeName, direction) => {
    usesModels = true;
    return `Models.${options.types?.(typeName, direction) ?? typeName}`;
  };
  const errorRefName: NonNullable<TypeOptions['refName']> = (typeName, direction) => {
    if (!withDates?.has(typeName)) return refName(typeName, direction);
    usesDateStrings = true;
    return `DateStrings<${refName(typeName, direction)}>`;
  };
  const declarations: string[] = [];
  const functions: string[] = [];
  const methods: string[] = [];
  const helpers: Record<string, Set<string>> = {};
  const errorMap: TypeMember[] = [];
  for (const operation of model.operations) {
    // Operation names never clash with the core's members (see RESERVED in model/names.ts).
    const method = operation.name;
    const { params: paramsType, result: resultType, errors: errorsType } = names.get(operation)!;
    const params = paramsMembers(model, operation, { direction: 'request', refName, schemas, dates });
    const paramsDoc = `Parameters of \`${method}\`.`;
    // `Record<string, never>`, not an empty interface, which any value (even a string) would satisfy.
    declarations.push(params.length > 0 ? printInterface(paramsType, params, paramsDoc) : printTypeAlias(paramsType, NO_PARAMS, paramsDoc));
    declarations.push(printTypeAlias(resultType, resultTree(operation, { refName, dates }), `What \`${method}\` resolves to.`));
    const errors = errorBodies(model, operation, errorRefName);
    declarations.push(
      printTypeAlias(
        errorsType,
        { kind: 'object', members: errors },
        `Error bodies of \`${method}\` by status: declared responses, and API Gateway's own errors.`,
      ),
    );
    errorMap.push({ key: method, type: atom(errorsType) });
    const { spec, uses, namesDateShapes } = operationSpec(model, operation, { method, withDates });
    usesDateShapes ||= namesDateShapes;
    const isoDates = withDates !== undefined && takesDates(operation, withDates);
    if (isoDates) uses.push(['dates.js', 'isoDates']);
    for (const [file, name] of uses) (helpers[file] ??= new Set()).add(name);
    const optional = params.every((member) => member.optional);
    const signature = { operation, method, paramsType, resultType, optional, isoDates };
    functions.push(printFunction(signature, printValue(spec, 2, '  const spec: OperationSpec = '.length, 1)));
    methods.push(printMethod(signature));
  }
  declarations.push(printInterface('OperationErrors', errorMap, 'Error bodies of every operation, by status.'));
  if (usesDateStrings) (helpers['dates.js'] ??= new Set()).add('type DateStrings');
  return {
    declarations,
    functions,
    methods,
    usesModels,
    usesDateShapes,
    helpers: Object.fromEntries(Object.entries(helpers).map(([file, names]) => [file, [...names].sort()])),
  };
}

/**
 * The methods an `ANY` operation answers: every method API Gateway routes, except those its path
 * declares as operations of their own, which API Gateway routes to them instead.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
 */
export function anyMethodChoices(model: ApiModel, operation: OperationModel): string[] {
  const declared = new Set(model.operations.filter((other) => other.path === operation.path).map((other) => other.method));
  return GATEWAY_METHODS.filter((method) => !declared.has(method));
}

/** The methods API Gateway routes, in the order it lists them (ANY aside). */
const GATEWAY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

function paramsMembers(model: ApiModel, operation: OperationModel, request: TypeOptions): TypeMember[] {
  const { query, header } = clientParameters(model, operation);
  const group = (key: string, parameters: readonly ParameterModel[]): TypeMember[] => {
    if (parameters.length === 0) return [];
    const fields: TypeMember[] = parameters.map((parameter) => ({
      key: propertyKey(parameter.name),
      optional: !parameter.required,
      type: typeTree(parameter.schema, request),
      ...docOf(parameter.description, parameter.schema, request.schemas),
    }));
    return [{ key, optional: fields.every((field) => field.optional), type: { kind: 'object', members: fields } }];
  };
  const members = [
    ...(operation.method === 'ANY'
      ? [
          {
            key: 'method',
            type: union(anyMethodChoices(model, operation).map((method) => atom(stringLiteral(method)))),
            doc: 'The HTTP method to send.',
          },
        ]
      : []),
    ...group('path', operation.parameters.path),
    ...group('query', query),
    ...group('headers', header),
  ];
  const requestBody = clientRequestBody(operation);
  const body = requestBody ? preferredMedia(requestBody.content) : undefined;
  if (requestBody && body) {
    members.push({
      key: 'body',
      optional: !requestBody.required,
      type: mediaTree(body, request),
      ...(requestBody.description ? { doc: requestBody.description } : {}),
    });
  }
  return members;
}

function resultTree(operation: OperationModel, options: Omit<TypeOptions, 'direction'>): TypeTree {
  const media = successMedia(operation);
  if (isEventStream(media))
    return { kind: 'generic', name: 'AsyncGenerator', args: [atom('ServerSentEvent'), atom('void'), atom('undefined')] };
  if (isStreamed(operation)) return { kind: 'generic', name: 'ReadableStream', args: [atom('Uint8Array')] };
  return hasNoBody(media) ? atom('void') : mediaTree(media!, { direction: 'response', ...options });
}

/** The body of the first declared 2xx response. */
function successMedia(operation: OperationModel): MediaTypeModel | undefined {
  const success = operation.responses.find((response) => /^2/.test(response.status));
  return success ? preferredMedia(success.content) : undefined;
}

/** True for `text/event-stream` answers, which the client reads as server-sent events. */
export function isEventStream(media: MediaTypeModel | undefined): boolean {
  return media !== undefined && /^text\/event-stream\b/i.test(media.mediaType);
}

/**
 * True when the integration streams its answer (`responseTransferMode: STREAM`): the client gives
 * the body as a stream instead of reading it whole.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
export function isStreamed(operation: OperationModel): boolean {
  return String(operation.integration?.raw.responseTransferMode ?? '').toUpperCase() === 'STREAM';
}

/** A spec field whose value is a runtime helper, by name; `uses` says which file it comes from. */
type SpecValue = Omit<OperationSpec, 'response' | 'bodyWriter' | 'auth' | 'revive'> & {
  response: OperationSpec['response'] | CodeValue;
  bodyWriter?: CodeValue;
  auth: { scheme: string; kind?: CodeValue }[][];
  revive?: CodeValue;
};

/** The spec of an operation, and the runtime helpers it names (`[file, name]`). */
function operationSpec(
  model: ApiModel,
  operation: OperationModel,
  { method, withDates }: { method: string; withDates: ReadonlySet<string> | undefined },
): { spec: SpecValue; uses: RuntimeHelper[]; namesDateShapes: boolean } {
  const requestBody = clientRequestBody(operation);
  const body = requestBody ? preferredMedia(requestBody.content) : undefined;
  const success = successMedia(operation);
  const bodiless = bodilessErrorStatuses(operation);
  const uses: RuntimeHelper[] = [];
  const use = ([file, name]: RuntimeHelper) => (uses.push([file, name]), new CodeValue(name));
  const writer: RuntimeHelper | undefined = !body
    ? undefined
    : !isFormEncoded(body)
      ? ['write-body.js', 'writeBody']
      : /^multipart\//i.test(body.mediaType)
        ? ['form-body.js', 'writeMultipartBody']
        : ['form-body.js', 'writeFormBody'];
  const response: SpecValue['response'] = isEventStream(success)
    ? use(['sse.js', 'readEvents'])
    : isStreamed(operation) && !hasNoBody(success)
      ? use(['read-stream.js', 'readStream'])
      : hasNoBody(success)
        ? 'none'
        : bodyKind(success!);
  // Properties of the spec are printed at an indentation of 4.
  const revive = response === 'json' && success?.schema && withDates ? reviveCode(success.schema, withDates, 4) : undefined;
  if (revive) uses.push(['dates.js', 'reviveDates']);
  const spec: SpecValue = {
    name: method,
    method: operation.method,
    path: operation.path,
    query: clientParameters(model, operation).query.map((parameter) => ({
      name: parameter.name,
      style: { style: parameter.style, explode: parameter.explode, ...(parameter.allowReserved ? { allowReserved: true } : {}) },
    })),
    auth: operationAuth(model, operation).map((alternative) =>
      alternative.map((name) => {
        // A name the document does not define asks for nothing, as SAM's `NONE`.
        const scheme = model.securitySchemes.find((candidate) => candidate.name === name);
        const { kind, details } = scheme ? runtimeScheme(scheme) : { details: {} };
        return { scheme: name, ...(kind ? { kind: use(kind) } : {}), ...details };
      }),
    ),
    ...(body ? { bodyMediaType: body.mediaType } : {}),
    ...(writer ? { bodyWriter: use(writer) } : {}),
    ...(body?.encoding && isFormEncoded(body) ? { bodyEncoding: partEncodings(body.encoding) } : {}),
    response,
    ...(revive ? { revive: revive.code } : {}),
    ...(success ? { accept: success.mediaType } : {}),
    errors: declaredErrorStatuses(operation),
    ...(bodiless.length > 0 ? { bodiless } : {}),
  };
  return { spec, uses, namesDateShapes: revive?.named ?? false };
}

/** What the runtime reads of each Encoding Object (`allowReserved` has no effect on bodies, which are always fully encoded). */
function partEncodings(encoding: Record<string, EncodingModel>): Record<string, PartEncoding> {
  return Object.fromEntries(
    Object.entries(encoding).map(([name, { contentType, style, explode }]) => [
      name,
      {
        ...(contentType !== undefined ? { contentType } : {}),
        ...(style !== undefined ? { style } : {}),
        ...(explode !== undefined ? { explode } : {}),
      },
    ]),
  );
}

interface Signature {
  operation: OperationModel;
  method: string;
  paramsType: string;
  resultType: string;
  optional: boolean;
  /** The params go through `isoDates`, which sends their `Date`s as ISO 8601 strings. */
  isoDates: boolean;
}

/** `name(params…): Promise<Result> {`, its parameters one per line when too long, as Prettier prints it. */
function printHead(prefix: string, parameters: string[], resultType: string, indent: string): string {
  const flat = `${indent}${prefix}(${parameters.join(', ')}): Promise<${resultType}> {`;
  if (flat.length <= PRINT_WIDTH) return flat;
  return `${indent}${prefix}(\n${parameters.map((parameter) => `${indent}  ${parameter},`).join('\n')}\n${indent}): Promise<${resultType}> {`;
}

/** The exported function of one operation: the core sends the spec written inline. */
function printFunction(signature: Signature, spec: string): string {
  const { operation, method, paramsType, resultType, optional } = signature;
  const parameters = ['client: ApiClientCore', `params: ${paramsType}${optional ? ' = {}' : ''}`, 'options?: CallOptions'];
  const head = printHead(`export function ${method}`, parameters, resultType, '');
  const params = signature.isoDates ? 'isoDates(params)' : 'params';
  const body = `  const spec: OperationSpec = ${spec};\n  return client.request(spec, ${params}, options);`;
  return `${jsDocComment(operationDoc(operation, method), 0)}\n${head}\n${body}\n}`;
}

/** One method of the client class, laid out as Prettier would: it calls the operation's function. */
function printMethod(signature: Signature): string {
  const { operation, method, paramsType, resultType, optional } = signature;
  const parameters = [`params: ${paramsType}${optional ? ' = {}' : ''}`, 'options?: CallOptions'];
  const head = printHead(method, parameters, resultType, '  ');
  return `  ${jsDocComment(operationDoc(operation, method), 2)}\n${head}\n    return ${method}(this, params, options);\n  }`;
}

function operationDoc(operation: OperationModel, method: string): string {
  const text = [operation.summary, operation.description].filter(Boolean).join('\n\n');
  return [
    ...(text ? [text] : []),
    `\`${operation.method} ${operation.path}\``,
    `@throws {ApiError} for any answer but a success: \`isApiError(error, '${method}')\` narrows it to the errors of this operation.`,
    ...(operation.deprecated ? ['@deprecated'] : []),
  ].join('\n\n');
}
