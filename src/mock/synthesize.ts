import randexp from 'randexp';
import type { SchemaModel, SchemaNode } from '../model/types.js';

// randexp's module.exports is the class itself; its typings declare it as an ES default export.
const RandExp = randexp as unknown as typeof randexp.default;

/**
 * Mock data made from a schema, deterministically: the same schema always gives the same value,
 * with no clock and no unseeded randomness. The schema's own `example`, `default`, `const` and
 * `enum` come first; otherwise a value is built that honours the type, format, pattern, numeric
 * range, `multipleOf`, lengths, item counts and required properties. Response-side: `writeOnly`
 * properties are left out, `readOnly` ones kept.
 */

/** The schemas that `ref` nodes point at, by type name. */
export type SchemaLookup = ReadonlyMap<string, SchemaModel>;

export interface SynthesizeOptions {
  /** Use the schema's `example`/`default` values (false: build everything from the constraints). */
  useExamples: boolean;
}

/** Sample strings by format, valid for that format's usual validators. */
const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  date: '2024-01-31',
  'date-time': '2024-01-31T12:00:00Z',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/resource',
  'uri-reference': 'https://example.com/resource',
  iri: 'https://example.com/resource',
  url: 'https://example.com/resource',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  byte: 'ZXhhbXBsZQ==',
  password: 'secret-password',
  int32: '1',
  int64: '1',
};

/** Optional properties are filled in down to this depth; required ones always are. */
const OPTIONAL_DEPTH = 2;
/** Items of an array beyond `minItems` (one item shows the shape). */
const DEFAULT_ITEMS = 1;
/** Longest repetition a pattern's `*` or `+` expands to. */
const PATTERN_REPEAT = 8;

interface Context {
  schemas: SchemaLookup;
  options: SynthesizeOptions;
  depth: number;
  /** Named schemas being built, to stop at reference cycles. */
  stack: readonly string[];
}

/** A mock value for a schema node. */
export function synthesize(node: SchemaNode, schemas: SchemaLookup, options: SynthesizeOptions): unknown {
  return build(node, { schemas, options, depth: 0, stack: [] }, 0);
}

/** `variant` tells siblings apart (unique array items). */
function build(node: SchemaNode, context: Context, variant: number): unknown {
  if (node.kind === 'ref') {
    const target = node.ref === undefined ? undefined : context.schemas.get(node.ref);
    if (!target) return {};
    // A schema may contain itself once (a required `parent`); deeper, the smallest value stops the cycle.
    if (context.stack.filter((name) => name === target.typeName).length >= 2) return cycleBreaker(target.schema);
    return build(target.schema, { ...context, stack: [...context.stack, target.typeName] }, variant);
  }
  if (context.options.useExamples && variant === 0) {
    if (node.example !== undefined) return node.example;
    if (node.default !== undefined) return node.default;
  }
  if (node.enum && node.enum.length > 0) {
    const values = node.enum.filter((value) => value !== null || node.nullable);
    return values.length > 0 ? values[variant % values.length] : null;
  }
  switch (node.kind) {
    case 'string':
      return stringValue(node, variant);
    case 'number':
    case 'integer':
      return numberValue(node, variant);
    case 'boolean':
      return variant % 2 === 0;
    case 'null':
      return null;
    case 'array':
      return arrayValue(node, context);
    case 'object':
      return objectValue(node, context);
    case 'allOf':
      return (node.members ?? []).map((member) => build(member, context, variant)).reduce(merge, {});
    case 'oneOf':
    case 'anyOf':
      return unionValue(node, context, variant);
    default:
      return {};
  }
}

/** The smallest value of a schema reached again through a reference cycle. */
function cycleBreaker(node: SchemaNode): unknown {
  if (node.nullable) return null;
  if (node.kind === 'array') return [];
  return {};
}

function stringValue(node: SchemaNode, variant: number): string {
  const constraints = node.constraints;
  const minLength = numberConstraint(constraints.minLength) ?? 0;
  const maxLength = numberConstraint(constraints.maxLength) ?? Infinity;
  const pattern = typeof constraints.pattern === 'string' ? compilePattern(constraints.pattern) : undefined;
  const suffix = variant === 0 ? '' : String(variant + 1);
  const candidates = [
    // Own entries only: a document's `format: toString` is an unknown format, not Object.prototype's function.
    node.format !== undefined && Object.hasOwn(FORMAT_SAMPLES, node.format) ? FORMAT_SAMPLES[node.format] : undefined,
    ...(pattern ? patternSamples(pattern) : []),
    `string${suffix}`,
  ];
  const fits = (text: string) => text.length >= minLength && text.length <= maxLength && (!pattern || pattern.test(text));
  for (const candidate of candidates) {
    if (candidate !== undefined && fits(candidate)) return candidate;
  }
  // No candidate fits the lengths: pad or cut a plain one.
  const base = `string${suffix}`;
  return base.padEnd(minLength, 'x').slice(0, Math.max(minLength, Math.min(base.length, maxLength)));
}

function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined; // An invalid pattern constrains nothing we can honour.
  }
}

/** Strings matching a pattern, from a fixed seed so they are the same on every run. */
function patternSamples(pattern: RegExp): string[] {
  const samples: string[] = [];
  for (let seed = 1; seed <= 4; seed++) {
    const generator = new RandExp(pattern);
    generator.max = PATTERN_REPEAT;
    const random = seededRandom(seed);
    generator.randInt = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    samples.push(generator.gen());
  }
  return samples;
}

/** mulberry32: a small deterministic generator, for picking among a pattern's matches (and for the fuzz test's mutants). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function numberValue(node: SchemaNode, variant: number): number {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = node.constraints;
  const integer = node.kind === 'integer' || node.format === 'int32' || node.format === 'int64';
  const step = numberConstraint(multipleOf) ?? 1;
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; 3.1 as numbers.
  let low = numberConstraint(minimum) ?? -Infinity;
  let lowOpen = exclusiveMinimum === true;
  if (typeof exclusiveMinimum === 'number' && exclusiveMinimum >= low) [low, lowOpen] = [exclusiveMinimum, true];
  let high = numberConstraint(maximum) ?? Infinity;
  let highOpen = exclusiveMaximum === true;
  if (typeof exclusiveMaximum === 'number' && exclusiveMaximum <= high) [high, highOpen] = [exclusiveMaximum, true];
  const start = Number.isFinite(low) ? low : Number.isFinite(high) ? Math.min(high, 1) : 1;
  const unit = integer ? Math.max(1, Math.ceil(step)) : step;
  // The first multiple of the step at or above the start, then past an open bound, then by variant.
  let value = Math.ceil(start / step) * step;
  if (integer) value = Math.ceil(value);
  if (lowOpen && value <= low) value += unit;
  value += variant * unit;
  if (value > high || (highOpen && value >= high)) value = Math.floor((highOpen ? high - Number.EPSILON : high) / step) * step;
  return Number(value.toPrecision(15));
}

function arrayValue(node: SchemaNode, context: Context): unknown[] {
  const minItems = numberConstraint(node.constraints.minItems) ?? 0;
  const maxItems = numberConstraint(node.constraints.maxItems) ?? Infinity;
  // Items that contain the schema being built (a tree's children) stop the recursion when they may.
  const recursive = node.items !== undefined && isCycle(node.items, context);
  const count = Math.min(Math.max(minItems, recursive ? 0 : DEFAULT_ITEMS), maxItems);
  if (!node.items) return Array.from({ length: count }, (_, index) => `item${index + 1}`);
  const inner = { ...context, depth: context.depth + 1 };
  return Array.from({ length: count }, (_, index) => build(node.items!, inner, index));
}

function objectValue(node: SchemaNode, context: Context): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const inner = { ...context, depth: context.depth + 1 };
  for (const property of node.properties ?? []) {
    if (property.schema.writeOnly || (!property.required && context.depth >= OPTIONAL_DEPTH)) continue;
    if (!property.required && isCycle(property.schema, context)) continue;
    defineValue(value, property.name, build(property.schema, inner, 0));
  }
  const minProperties = numberConstraint(node.constraints.minProperties) ?? 0;
  const extra = node.additionalProperties;
  for (let index = 1; Object.keys(value).length < minProperties && extra !== false; index++) {
    defineValue(value, `property${index}`, typeof extra === 'object' ? build(extra, inner, 0) : 'value');
  }
  return value;
}

/** True when building a node would enter a named schema already being built. */
function isCycle(node: SchemaNode, context: Context): boolean {
  return node.kind === 'ref' && node.ref !== undefined && context.stack.includes(node.ref);
}

function unionValue(node: SchemaNode, context: Context, variant: number): unknown {
  const member = (node.members ?? []).find((candidate) => !isCycle(candidate, context)) ?? node.members?.[0];
  if (!member) return {};
  const value = build(member, context, variant);
  const discriminator = node.discriminator;
  const tag = discriminator?.mapping.find((entry) => member.kind === 'ref' && entry.ref === member.ref);
  if (discriminator && tag && isPlainObject(value)) defineValue(value, discriminator.propertyName, tag.value);
  return value;
}

/** `allOf`: objects merge (deeply); anything else keeps the last member's value. */
function merge(left: unknown, right: unknown): unknown {
  if (!isPlainObject(left) || !isPlainObject(right)) return right;
  const merged: Record<string, unknown> = { ...left };
  for (const [key, value] of Object.entries(right)) defineValue(merged, key, key in left ? merge(left[key], value) : value);
  return merged;
}

/** Sets an own property, even one named `__proto__`. */
function defineValue(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function numberConstraint(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
