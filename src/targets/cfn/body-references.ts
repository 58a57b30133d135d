import type { FunctionConfig } from '../../config/types.js';
import { getAtPointer, parsePointer, pointerOf } from '../../diagnostics/json-pointer.js';
import { foreignPlaceholders, pseudoParameterOf } from '../../document/placeholders.js';
import { assignUniqueNames, splitWords } from '../../model/names.js';
import { intrinsicName, ref, subParts, type CfnValue, type Intrinsic, type Parameter } from './template.js';

/**
 * A document written for another template names that template's resources, parameters and
 * conditions in its intrinsic functions (`${ItemsFunction.Arn}`, `Ref: ImportQueue`,
 * `Fn::If: [IsLocal, …]`). The template `cfn` writes defines none of them, so each becomes a
 * parameter of ours (a condition becomes a true/false parameter and a condition on it), and
 * the document's functions are rewritten to use them. Lambda functions can instead be mapped
 * by the config to another stack's export or a fixed ARN. Placeholders left for another tool
 * (`${lambda_arn}`, see document/placeholders.ts) become parameters too, except those that stand
 * for a pseudo parameter (`${region}` is `${AWS::Region}`).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */

const PSEUDO_PREFIX = 'AWS::';
/** @see https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html */
const FUNCTION_ARN = '^arn:[^:]+:lambda:[^:]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$';
/** API Gateway's own `${…}` variables, which a `Fn::Sub` must pass through as written (`${!…}`). */
const API_GATEWAY_VARIABLE = /^(stageVariables|context|request|response|method|integration)\./;

/** What a name of the document's template stands for in ours. */
type Replacement = { parameter: string } | { value: CfnValue; variable: string };

/** A plain string of the document where `${…}` may need filling in. */
export interface PlaceholderField {
  pointer: string;
  /** A mapping template: only placeholders for another tool are filled in, its other `${…}` are Velocity's. */
  template: boolean;
}

/** What a placeholder for another tool that names a Lambda function holds: the function's ARN or its whole invocation URI. */
export type PlaceholderFunction = 'arn' | 'invocationUri';

export interface ReferenceResolution {
  /** The document with its references rewritten. */
  body: Record<string, unknown>;
  parameters: Record<string, Parameter>;
  conditions: Record<string, Intrinsic>;
  /** Parameters that hold a Lambda function's invocation URI rather than its ARN. */
  invocationParameters: string[];
}

/** A `Fn::Sub` string's variables: `${X}`, `${X.Attr}`; literals (`${!X}`) and pseudo parameters excluded. */
function subVariables(text: string, declared: readonly string[] = []): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)]
    .map((match) => match[1]!)
    .filter(
      (name) => !name.startsWith('!') && !name.startsWith(PSEUDO_PREFIX) && !declared.includes(name) && !API_GATEWAY_VARIABLE.test(name),
    );
}

/**
 * Rewrites the references of a document (already copied with sorted keys) to names the
 * template defines. `taken` are the template's own logical ids; `functionIds` the logical ids of
 * the Lambda functions the document invokes.
 */
export function resolveReferences(options: {
  document: Record<string, unknown>;
  /** Fields whose plain strings name resources as `${X.Arn}` or hold placeholders for another tool: they become `Fn::Sub`s. */
  placeholderFields: readonly PlaceholderField[];
  /** Placeholders for another tool that name Lambda functions. */
  placeholderFunctions?: ReadonlyMap<string, PlaceholderFunction>;
  taken: readonly string[];
  functionIds: readonly string[];
  functions: Record<string, FunctionConfig>;
}): ReferenceResolution {
  const { document, placeholders } = substitutePlaceholders(options.document, options.placeholderFields);
  const found = new Map<string, 'ref' | 'getAtt' | 'condition'>();
  walk(document, {
    reference: (key, kind) => {
      if (!found.has(key)) found.set(key, kind);
    },
  });
  const conditionKeys = [...found].filter(([, kind]) => kind === 'condition').map(([key]) => key);
  const referenceKeys = [...found].filter(([, kind]) => kind !== 'condition').map(([key]) => key);
  // A function is named `${X.Arn}`, or `${X}` in some documents' invocation URIs: both stand for its ARN.
  const functionOf = (key: string) => {
    if (placeholders.has(key)) return undefined;
    const [id, attribute] = splitKey(key);
    return (attribute === 'Arn' || attribute === undefined) && options.functionIds.includes(id) ? id : undefined;
  };
  const nameKey = (key: string) => {
    const id = functionOf(key);
    return id === undefined ? key : `${id}.Arn`;
  };
  const mapped = (key: string) => {
    const id = functionOf(key);
    return id === undefined ? undefined : options.functions[id];
  };
  const names = assignUniqueNames(
    [
      ...[...new Set(referenceKeys.map(nameKey))].map((key) => {
        const source = mapped(key);
        const identifier = placeholders.has(key) ? pascalCase(key) : (source?.parameter ?? alphanumeric(key));
        return { key, identifier };
      }),
      ...conditionKeys.map((key) => ({ key: `condition:${key}`, identifier: alphanumeric(key) })),
      ...conditionKeys.map((key) => ({ key: `condition-parameter:${key}`, identifier: `${alphanumeric(key)}Condition` })),
    ],
    options.taken,
  );

  const parameters: Record<string, Parameter> = {};
  const conditions: Record<string, Intrinsic> = {};
  const replacements = new Map<string, Replacement>();
  const invocationParameters: string[] = [];
  for (const key of [...referenceKeys].sort()) {
    const name = names.get(nameKey(key))!;
    const source = mapped(key);
    const [id, attribute] = splitKey(nameKey(key));
    if (source?.importValue !== undefined) {
      replacements.set(key, { value: { 'Fn::ImportValue': source.importValue }, variable: name });
    } else if (source?.arn !== undefined) {
      replacements.set(key, { value: source.arn, variable: name });
    } else if (placeholders.has(key)) {
      const holds = options.placeholderFunctions?.get(key);
      replacements.set(key, { parameter: name });
      parameters[name] = describePlaceholder(key, holds);
      if (holds === 'invocationUri') invocationParameters.push(name);
    } else {
      replacements.set(key, { parameter: name });
      parameters[name] = describeParameter({ id, attribute, isFunction: functionOf(key) !== undefined });
    }
  }
  for (const key of [...conditionKeys].sort()) {
    const parameter = names.get(`condition-parameter:${key}`)!;
    parameters[parameter] = {
      Type: 'String',
      Description: `Whether the condition ${key} of the document holds.`,
      AllowedValues: ['true', 'false'],
    };
    conditions[names.get(`condition:${key}`)!] = { 'Fn::Equals': [ref(parameter), 'true'] };
    replacements.set(`condition:${key}`, { parameter: names.get(`condition:${key}`)! });
  }

  const rewriter: Rewriter = {
    replace: (key) => replacements.get(key)!,
    names: new Set([...options.taken, ...Object.keys(parameters), ...Object.keys(conditions)]),
  };
  return { body: rewriteValue(document, rewriter) as Record<string, unknown>, parameters, conditions, invocationParameters };
}

/**
 * A plain string such as `arn:…/functions/${BooksFunction.Arn}/invocations` means what a
 * `Fn::Sub` would make of it: API Gateway fills in `${AWS::Region}` and the like at import as
 * CloudFormation would, and would reject the rest. A placeholder for another tool is filled in
 * by a parameter, or by the pseudo parameter it stands for. Those strings become `Fn::Sub`s, in
 * a copy; a mapping template keeps its own `${…}` as literals (`${!…}`).
 */
function substitutePlaceholders(
  document: Record<string, unknown>,
  fields: readonly PlaceholderField[],
): { document: Record<string, unknown>; placeholders: Set<string> } {
  const copy = structuredClone(document);
  const placeholders = new Set<string>();
  for (const field of fields) {
    const tokens = parsePointer(field.pointer);
    const parent = getAtPointer(copy, pointerOf(tokens.slice(0, -1)));
    const key = tokens.at(-1);
    // The parent is an object, or a list (`providerARNs`) indexed by the key.
    if (parent === null || typeof parent !== 'object' || key === undefined) continue;
    const holder = parent as Record<string, unknown>;
    const value = holder[key];
    if (typeof value !== 'string') continue;
    const foreign = new Set(foreignPlaceholders(value, field.template));
    const filled = field.template
      ? foreign.size > 0
      : [...value.matchAll(/\$\{([^}]*)\}/g)].some(([, name]) => !name!.startsWith('!') && !API_GATEWAY_VARIABLE.test(name!));
    if (!filled) continue;
    const text = value.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (foreign.has(name)) {
        const pseudo = pseudoParameterOf(name);
        if (pseudo !== undefined) return '${' + pseudo + '}';
        placeholders.add(name);
        return whole;
      }
      return field.template ? '${!' + name + '}' : whole;
    });
    holder[key] = { 'Fn::Sub': text };
  }
  return { document: copy, placeholders };
}

/** Rewrites the `${…}` of a `Fn::Sub` string: references to their replacements, API Gateway's variables to literals. */
function rewriteSubText(
  text: string,
  declared: readonly string[],
  rewrite: (key: string) => Replacement,
): { text: string; variables: Record<string, CfnValue> } {
  const variables: Record<string, CfnValue> = {};
  const rewritten = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!') || name.startsWith(PSEUDO_PREFIX) || declared.includes(name)) return whole;
    if (API_GATEWAY_VARIABLE.test(name)) return '${!' + name + '}';
    const replacement = rewrite(name);
    if ('parameter' in replacement) return '${' + replacement.parameter + '}';
    variables[replacement.variable] = replacement.value;
    return '${' + replacement.variable + '}';
  });
  return { text: rewritten, variables };
}

/** How references are rewritten, and the names the template defines. */
interface Rewriter {
  replace: (key: string) => Replacement;
  names: ReadonlySet<string>;
}

/**
 * Rewrites the references of a value. `held` has the conditions of the `Fn::If` branches the
 * value sits in: an `Fn::If` on one of them inside is its branch for that outcome (SAM repeats an
 * operation's condition in its integration's uri), since the other is one cfn-lint warns is
 * unreachable (W1028).
 */
function rewriteValue(value: unknown, rewrite: Rewriter, held: ReadonlyMap<string, boolean> = new Map()): unknown {
  if (typeof value === 'string') return keepLiteral(value, rewrite.names);
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, rewrite, held));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  switch (intrinsicName(value)) {
    case 'Ref': {
      const name = record.Ref;
      if (typeof name !== 'string' || name.startsWith(PSEUDO_PREFIX)) return value;
      return asValue(rewrite.replace(name));
    }
    case 'Fn::GetAtt': {
      const target = getAttTarget(record['Fn::GetAtt']);
      return target === undefined ? value : asValue(rewrite.replace(target));
    }
    case 'Fn::Sub':
      return rewriteSub(record['Fn::Sub'], rewrite);
    case 'Fn::If': {
      if (!Array.isArray(record['Fn::If'])) return value;
      const [condition, ...branches] = record['Fn::If'] as unknown[];
      if (typeof condition === 'string' && held.has(condition) && branches.length === 2) {
        return rewriteValue(held.get(condition) ? branches[0] : branches[1], rewrite, held);
      }
      const replacement = typeof condition === 'string' ? rewrite.replace(`condition:${condition}`) : undefined;
      const name = replacement && 'parameter' in replacement ? replacement.parameter : condition;
      const within = (outcome: boolean) => (typeof condition === 'string' ? new Map([...held, [condition, outcome]]) : held);
      return { 'Fn::If': [name, ...branches.map((branch, at) => rewriteValue(branch, rewrite, within(at === 0)))] };
    }
    default:
      return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, rewriteValue(item, rewrite, held)]));
  }
}

/**
 * A plain string reaches API Gateway as written. When it holds what CloudFormation tools take
 * for a variable, it is written so that CloudFormation makes the same string of it:
 * - `${AWS::Region}` and the other AWS variables stay variables of a `Fn::Sub`: CloudFormation
 *   gives them the values API Gateway's import would give them (the stack's account and region
 *   are the importing ones);
 * - `${Name}` for a name the template defines is escaped (`${!Name}`);
 * - a string with no variable left is a `Fn::Join` of pieces split after each `$`, since a
 *   `Fn::Sub` without variables is one cfn-lint warns about (W1020).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html
 */
function keepLiteral(text: string, names: ReadonlySet<string>): unknown {
  const variables = [...text.matchAll(/\$\{([A-Za-z0-9_:.]+)\}/g)].map(([, name]) => name!);
  const pseudo = variables.some((name) => name.startsWith(PSEUDO_PREFIX));
  if (!pseudo && !variables.some((name) => names.has(name.split('.')[0]!))) return text;
  if (!pseudo) return { 'Fn::Join': ['', text.split(/(?<=\$)(?=\{)/)] };
  return { 'Fn::Sub': text.replace(/\$\{(?!!|AWS::)/g, '${!') };
}

function rewriteSub(argument: unknown, rewrite: Rewriter): unknown {
  const { text, declared: declaredValues } = subParts(argument);
  if (typeof text !== 'string') return { 'Fn::Sub': rewriteValue(argument, rewrite) };
  const declared = isRecord(declaredValues) ? declaredValues : {};
  const rewritten = rewriteSubText(text, Object.keys(declared), rewrite.replace);
  const variables = { ...(rewriteValue(declared, rewrite) as Record<string, CfnValue>), ...rewritten.variables };
  return Object.keys(variables).length > 0 ? { 'Fn::Sub': [rewritten.text, variables] } : { 'Fn::Sub': rewritten.text };
}

function asValue(replacement: Replacement): CfnValue {
  return 'parameter' in replacement ? ref(replacement.parameter) : replacement.value;
}

/** Finds every reference in a document: `Ref`, `Fn::GetAtt`, `Fn::Sub` variables and `Fn::If` conditions. */
function walk(value: unknown, visitor: { reference: (key: string, kind: 'ref' | 'getAtt' | 'condition') => void }): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visitor);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  switch (intrinsicName(value)) {
    case 'Ref':
      if (typeof record.Ref === 'string' && !record.Ref.startsWith(PSEUDO_PREFIX)) visitor.reference(record.Ref, 'ref');
      return;
    case 'Fn::GetAtt': {
      const target = getAttTarget(record['Fn::GetAtt']);
      if (target !== undefined) visitor.reference(target, 'getAtt');
      return;
    }
    case 'Fn::Sub': {
      const argument = record['Fn::Sub'];
      const { text, declared } = subParts(argument);
      if (typeof text === 'string') {
        for (const name of subVariables(text, isRecord(declared) ? Object.keys(declared) : [])) {
          visitor.reference(name, name.includes('.') ? 'getAtt' : 'ref');
        }
      }
      walk(declared, visitor);
      return;
    }
    case 'Fn::If': {
      const [condition, ...branches] = Array.isArray(record['Fn::If']) ? (record['Fn::If'] as unknown[]) : [];
      if (typeof condition === 'string') visitor.reference(condition, 'condition');
      walk(branches, visitor);
      return;
    }
    default:
      for (const item of Object.values(record)) walk(item, visitor);
  }
}

/** `X.Attr` for `['X', 'Attr']` or `'X.Attr'`. */
function getAttTarget(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument.includes('.') ? argument : undefined;
  if (Array.isArray(argument) && typeof argument[0] === 'string' && typeof argument[1] === 'string') return `${argument[0]}.${argument[1]}`;
  return undefined;
}

function splitKey(key: string): [string, string | undefined] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, undefined] : [key.slice(0, dot), key.slice(dot + 1)];
}

/** `lambda_handler_invoke_arn` → `LambdaHandlerInvokeArn`. */
function pascalCase(name: string): string {
  return (
    splitWords(name)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join('') || 'Value'
  );
}

/** Logical ids and parameter names are letters and digits. */
function alphanumeric(key: string): string {
  return key.replace(/[^A-Za-z0-9]/g, '') || 'Value';
}

function describeParameter(options: { id: string; attribute?: string; isFunction: boolean }): Parameter {
  const { id, attribute } = options;
  const written = attribute === undefined ? `Ref ${id}` : `Fn::GetAtt ${id}.${attribute}`;
  if (options.isFunction) {
    return {
      Type: 'String',
      Description: `ARN of the Lambda function ${id} (${written} in the template the document was written for).`,
      AllowedPattern: FUNCTION_ARN,
    };
  }
  return { Type: 'String', Description: `The value of ${written} in the template the document was written for.` };
}

/** The parameter that fills in a placeholder for another tool. */
function describePlaceholder(name: string, holds: PlaceholderFunction | undefined): Parameter {
  const written = '${' + name + '}';
  const origin = `a placeholder of the document for another tool (a Terraform templatefile variable, say)`;
  if (holds === 'arn') {
    return {
      Type: 'String',
      Description: `ARN of the Lambda function the document names ${written}, ${origin}.`,
      AllowedPattern: FUNCTION_ARN,
    };
  }
  if (holds === 'invocationUri') {
    return {
      Type: 'String',
      Description: `Invocation URI (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations) of the Lambda function the document names ${written}, ${origin}.`,
      AllowedPattern: `^arn:[^:]+:apigateway:[^:]+:lambda:path/[^/]+/functions/${FUNCTION_ARN.slice(1, -1)}/invocations$`,
    };
  }
  return { Type: 'String', Description: `The value of ${written}, ${origin}.` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
