import { jsDocComment, PRINT_WIDTH } from '../../emit/layout.js';
import { STATUS_NAMES } from '../../runtime/handlers/responses.js';
import { atom, printInterface, printTypeAlias, propertyKey, type TypeMember, type TypeTree } from '../../emit/layout.js';
import { inlineCode } from '../../emit/markdown.js';
import { preferredMedia } from '../../emit/media.js';
import { docOf, union, type Direction } from '../../emit/type-expressions.js';
import { assignUniqueNames, toCamelCase } from '../../model/names.js';
import { authorizerFileNames } from '../../model/lambda-authorizers.js';
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from '../../model/types.js';
import { bodyTree } from './bodies.js';
import { eventTree } from './events.js';
import { payloadVersion, type FunctionGroup } from '../../model/functions.js';
import { NamespaceUse } from './namespaces.js';
import { templateEvent } from './non-proxy.js';
import { planParameter, planValue, type SchemaLookup, type ValueOptions } from './parameters.js';

/** The types a function's declarations file gives each operation. */
export interface OperationTypeNames {
  request: string;
  response: string;
  handler: string;
  /** The response helpers (`GetBookResponses.ok(body)`). */
  responses: string;
  /** Non-proxy operations: the event their mapping templates make. */
  event: string;
}

/** Names the declarations file has besides the operations' own. */
const RESERVED = ['Lambda', 'Models', 'Runtime', 'NonProxyEvent', 'NonProxyHandler', 'responseHelpers'];

export interface OperationTypesContext {
  model: ApiModel;
  schemas: SchemaLookup;
  /** The name of a schema type on each side of the wire (see planModelTypes). */
  modelName: (typeName: string, direction: Direction) => string;
}

/** The declarations of a function's `operations.gen.ts`: what each operation receives and may answer, and the namespaces they use. */
export function planOperationTypes(
  group: FunctionGroup,
  context: OperationTypesContext,
): { declarations: string[]; names: Map<OperationModel, OperationTypeNames>; types: NamespaceUse; authorizerStubs: AuthorizerStub[] } {
  const operations = [...group.proxy, ...group.nonProxy];
  const stubFiles = authorizerFileNames(context.model);
  const unique = assignUniqueNames(
    [
      ...operations.flatMap((operation) =>
        ['Request', 'Response', 'Handler', 'Event', 'Responses'].map((suffix) => ({
          key: `${operation.pointer} ${suffix}`,
          identifier: `${operation.typeName}${suffix}`,
        })),
      ),
      ...[...stubFiles].map(([scheme, file]) => ({ key: `authorizer ${scheme}`, identifier: authorizerLocal(file) })),
    ],
    RESERVED,
  );
  const name = (operation: OperationModel, suffix: string) => unique.get(`${operation.pointer} ${suffix}`)!;
  const names = new Map(
    operations.map((operation) => [
      operation,
      {
        request: name(operation, 'Request'),
        response: name(operation, 'Response'),
        handler: name(operation, 'Handler'),
        event: name(operation, 'Event'),
        responses: name(operation, 'Responses'),
      },
    ]),
  );
  const types = new NamespaceUse(
    context.modelName,
    new Map([...stubFiles.keys()].map((scheme) => [scheme, unique.get(`authorizer ${scheme}`)!])),
  );
  const declarations: string[] = [];
  for (const operation of group.proxy) {
    const { request, response, handler, responses } = names.get(operation)!;
    const route = inlineCode(`${operation.method} ${operation.path}`);
    const members = requestMembers(operation, { ...context, types });
    declarations.push(
      printInterface(request, members, `What \`${operation.name}\` (${route}) receives: ${describeRequest(members)}.`),
      printTypeAlias(
        response,
        responseTree(operation, { schemas: context.schemas, refName: types.refName }, types),
        `What \`${operation.name}\` may answer: one of its declared responses.`,
      ),
      printTypeAlias(
        handler,
        types.runtime('OperationHandler', [atom(request), atom(response)]),
        `The implementation of \`${operation.name}\`.`,
      ),
      `${jsDocComment(`The answers of \`${operation.name}\`, one helper per declared status: \`${exampleHelper(operation, responses)}\`.`, 0)}\n${printHelpers(responses, response)}`,
    );
  }
  if (group.nonProxy.length > 0) {
    for (const operation of group.nonProxy) {
      const event = templateEvent(operation, types);
      declarations.push(printTypeAlias(names.get(operation)!.event, event.type, event.doc));
    }
    declarations.push(
      printTypeAlias(
        'NonProxyEvent',
        union(group.nonProxy.map((operation) => atom(names.get(operation)!.event))),
        'What the non-proxy integrations of this function send: an event of one of its operations, which nothing in it tells apart.',
      ),
      printTypeAlias(
        'NonProxyHandler',
        types.runtime('NonProxyHandler', [atom('NonProxyEvent')]),
        'The implementation of the non-proxy integrations.',
      ),
    );
  }
  const authorizerStubs = [...stubFiles]
    .filter(([scheme]) => types.usedAuthorizers.has(scheme))
    .map(([scheme, file]) => ({ local: unique.get(`authorizer ${scheme}`)!, file }));
  return { declarations, names, types, authorizerStubs };
}

/** A Lambda authorizer stub whose `handler` a declarations file imports (type-only) as `local`, from `src/authorizers/<file>.ts`. */
export interface AuthorizerStub {
  local: string;
  file: string;
}

/** `tenant-authorizer` → `tenantAuthorizer`, `bearer-token` → `bearerTokenAuthorizer`. */
function authorizerLocal(file: string): string {
  const name = toCamelCase(file, 'authorizer');
  return name.endsWith('Authorizer') || name === 'authorizer' ? name : `${name}Authorizer`;
}

/** `export const GetBookResponses = responseHelpers<GetBookResponse>();`, broken after `=` when too long, as Prettier does. */
function printHelpers(name: string, response: string): string {
  const head = `export const ${name} =`;
  const call = `responseHelpers<${response}>();`;
  return head.length + 1 + call.length <= PRINT_WIDTH ? `${head} ${call}` : `${head}\n  ${call}`;
}

/** The helper name of the operation's first declared status with one, for the doc comment. */
function exampleHelper(operation: OperationModel, helpers: string): string {
  for (const response of operation.responses) {
    const name = Object.entries(STATUS_NAMES).find(([, code]) => String(code) === response.status)?.[0];
    if (name) return `${helpers}.${name}(body)`;
  }
  return `${helpers}.status(code, body)`;
}

/** The parts a request type has, in words. */
function describeRequest(members: readonly TypeMember[]): string {
  const parts = new Set(members.map((member) => member.key));
  const parameters = ['path', 'query', 'headers', 'cookies'].some((key) => parts.has(key));
  return [
    ...(parameters ? ['its parameters, converted to their declared types'] : []),
    ...(parts.has('body') ? ['its parsed body'] : []),
    'the proxy event and the Lambda context',
  ].join(', ');
}

function requestMembers(operation: OperationModel, context: OperationTypesContext & { types: NamespaceUse }): TypeMember[] {
  const { types } = context;
  const options = { schemas: context.schemas, refName: types.refName };
  const group = (key: string, parameters: readonly ParameterModel[]): TypeMember[] => {
    if (parameters.length === 0) return [];
    const members = parameters.map((parameter) => {
      const { spec, type } = planParameter(parameter, options);
      // A parameter with a default is always there: the router fills it in.
      return {
        key: propertyKey(parameter.name),
        optional: !parameter.required && spec.default === undefined,
        type,
        ...docOf(parameter.description, parameter.schema, context.schemas),
      };
    });
    return [{ key, type: { kind: 'object', members } }];
  };
  const members: TypeMember[] = [
    ...group('path', operation.parameters.path),
    ...group('query', operation.parameters.query),
    ...group('headers', operation.parameters.header),
    ...group('cookies', operation.parameters.cookie),
  ];
  const body = operation.requestBody;
  if (body && body.content.length > 0) {
    members.push({
      key: 'body',
      optional: !body.required,
      type: union(body.content.map((media) => bodyTree(media, 'request', types))),
      doc: body.description ?? 'The body, parsed as its media type says: JSON parsed, text as a string, binary as bytes.',
    });
  }
  const payload = payloadVersion(context.model, operation);
  members.push(
    { key: 'event', type: eventTree(operation, { payload, restApi: context.model.kind === 'rest', types }), doc: 'The proxy event.' },
    { key: 'context', type: types.lambda('Context') },
  );
  return members;
}

/** A union of `{ statusCode, body, headers, cookies }`, one member per declared response. */
function responseTree(operation: OperationModel, values: ValueOptions, types: NamespaceUse): TypeTree {
  if (operation.responses.length === 0)
    return answerTree({ status: atom('number'), body: atom('unknown'), response: undefined, values, types });
  const exact = operation.responses.map((response) => response.status).filter((status) => /^\d{3}$/.test(status));
  return union(
    operation.responses.map((response) => {
      const media = preferredMedia(response.content);
      // `body?: undefined` rather than no member: excess properties go unnoticed in a union whose other members have a body.
      const body = media ? bodyTree(media, 'response', types) : BODILESS.test(response.status) ? atom('undefined') : atom('unknown');
      return answerTree({ status: statusTree(response.status, exact, types), body, response, values, types });
    }),
  );
}

/** Statuses whose answers have no body in HTTP. */
const BODILESS = /^(1\d\d|204|205|304)$/;

/** `200`; `2XX` as the codes of its class not declared on their own; `default` as any status. */
function statusTree(status: string, exact: readonly string[], types: NamespaceUse): TypeTree {
  const range = /^([1-5])XX$/i.exec(status);
  if (!range) return atom(/^\d{3}$/.test(status) ? status : 'number');
  const codes = types.runtime('StatusCodesOf', [atom(range[1]!)]);
  const declared = exact.filter((code) => code[0] === range[1]);
  return declared.length === 0 ? codes : { kind: 'generic', name: 'Exclude', args: [codes, union(declared.map(atom))] };
}

function answerTree(input: {
  status: TypeTree;
  body: TypeTree;
  response: ResponseModel | undefined;
  values: ValueOptions;
  types: NamespaceUse;
}): TypeTree {
  const { status, body, response, values, types } = input;
  const members: TypeMember[] = [{ key: 'statusCode', type: status }];
  members.push({ key: 'body', optional: body.kind === 'atom' && (body.text === 'unknown' || body.text === 'undefined'), type: body });
  const headers = response?.headers ?? [];
  if (headers.length === 0) members.push({ key: 'headers', optional: true, type: types.runtime('ResponseHeaders') });
  else {
    const declared: TypeMember[] = headers.map((header) => ({
      key: propertyKey(header.name),
      optional: !header.required,
      type: planValue(header.schema, values).tree,
    }));
    declared.push({ key: '[name: string]', type: union([types.runtime('HeaderValue'), atom('undefined')]) });
    members.push({
      key: 'headers',
      optional: !headers.some((header) => header.required),
      type: { kind: 'object', members: declared, soft: true },
    });
  }
  members.push({ key: 'cookies', optional: true, type: { kind: 'array', element: atom('string') } });
  return { kind: 'object', members, soft: true };
}
