import velocity from 'velocityjs';
import { javaEquals, javaText } from './java-text.js';
import { javaMatches, javaReplace, javaSplit } from './java-regex.js';
import { ownField } from '../own-fields.js';

/**
 * velocityjs, made to render as API Gateway's (Java) Velocity does: a missing or null reference
 * is empty text (`$x` as well as `$!x`; recorded by AWS: `$stageVariables.unset` gives ``), values
 * print as Java's `toString`, `==` is Velocity's, `Map.put` returns the previous value (so
 * `$map.put(k, v)` prints nothing), and String methods with regular expressions are Java's.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */

type Ast = NonNullable<Parameters<velocity.Compile['renderAstList']>[0]>[number];
type MethodCall = { property: string; context: unknown; params: unknown[] };

class ApiGatewayCompile extends velocity.Compile {
  /** A compiled template renders many times: no `#stop` or loop state carries over. */
  override render(...args: Parameters<velocity.Compile['render']>): string {
    this.runState = { stop: false, break: false };
    this.local = {};
    this.conditions = [];
    return super.render(...args);
  }

  protected override getReferences(ast: Ast, isVal?: boolean): string {
    const value: unknown = super.getReferences(ast, false);
    return (isVal ? javaText(value) : value) as string;
  }

  protected override getExpression(ast: Ast): string {
    if (ast.type === 'math' && 'operator' in ast && (ast.operator === '==' || ast.operator === '!=')) {
      const [left, right] = ast.expression as Ast[];
      const equal = javaEquals(this.getExpression(left!), this.getExpression(right!));
      return (ast.operator === '==' ? equal : !equal) as unknown as string;
    }
    return super.getExpression(ast);
  }
}

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Java's String methods that JavaScript lacks or has with other meanings. */
const STRING_METHODS: Record<string, (text: string, ...params: unknown[]) => unknown> = {
  replaceAll: (text, regex, replacement) => javaReplace(text, javaText(regex), javaText(replacement), true),
  replaceFirst: (text, regex, replacement) => javaReplace(text, javaText(regex), javaText(replacement), false),
  replace: (text, target, replacement) => text.split(javaText(target)).join(javaText(replacement)),
  matches: (text, regex) => javaMatches(text, javaText(regex)),
  split: (text, regex) => javaSplit(text, javaText(regex)),
  length: (text) => text.length,
  isEmpty: (text) => text.length === 0,
  contains: (text, part) => text.includes(javaText(part)),
  equals: (text, other) => typeof other === 'string' && text === other,
  equalsIgnoreCase: (text, other) => typeof other === 'string' && text.toLowerCase() === other.toLowerCase(),
  toString: (text: string) => text,
};

/** Java's Map and List methods velocityjs lacks. */
const COLLECTION_METHODS: Record<string, (collection: object, ...params: unknown[]) => unknown> = {
  toString: (collection: object) => javaText(collection),
  isEmpty: (collection) => Object.keys(collection).length === 0,
  containsKey: (collection, key) => !Array.isArray(collection) && Object.hasOwn(collection, javaText(key)),
  values: (collection): unknown[] => Object.values(collection as Record<string, unknown>),
  contains: (collection, item) => Array.isArray(collection) && collection.some((entry) => javaEquals(entry, item)),
};

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

const METHOD_HANDLERS = [
  {
    uid: 'apigateway: String',
    match: ({ property, context }: MethodCall) => typeof context === 'string' && Object.hasOwn(STRING_METHODS, property),
    resolve: ({ property, context, params }: MethodCall) => STRING_METHODS[property]!(context as string, ...params),
  },
  {
    uid: 'apigateway: Map and List',
    match: ({ property, context }: MethodCall) => isObject(context) && Object.hasOwn(COLLECTION_METHODS, property),
    resolve: ({ property, context, params }: MethodCall) => COLLECTION_METHODS[property]!(context as object, ...params),
  },
  {
    // velocityjs's `get` refuses `__proto__` (its guard against prototype pollution): a map's own key of that name reads as any other.
    uid: 'apigateway: Map.get __proto__',
    match: ({ property, context, params }: MethodCall) => property === 'get' && isObject(context) && params[0] === '__proto__',
    resolve: ({ context }: MethodCall) => ownField(context as Record<string, unknown>, '__proto__'),
  },
  {
    // velocityjs would first add an `eval` key to the object (`$util`, `$input`) a method is called on.
    uid: 'apigateway: functions',
    match: ({ property, context }: MethodCall) =>
      isObject(context) &&
      !BLOCKED_KEYS.has(property) &&
      Object.hasOwn(context, property) &&
      typeof (context as Record<string, unknown>)[property] === 'function',
    resolve: ({ property, context, params }: MethodCall) =>
      (context as Record<string, (...args: unknown[]) => unknown>)[property]!(...params),
  },
  {
    uid: 'apigateway: Map.put',
    match: ({ property, context }: MethodCall) => property === 'put' && isObject(context) && !Array.isArray(context),
    resolve: ({ context, params }: MethodCall) => {
      // Any key, as a Java map takes it: defined as the map's own (`__proto__` too, never its prototype; `toString` over a body map's own).
      const map = context as Record<string, unknown>;
      const key = javaText(params[0]);
      const previous = ownField(map, key);
      Object.defineProperty(map, key, { value: params[1], enumerable: true, writable: true, configurable: true });
      return previous;
    },
  },
];

/** Renders mapping templates, each parsed once (a server renders the same few on every request). */
export class TemplateRenderer {
  readonly #compiled = new Map<string, ApiGatewayCompile>();

  render(template: string, variables: Record<string, unknown>): string {
    let compiled = this.#compiled.get(template);
    if (!compiled) {
      compiled = new ApiGatewayCompile(velocity.parse(template), { escape: false, customMethodHandlers: METHOD_HANDLERS });
      this.#compiled.set(template, compiled);
    }
    return compiled.render(variables);
  }
}
