import type { FunctionConfig } from '../../config/types.js';
import { getAtPointer, parsePointer, pointerOf } from '../../diagnostics/json-pointer.js';
import { assignUniqueNames } from '../../model/names.js';
import { intrinsicName, ref, subParts, type CfnValue, type Intrinsic, type Parameter } from './template.js';

/**
 * A document written for another template names that template's resources, parameters and
 * conditions in its intrinsic functions (`${ItemsFunction.Arn}`, `Ref: ImportQueue`,
 * `Fn::If: [IsLocal, …]`). The template `cfn` writes defines none of them, so each becomes a
 * parameter of ours (a condition becomes a true/false parameter and a condition on it), and
 * the document's functions are rewritten to use them. Lambda functions can instead be mapped
 * by the config to another stack's export or a fixed ARN.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 */

const PSEUDO_PREFIX = 'AWS::';
/** API Gateway's own `${…}` variables, which a `Fn::Sub` must pass through as written (`${!…}`). */
const API_GATEWAY_VARIABLE = /^(stageVariables|context|request|response|method|integration)\./;

/** What a name of the document's template stands for in ours. */
type Replacement = { parameter: string } | { value: CfnValue; variable: string };

export interface ReferenceResolution {
  /** The document with its references rewritten. */
  body: Record<string, unknown>;
  parameters: Record<string, Parameter>;
  conditions: Record<string, Intrinsic>;
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
  /** Fields whose plain strings name resources as `${X.Arn}` (integration URIs, say): they become `Fn::Sub`s. */
  placeholderFields: readonly string[];
  taken: readonly string[];
  functionIds: readonly string[];
  functions: Record<string, FunctionConfig>;
}): ReferenceResolution {
  const document = substitutePlaceholders(options.document, options.placeholderFields);
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
        const identifier = source?.parameter ?? alphanumeric(key);
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
  for (const key of [...referenceKeys].sort()) {
    const name = names.get(nameKey(key))!;
    const source = mapped(key);
    const [id, attribute] = splitKey(nameKey(key));
    if (source?.importValue !== undefined) {
      replacements.set(key, { value: { 'Fn::ImportValue': source.importValue }, variable: name });
    } else if (source?.arn !== undefined) {
      replacements.set(key, { value: source.arn, variable: name });
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
  return { body: rewriteValue(document, rewriter) as Record<string, unknown>, parameters, conditions };
}

/**
 * A plain string such as `arn:…/functions/${BooksFunction.Arn}/invocations` means what a
 * `Fn::Sub` would make of it: API Gateway fills in `${AWS::Region}` and the like at import as
 * CloudFormation would, and would reject the rest. Those strings become `Fn::Sub`s, in a copy.
 */
function substitutePlaceholders(document: Record<string, unknown>, pointers: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(document);
  for (const pointer of pointers) {
    const tokens = parsePointer(pointer);
    const parent = getAtPointer(copy, pointerOf(tokens.slice(0, -1)));
    const key = tokens.at(-1);
    if (!isRecord(parent) || key === undefined) continue;
    const value = parent[key];
    const filled =
      typeof value === 'string' &&
      [...value.matchAll(/\$\{([^}]*)\}/g)].some(([, name]) => !name!.startsWith('!') && !API_GATEWAY_VARIABLE.test(name!));
    if (filled) parent[key] = { 'Fn::Sub': value };
  }
  return copy;
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

function rewriteValue(value: unknown, rewrite: Rewriter): unknown {
  if (typeof value === 'string') return keepLiteral(value, rewrite.names);
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, rewrite));
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
      const replacement = typeof condition === 'string' ? rewrite.replace(`condition:${condition}`) : undefined;
      const name = replacement && 'parameter' in replacement ? replacement.parameter : condition;
      return { 'Fn::If': [name, ...branches.map((branch) => rewriteValue(branch, rewrite))] };
    }
    default:
      return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, rewriteValue(item, rewrite)]));
  }
}

/**
 * A plain string reaches API Gateway as written. When it holds what CloudFormation tools take
 * for a variable (`${AWS::Region}`, or `${Name}` for a name the template defines), it is written
 * as a `Fn::Sub` whose every `${…}` is escaped (`${!…}`), which CloudFormation turns back into
 * the same string.
 */
function keepLiteral(text: string, names: ReadonlySet<string>): unknown {
  const variables = [...text.matchAll(/\$\{([A-Za-z0-9_:.]+)\}/g)].map(([, name]) => name!);
  if (!variables.some((name) => name.startsWith(PSEUDO_PREFIX) || names.has(name.split('.')[0]!))) return text;
  return { 'Fn::Sub': text.replace(/\$\{(?!!)/g, '${!') };
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
      AllowedPattern: '^arn:[^:]+:lambda:[^:]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$',
    };
  }
  return { Type: 'String', Description: `The value of ${written} in the template the document was written for.` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
