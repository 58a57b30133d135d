import { renderTemplate } from '../../emit/handlebars.js';
import { CodeValue, jsDocComment, PRINT_WIDTH, printValue, stringLiteral } from '../../emit/layout.js';
import { inlineCode } from '../../emit/markdown.js';
import type { PlannedFile } from '../../emit/write-plan.js';
import { assignUniqueNames } from '../../model/names.js';
import type { OperationModel } from '../../model/types.js';
import { kebabCase, payloadVersion, type FunctionGroup } from '../../model/functions.js';
import { planOperationTypes, type OperationTypesContext } from './operation-types.js';
import { planSampleEvent } from './example-tests.js';
import { planRouteSpec } from './routes.js';
import type { FunctionValidation, ValidatorCompiler } from './validators.js';

/** What the handler file names itself, which implementations imported into it must not take. */
const HANDLER_NAMES = ['Runtime', 'handler', 'handleNonProxyEvent'];
/** Stub file names a function folder has already (`index.ts`, `non-proxy.ts`). */
const FOLDER_FILES = ['index', 'non-proxy'];

/**
 * The files of one Lambda function, under `src/functions/<folder>/`:
 * - generated: `operations.gen.ts` (what each operation receives and answers) and
 *   `handler.gen.ts` (the router, the function's handler);
 * - scaffolds, the user's: `index.ts` (the entry point), one implementation per operation, and
 *   `non-proxy.ts` when non-proxy integrations invoke the function.
 */
export function planFunctionFiles(group: FunctionGroup, context: FunctionFilesContext): { files: PlannedFile[]; formats: boolean } {
  const folder = `src/functions/${group.folder}`;
  const { declarations, names, types, authorizerStubs } = planOperationTypes(group, context);
  const files = assignUniqueNames(
    group.proxy.map((operation) => ({ key: operation.pointer, identifier: kebabCase(operation.id) || 'operation' })),
    FOLDER_FILES,
  );
  const locals = assignUniqueNames(
    group.proxy.map((operation) => ({ key: operation.pointer, identifier: operation.name })),
    HANDLER_NAMES,
  );
  const validation = context.validators.planFunction(
    group.proxy.map((operation) => ({ operation, name: locals.get(operation.pointer)! })),
    folder,
  );
  const imports = (['Lambda', 'Models', 'Runtime'] as const)
    .filter((namespace) => types.used.has(namespace))
    .map((namespace) => `import type * as ${namespace} from '${NAMESPACE_MODULES[namespace]}';`);
  for (const stub of authorizerStubs) imports.push(printImport([`handler as ${stub.local}`], `../../authorizers/${stub.file}.js`, true));
  if (group.proxy.length > 0) imports.push(`import { responseHelpers } from '../../runtime/responses.js';`);
  const planned: PlannedFile[] = [
    {
      path: `${folder}/operations.gen.ts`,
      contents: renderTemplate('handlers/operations.gen.ts', { imports, declarations }),
      ownership: 'generated',
    },
    {
      path: `${folder}/handler.gen.ts`,
      contents: renderTemplate('handlers/handler.gen.ts', {
        imports: [
          ...(validation.file ? ["import * as Validators from './validators.gen.js';"] : []),
          ...group.proxy.map((operation) => {
            const local = locals.get(operation.pointer)!;
            const specifier = local === operation.name ? local : `${operation.name} as ${local}`;
            return printImport([specifier], `./${files.get(operation.pointer)!}.js`, false);
          }),
        ],
        nonProxy: group.nonProxy.length > 0,
        comment: jsDocComment(handlerDoc(group), 0),
        call: handlerCall(group, context, { locals, validation }),
      }),
      ownership: 'generated',
    },
    {
      path: `${folder}/index.ts`,
      contents: renderTemplate('handlers/index.ts', {
        comment: jsDocComment(
          `The entry point of the Lambda function ${inlineCode(group.folder)}: deploy it with the handler \`functions/${group.folder}/index.handler\`. This file is yours: wrap \`handler\` here to add middleware.`,
          0,
        ),
      }),
      ownership: 'scaffold',
    },
  ];
  for (const operation of group.proxy) {
    const handlerType = names.get(operation)!.handler;
    planned.push({
      path: `${folder}/${files.get(operation.pointer)!}.ts`,
      contents: renderTemplate('handlers/operation.ts', {
        importType: printImport([handlerType], './operations.gen.js', true),
        comment: jsDocComment(stubDoc(operation), 0),
        declaration: printStub(operation.name, handlerType),
      }),
      ownership: 'scaffold',
    });
    planned.push(planExampleTest(operation, { folder, file: files.get(operation.pointer)!, group, context }));
  }
  if (validation.file) planned.push(validation.file);
  if (group.nonProxy.length > 0) {
    planned.push({
      path: `${folder}/non-proxy.ts`,
      contents: renderTemplate('handlers/non-proxy.ts', { comment: jsDocComment(nonProxyDoc(group), 0) }),
      ownership: 'scaffold',
    });
  }
  return { files: planned, formats: validation.formats === true };
}

/** What the files of every function are planned with: the model's types, and the run's schema compiler. */
export interface FunctionFilesContext extends OperationTypesContext {
  validators: ValidatorCompiler;
}

/**
 * An example test of an operation's stub, the user's like the stub: it sends the function a
 * sample event of the operation and checks the status, 501 until the stub is implemented. Nothing
 * imports it, so a user who deletes it keeps it deleted (`--force` writes it again). It runs
 * on `node:test`, which needs no dependency (`npm test` builds, then runs `node --test dist/`).
 */
function planExampleTest(
  operation: OperationModel,
  input: { folder: string; file: string; group: FunctionGroup; context: OperationTypesContext },
): PlannedFile {
  const { event, payload } = planSampleEvent(operation, input.context);
  const route = `${operation.method} ${operation.path}`;
  const name = input.group.folder;
  return {
    path: `${input.folder}/${input.file}.test.ts`,
    contents: renderTemplate('handlers/operation.test.ts', {
      eventType: payload === '1.0' ? 'APIGatewayProxyEvent' : 'APIGatewayProxyEventV2',
      comment: jsDocComment(
        `${payload === '1.0' ? 'A REST API (payload 1.0)' : 'An HTTP API (payload 2.0)'} proxy event of ${inlineCode(route)}, shaped after the AWS documentation's sample event, with the operation's required parameters and body.`,
        0,
      ),
      event,
      functionName: stringLiteral(name),
      functionArn: stringLiteral(`arn:aws:lambda:us-east-1:123456789012:function:${name}`),
      logGroup: stringLiteral(`/aws/lambda/${name}`),
      title: stringLiteral(`${operation.id} (${route}) answers 501 until it is implemented`),
      streaming: streams(input.group),
      response: streams(input.group)
        ? 'await readStreamedAnswer(handler, event, context)'
        : input.group.nonProxy.length > 0
          ? '(await handler(event, context)) as { statusCode?: number }'
          : 'await handler(event, context)',
      status: 501,
    }),
    ownership: 'scaffold',
    optional: true,
  };
}

const NAMESPACE_MODULES = { Lambda: 'aws-lambda', Models: '../../models.gen.js', Runtime: '../../runtime/types.js' } as const;

/** The routes of the function's proxy operations, with the runtime handler that serves their payload versions. */
function handlerCall(
  group: FunctionGroup,
  context: OperationTypesContext,
  names: { locals: Map<string, string>; validation: FunctionValidation },
): string {
  const routes = group.proxy.map((operation) => {
    const validation = names.validation.specs.get(operation.pointer);
    const responseSchemas = names.validation.responses.get(operation.pointer);
    return {
      ...planRouteSpec(operation, context),
      ...(validation ? { validation } : {}),
      ...(responseSchemas ? { responseSchemas } : {}),
      implementation: new CodeValue(names.locals.get(operation.pointer)!),
    };
  });
  if (group.nonProxy.length > 0) {
    if (routes.length === 0) return 'Runtime.nonProxyHandler(handleNonProxyEvent)';
    return `Runtime.nonProxyHandler(handleNonProxyEvent, ${printValue(routes, 0, 0, 2)})`;
  }
  const versions = new Set(group.proxy.map((operation) => payloadVersion(context.model, operation)));
  const factory =
    versions.size === 1 && versions.has('1.0')
      ? streams(group)
        ? 'streamingRestHandler'
        : 'restHandler'
      : versions.size === 1 && versions.has('2.0')
        ? 'httpHandler'
        : 'proxyHandler';
  return `Runtime.${factory}(${printValue(routes, 0, 0, 2)})`;
}

/**
 * Whether API Gateway invokes the function for response streaming: every route's integration
 * uses `…/response-streaming-invocations` (one handler cannot answer both ways).
 */
function streams(group: FunctionGroup): boolean {
  return (
    group.nonProxy.length === 0 &&
    group.proxy.length > 0 &&
    group.proxy.every((operation) => operation.integration?.responseTransferMode === 'STREAM')
  );
}

function handlerDoc(group: FunctionGroup): string {
  const proxy = group.proxy.length > 0 ? ` It routes ${group.proxy.map(routeLabel).join(', ')}.` : '';
  const nonProxy =
    group.nonProxy.length > 0
      ? ` Events of non-proxy integrations (${group.nonProxy.map(routeLabel).join(', ')}) go to \`handleNonProxyEvent\`.`
      : '';
  const streaming = streams(group)
    ? ' API Gateway invokes it for response streaming: it writes the answer as metadata, a delimiter, then the body.'
    : '';
  return `The handler of the Lambda function ${inlineCode(group.folder)}.${proxy}${nonProxy}${streaming}`;
}

function routeLabel(operation: OperationModel): string {
  return `${inlineCode(operation.id)} (${inlineCode(`${operation.method} ${operation.path}`)})`;
}

function stubDoc(operation: OperationModel): string {
  return [
    ...[operation.summary, operation.description].filter((text): text is string => Boolean(text)),
    `${inlineCode(`${operation.method} ${operation.path}`)}. Answers 501 Not Implemented until implemented: replace the body, keep the type.`,
    ...(operation.deprecated ? ['@deprecated'] : []),
  ].join('\n\n');
}

function nonProxyDoc(group: FunctionGroup): string {
  return [
    `What the non-proxy integrations of the Lambda function ${inlineCode(group.folder)} send: ${group.nonProxy.map(routeLabel).join(', ')}.`,
    'Each sends the event its request mapping template makes (see `NonProxyEvent`); what this returns goes through its integration responses, which select on the message of an error thrown here. Throws until implemented.',
  ].join('\n\n');
}

/** `export const getBook: GetBookHandler = () => Runtime.notImplemented();`, broken after the arrow when too long. */
function printStub(name: string, type: string): string {
  const head = `export const ${name}: ${type} = () =>`;
  const body = 'Runtime.notImplemented();';
  return head.length + 1 + body.length <= PRINT_WIDTH ? `${head} ${body}` : `${head}\n  ${body}`;
}

/** An import of named bindings, one per line when it does not fit. */
function printImport(specifiers: readonly string[], from: string, typeOnly: boolean): string {
  const keyword = typeOnly ? 'import type' : 'import';
  const line = `${keyword} { ${specifiers.join(', ')} } from '${from}';`;
  if (line.length <= PRINT_WIDTH) return line;
  return `${keyword} {\n${specifiers.map((specifier) => `  ${specifier},`).join('\n')}\n} from '${from}';`;
}
