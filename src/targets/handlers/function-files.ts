import { renderTemplate } from '../../emit/handlebars.js';
import { CodeValue, jsDocComment, PRINT_WIDTH, printValue } from '../../emit/layout.js';
import { inlineCode } from '../../emit/markdown.js';
import type { PlannedFile } from '../../emit/write-plan.js';
import { assignUniqueNames } from '../../model/names.js';
import type { OperationModel } from '../../model/types.js';
import { kebabCase, payloadVersion, type FunctionGroup } from '../../model/functions.js';
import { planOperationTypes, type OperationTypesContext } from './operation-types.js';
import { planRouteSpec } from './routes.js';

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
export function planFunctionFiles(group: FunctionGroup, context: OperationTypesContext): PlannedFile[] {
  const folder = `src/functions/${group.folder}`;
  const { declarations, names, types } = planOperationTypes(group, context);
  const files = assignUniqueNames(
    group.proxy.map((operation) => ({ key: operation.pointer, identifier: kebabCase(operation.id) || 'operation' })),
    FOLDER_FILES,
  );
  const locals = assignUniqueNames(
    group.proxy.map((operation) => ({ key: operation.pointer, identifier: operation.name })),
    HANDLER_NAMES,
  );
  const imports = (['Lambda', 'Models', 'Runtime'] as const)
    .filter((namespace) => types.used.has(namespace))
    .map((namespace) => `import type * as ${namespace} from '${NAMESPACE_MODULES[namespace]}';`);
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
        imports: group.proxy.map((operation) => {
          const local = locals.get(operation.pointer)!;
          const specifier = local === operation.name ? local : `${operation.name} as ${local}`;
          return printImport([specifier], `./${files.get(operation.pointer)!}.js`, false);
        }),
        nonProxy: group.nonProxy.length > 0,
        comment: jsDocComment(handlerDoc(group), 0),
        call: handlerCall(group, context, locals),
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
  }
  if (group.nonProxy.length > 0) {
    planned.push({
      path: `${folder}/non-proxy.ts`,
      contents: renderTemplate('handlers/non-proxy.ts', { comment: jsDocComment(nonProxyDoc(group), 0) }),
      ownership: 'scaffold',
    });
  }
  return planned;
}

const NAMESPACE_MODULES = { Lambda: 'aws-lambda', Models: '../../models.gen.js', Runtime: '../../runtime/types.js' } as const;

/** The routes of the function's proxy operations, with the runtime handler that serves their payload versions. */
function handlerCall(group: FunctionGroup, context: OperationTypesContext, locals: Map<string, string>): string {
  const routes = group.proxy.map((operation) => ({
    ...planRouteSpec(operation, context),
    implementation: new CodeValue(locals.get(operation.pointer)!),
  }));
  if (group.nonProxy.length > 0) {
    if (routes.length === 0) return 'Runtime.nonProxyHandler(handleNonProxyEvent)';
    return `Runtime.nonProxyHandler(handleNonProxyEvent, ${printValue(routes, 0, 0, 2)})`;
  }
  const versions = new Set(group.proxy.map((operation) => payloadVersion(context.model, operation)));
  const factory =
    versions.size === 1 && versions.has('1.0')
      ? 'restHandler'
      : versions.size === 1 && versions.has('2.0')
        ? 'httpHandler'
        : 'proxyHandler';
  return `Runtime.${factory}(${printValue(routes, 0, 0, 2)})`;
}

function handlerDoc(group: FunctionGroup): string {
  const proxy = group.proxy.length > 0 ? ` It routes ${group.proxy.map(routeLabel).join(', ')}.` : '';
  const nonProxy =
    group.nonProxy.length > 0
      ? ` Events of non-proxy integrations (${group.nonProxy.map(routeLabel).join(', ')}) go to \`handleNonProxyEvent\`.`
      : '';
  return `The handler of the Lambda function ${inlineCode(group.folder)}.${proxy}${nonProxy}`;
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
