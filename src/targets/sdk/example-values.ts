import { CodeValue } from '../../emit/layout.js';
import type { SchemaModel, SchemaNode } from '../../model/types.js';

/**
 * Example values for the requests of an SDK's README: values the document gives (`example`,
 * `default`, the first `enum` value) when they have the request-side type the client declares
 * (see `type-expressions.ts`), else placeholders built from the schema. The README's code blocks
 * are compiled against the generated package by the test suite, so a value the type would reject
 * is never used.
 */

/** A value for a binary body or property (`Blob | ArrayBuffer | Uint8Array`). */
export const BINARY_EXAMPLE = new CodeValue("new Blob(['...'])");

/** The schemas `ref` nodes point at, by type name. */
export type SchemaLookup = ReadonlyMap<string, SchemaModel>;

/** Placeholders for strings by format, so that examples read as what they stand for. */
const STRING_PLACEHOLDERS: Readonly<Record<string, string>> = {
  date: '2024-01-31',
  'date-time': '2024-01-31T12:00:00Z',
  time: '12:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-0000-0000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/**
 * Members every object literal inherits (TypeScript's `Object` interface). An optional property
 * of the same name must be given: the inherited function does not fit its type.
 */
const INHERITED = new Set([
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** A property an object literal must have: a required one, or one that would otherwise be inherited. */
function mustGive(property: { name: string; required: boolean; schema: SchemaNode }): boolean {
  return property.required || (INHERITED.has(property.name) && property.schema.kind !== 'any');
}

/** Optional properties are shown (when they have an example) down to this depth; required ones always are. */
const OPTIONAL_DEPTH = 3;
/** Steps through references, `allOf` and unions that do not enter the value, before giving up (reference cycles). */
const MAX_HOPS = 32;

/**
 * True when a value is accepted, as an object literal, where the request-side type of a node is
 * expected: excess properties are rejected as TypeScript rejects them, read-only properties do
 * not exist on requests, and a union accepts a value only when one member does. Conservative: a
 * value TypeScript would accept may be refused, never the other way round.
 */
export function fitsRequestType(value: unknown, node: SchemaNode, schemas: SchemaLookup): boolean {
  return fits(value, node, { schemas, exact: true, hops: 0 });
}

interface FitContext {
  schemas: SchemaLookup;
  /** Check excess properties (false inside an intersection, which checks them as a whole). */
  exact: boolean;
  hops: number;
}

function fits(value: unknown, node: SchemaNode, context: FitContext): boolean {
  if (context.hops > MAX_HOPS) return false;
  if (value === null && node.nullable) return true;
  const hop = { ...context, hops: context.hops + 1 };
  const enter = { ...context, exact: true, hops: 0 };
  if (node.kind === 'ref') {
    const target = node.ref === undefined ? undefined : context.schemas.get(node.ref);
    // A reference the model could not resolve is typed `unknown`.
    return node.ref === undefined || (target !== undefined && fits(value, target.schema, hop));
  }
  const literals = literalEnum(node);
  if (literals) return literals.some((literal) => literal === value);
  switch (node.kind) {
    case 'string':
      return node.format === 'binary' ? value instanceof CodeValue : typeof value === 'string';
    case 'number':
    case 'integer':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      // Tuples (`prefixItems`) are checked element by element nowhere: no document value is taken for one.
      return (
        Array.isArray(value) && !node.prefixItems && (node.items === undefined || value.every((item) => fits(item, node.items!, enter)))
      );
    case 'object':
      return isPlainObject(value) && objectFits(value, node, context);
    case 'allOf': {
      const members = node.members ?? [];
      // No members: `unknown`.
      if (members.length === 0) return !containsUnsafeKey(value);
      if (!members.every((member) => fits(value, member, { ...hop, exact: false }))) return false;
      const known = knownKeys(node, context.schemas, 0);
      return !context.exact || !isPlainObject(value) || known === 'open' || Object.keys(value).every((key) => known.has(key));
    }
    case 'oneOf':
    case 'anyOf':
      return (node.members ?? []).some((member) => fits(value, member, hop) && tagFits(value, member, node));
    default:
      return !containsUnsafeKey(value);
  }
}

function objectFits(value: Record<string, unknown>, node: SchemaNode, context: FitContext): boolean {
  if (containsUnsafeKey(value)) return false;
  const enter = { ...context, exact: true, hops: 0 };
  const properties = requestProperties(node);
  const extra = node.additionalProperties;
  if (properties.length === 0) {
    if (extra === false) return Object.keys(value).length === 0;
    return typeof extra !== 'object' || Object.values(value).every((item) => fits(item, extra, enter));
  }
  for (const property of properties) {
    if (Object.hasOwn(value, property.name)) {
      if (!fits(value[property.name], property.schema, enter)) return false;
    } else if (mustGive(property)) return false;
  }
  if (!context.exact || (extra !== undefined && extra !== false)) return true;
  const declared = new Set(properties.map((property) => property.name));
  return Object.keys(value).every((key) => declared.has(key));
}

/** A union member narrowed by a discriminator accepts only its own values of the discriminating property. */
function tagFits(value: unknown, member: SchemaNode, parent: SchemaNode): boolean {
  const values = discriminatorValues(member, parent);
  if (values.length === 0) return true;
  const name = parent.discriminator!.propertyName;
  return isPlainObject(value) && values.includes(value[name] as string);
}

function discriminatorValues(member: SchemaNode, parent: SchemaNode): string[] {
  if (!parent.discriminator || member.kind !== 'ref' || member.ref === undefined) return [];
  return parent.discriminator.mapping.filter((entry) => entry.ref === member.ref).map((entry) => entry.value);
}

/** The property names an object of this type may have, or `open` when it has an index signature. */
function knownKeys(node: SchemaNode, schemas: SchemaLookup, hops: number): Set<string> | 'open' {
  if (hops > MAX_HOPS) return 'open';
  if (node.kind === 'ref') {
    const target = node.ref === undefined ? undefined : schemas.get(node.ref);
    return target ? knownKeys(target.schema, schemas, hops + 1) : 'open';
  }
  if (literalEnum(node)) return new Set();
  switch (node.kind) {
    case 'object': {
      const properties = requestProperties(node);
      const extra = node.additionalProperties;
      if (properties.length === 0) return extra === false ? new Set() : 'open';
      if (extra !== undefined && extra !== false) return 'open';
      return new Set(properties.map((property) => property.name));
    }
    case 'allOf':
    case 'oneOf':
    case 'anyOf': {
      if ((node.members ?? []).length === 0) return node.kind === 'allOf' ? 'open' : new Set();
      const keys = new Set<string>();
      for (const member of node.members ?? []) {
        const memberKeys = knownKeys(member, schemas, hops + 1);
        if (memberKeys === 'open') return 'open';
        for (const key of memberKeys) keys.add(key);
      }
      return keys;
    }
    case 'any':
      return 'open';
    default:
      return new Set();
  }
}

/**
 * An example value for a node, on the request side: the node's `example`, `default` or first
 * `enum` value when it fits the type, else one built from the schema: `'...'` (or a value for the
 * string's format), `0`, `true`, `[]`, and objects of their required properties (plus optional
 * ones that have an example). A union takes its first member that gives a fitting value; a
 * discriminated member gets its discriminating value.
 */
export function exampleValue(node: SchemaNode, schemas: SchemaLookup): unknown {
  return build(node, { schemas, depth: 0, hops: 0, stack: [] });
}

interface BuildContext {
  schemas: SchemaLookup;
  /** Objects entered so far. */
  depth: number;
  hops: number;
  /** Schemas being built, to stop at reference cycles. */
  stack: readonly string[];
}

/** Undefined when no value can be built (a reference cycle, or nothing but `never`). */
function build(node: SchemaNode, context: BuildContext): unknown {
  for (const candidate of documentValues(node)) if (fitsRequestType(candidate, node, context.schemas)) return candidate;
  const built = buildFromSchema(node, context);
  if (built === undefined || fitsRequestType(built, node, context.schemas)) return built ?? (node.nullable ? null : undefined);
  return node.nullable ? null : built;
}

/** What the document says a value may be: `example`, `default`, the first `enum` value. */
function documentValues(node: SchemaNode): unknown[] {
  const values: unknown[] = [];
  if (node.example !== undefined) values.push(node.example);
  if (node.default !== undefined) values.push(node.default);
  if (node.enum && node.enum.length > 0) values.push(node.enum[0]);
  return values;
}

function buildFromSchema(node: SchemaNode, context: BuildContext): unknown {
  if (context.hops > MAX_HOPS) return undefined;
  const hop = { ...context, hops: context.hops + 1 };
  if (node.kind === 'ref') {
    if (node.ref === undefined) return '...';
    const target = context.schemas.get(node.ref);
    if (!target || context.stack.includes(node.ref)) return undefined;
    return build(target.schema, { ...hop, stack: [...context.stack, node.ref] });
  }
  switch (node.kind) {
    case 'string':
      return node.format === 'binary' ? BINARY_EXAMPLE : (STRING_PLACEHOLDERS[node.format ?? ''] ?? '...');
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return node.prefixItems ? requiredElements(node, node.prefixItems).map((item) => build(item, hop)) : [];
    case 'object':
      return buildObject(node, context);
    case 'allOf': {
      const parts = (node.members ?? []).map((member) => build(member, hop));
      const objects = parts.filter(isPlainObject);
      if (objects.length > 0) return Object.assign({}, ...objects) as Record<string, unknown>;
      return parts.find((part) => part !== undefined);
    }
    case 'oneOf':
    case 'anyOf': {
      let first: unknown;
      for (const member of node.members ?? []) {
        let value = build(member, hop);
        const tag = discriminatorValues(member, node)[0];
        if (tag !== undefined && isPlainObject(value)) value = { ...value, [node.discriminator!.propertyName]: tag };
        if (fitsRequestType(value, node, context.schemas)) return value;
        first ??= value;
      }
      return first;
    }
    case 'any':
      return '...';
    default:
      return undefined;
  }
}

function buildObject(node: SchemaNode, context: BuildContext): Record<string, unknown> {
  const inner = { ...context, depth: context.depth + 1, hops: 0 };
  const value: Record<string, unknown> = {};
  // defineProperty: a property named `__proto__` is the value's own (printValue prints it as a computed key).
  const give = (name: string, item: unknown) =>
    Object.defineProperty(value, name, { value: item, enumerable: true, writable: true, configurable: true });
  for (const property of requestProperties(node)) {
    if (mustGive(property)) {
      const item = build(property.schema, inner);
      if (item !== undefined) give(property.name, item);
    } else if (context.depth < OPTIONAL_DEPTH) {
      const example = property.schema.example;
      if (example !== undefined && fitsRequestType(example, property.schema, context.schemas)) give(property.name, example);
    }
  }
  return value;
}

function requestProperties(node: SchemaNode) {
  return (node.properties ?? []).filter((property) => !property.schema.readOnly);
}

/** Literal enum values, as the type has them (`'a' | 'b'`); undefined when the type ignores the enum. */
function literalEnum(node: SchemaNode): unknown[] | undefined {
  const values = node.enum;
  if (!values) return undefined;
  return values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value)) ? values : undefined;
}

/** The leading elements of a tuple that must be there (`minItems`). */
function requiredElements(node: SchemaNode, prefixItems: readonly SchemaNode[]): SchemaNode[] {
  return prefixItems.slice(0, typeof node.constraints.minItems === 'number' ? node.constraints.minItems : 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof CodeValue);
}

/** `__proto__: …` in an object literal sets the prototype instead of a property. */
function containsUnsafeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsUnsafeKey);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, item]) => key === '__proto__' || containsUnsafeKey(item));
}
