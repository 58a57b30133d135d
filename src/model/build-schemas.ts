import { getAtPointer, joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import { isRecord } from '../document/resolve-ref.js';
import { assignUniqueNames, toPascalCase } from './names.js';
import { setSortedLazily, sortKeys } from './sort-keys.js';
import type { SchemaKind, SchemaModel, SchemaNode } from './types.js';

const CONSTRAINTS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

const SIMPLE_TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/**
 * Builds the schema type graph. Named schemas (components, and inline objects and enums named
 * after where they sit) become SchemaModels reached through `ref` nodes; everything else is
 * structural. Usage: `register` every place schemas hang from, then `node` each of them, then
 * `schemas()` for the named ones.
 * @see https://spec.openapis.org/oas/v3.0.3#schema-object
 */
export class SchemaGraph {
  readonly #document: Record<string, unknown>;
  /**
   * Every named schema by its value. Values, not pointers, are the keys: large documents have
   * hundreds of thousands of schema nodes with long pointers, and hashing those is slow.
   */
  readonly #desired = new Map<object, { pointer: string; name: string; origin: 'component' | 'inline' }>();
  #typeNames: Map<object, string> | undefined;
  readonly #nodes = new Map<object, SchemaNode>();
  /** `$ref` targets by reference text. */
  readonly #targets = new Map<string, { pointer: string; value: unknown } | undefined>();

  /** The name a schema had in the file it was bundled from, if any. */
  readonly #sourceName: (pointer: string) => string | undefined;

  constructor(document: Record<string, unknown>, sourceName: (pointer: string) => string | undefined = () => undefined) {
    this.#document = document;
    this.#sourceName = sourceName;
    const components = isRecord(document.components) ? document.components : {};
    for (const [name, value] of Object.entries(isRecord(components.schemas) ? components.schemas : {})) {
      if (isRecord(value)) this.#desired.set(value, { pointer: joinPointer('/components/schemas', name), name, origin: 'component' });
    }
  }

  /**
   * Discovers the named schemas under a schema (`value`) that hangs from `pointer`, naming inline
   * objects and enums after `contextName`. Must run for every root before the first `node()`.
   * `contextName` is called only when a schema needs it: most schemas are plain scalars, and
   * composing names for all of them was a measurable part of large documents' model time.
   */
  discover(pointer: string, contextName: () => string, value: unknown): void {
    this.#visitForNames(pointer, value, contextName, new Set());
  }

  #visitForNames(pointer: string, schema: unknown, contextName: () => string, seen: Set<object>): void {
    if (!isRecord(schema) || seen.has(schema)) return;
    seen.add(schema);
    if (typeof schema.$ref === 'string') {
      const target = this.#target(schema.$ref);
      if (target && isRecord(target.value) && !this.#desired.has(target.value)) {
        const name = this.#sourceName(target.pointer) ?? nameFromPointer(target.pointer, contextName);
        this.#desired.set(target.value, { pointer: target.pointer, name, origin: 'inline' });
        this.#visitForNames(target.pointer, target.value, () => name, seen);
      }
      return;
    }
    const named = this.#desired.get(schema);
    const fixed = named?.name ?? this.#sourceName(pointer);
    const name = fixed === undefined ? once(contextName) : () => fixed;
    if (!named && pointer !== '' && isNamedInline(schema)) this.#desired.set(schema, { pointer, name: name(), origin: 'inline' });
    for (const [key, child] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
      this.#visitForNames(joinPointer(pointer, 'properties', key), child, () => name() + toPascalCase(key), seen);
    }
    this.#visitForNames(joinPointer(pointer, 'items'), schema.items, () => `${name()}Item`, seen);
    if (Array.isArray(schema.prefixItems))
      schema.prefixItems.forEach((item, index) =>
        this.#visitForNames(joinPointer(pointer, 'prefixItems', index), item, () => `${name()}Item${index + 1}`, seen),
      );
    this.#visitForNames(joinPointer(pointer, 'additionalProperties'), schema.additionalProperties, () => `${name()}Value`, seen);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const members = schema[keyword];
      if (Array.isArray(members))
        members.forEach((member, index) =>
          this.#visitForNames(joinPointer(pointer, keyword, index), member, () => `${name()}${index + 1}`, seen),
        );
    }
  }

  /** Where an internal `$ref` points, or undefined when it points at nothing. */
  #target(ref: string): { pointer: string; value: unknown } | undefined {
    if (!this.#targets.has(ref)) {
      const pointer = refPointer(ref);
      const value = pointer === undefined ? undefined : getAtPointer(this.#document, pointer);
      this.#targets.set(ref, pointer === undefined || value === undefined ? undefined : { pointer, value });
    }
    return this.#targets.get(ref);
  }

  /** The type names of every named schema, assigned once, in sorted order. */
  #names(): Map<object, string> {
    if (!this.#typeNames) {
      const byPointer = assignUniqueNames(
        [...this.#desired.values()].map(({ pointer, name }) => ({ key: pointer, identifier: toPascalCase(name, 'Schema') })),
      );
      this.#typeNames = new Map([...this.#desired].map(([value, { pointer }]) => [value, byPointer.get(pointer)!]));
    }
    return this.#typeNames;
  }

  /** The node for the schema `value` found at `pointer`: a `ref` node when it is named. */
  node(pointer: string, value: unknown): SchemaNode {
    const typeName = isRecord(value) ? this.#names().get(value) : undefined;
    if (typeName !== undefined) return this.#refNode(typeName, pointer);
    return this.#build(pointer, value);
  }

  /** Every named schema, sorted by type name. */
  schemas(): SchemaModel[] {
    const models: SchemaModel[] = [];
    for (const [value, typeName] of this.#names()) {
      const { pointer, name, origin } = this.#desired.get(value)!;
      models.push({ name, typeName, origin, schema: this.#build(pointer, value), pointer });
    }
    return models.sort((a, b) => (a.typeName < b.typeName ? -1 : a.typeName > b.typeName ? 1 : 0));
  }

  #refNode(typeName: string, pointer: string): SchemaNode {
    return emptyNode('ref', pointer, typeName);
  }

  /** Converts a schema itself (not through its name). */
  #build(pointer: string, schema: unknown): SchemaNode {
    if (!isRecord(schema)) return this.#convert(schema, pointer);
    const cached = this.#nodes.get(schema);
    if (cached) return cached;
    const node = this.#convert(schema, pointer);
    this.#nodes.set(schema, node);
    return node;
  }

  #child(pointer: string, schema: unknown): SchemaNode {
    if (isRecord(schema) && typeof schema.$ref === 'string') {
      const typeName = this.#typeNameAt(schema.$ref);
      if (typeName !== undefined) return this.#refNode(typeName, pointer);
      // A reference to an unnamed schema (not discovered) or a broken one: unknown type.
      return emptyNode('any', pointer);
    }
    return this.node(pointer, schema);
  }

  #convert(schema: unknown, pointer: string): SchemaNode {
    if (schema === true || schema === undefined) return emptyNode('any', pointer);
    if (schema === false || !isRecord(schema)) return { ...emptyNode('any', pointer), enum: [] };
    if (typeof schema.$ref === 'string') return this.#child(pointer, schema);
    const types = typeList(schema);
    const nullable = schema.nullable === true || types.includes('null');
    const concrete = types.includes('null') ? types.filter((type) => type !== 'null') : types;
    const node = this.#annotate(emptyNode(this.#kindOf(schema, concrete), pointer), schema, nullable);
    if ('const' in schema) node.enum = [sortKeys(schema.const)];
    else if (Array.isArray(schema.enum)) node.enum = schema.enum.filter((value) => value !== null || !nullable).map(sortKeys);
    const keyword = node.kind;
    if ((keyword === 'allOf' || keyword === 'oneOf' || keyword === 'anyOf') && Array.isArray(schema[keyword])) {
      node.members = (schema[keyword] as unknown[]).map((member, index) => this.#child(joinPointer(pointer, keyword, index), member));
      const base = this.#withoutComposition(schema, pointer);
      if (base) node.members.unshift(base);
    }
    if (node.kind === 'object') this.#objectParts(node, schema, pointer);
    if (node.kind === 'array') {
      node.items =
        'items' in schema && !Array.isArray(schema.items)
          ? this.#child(joinPointer(pointer, 'items'), schema.items)
          : emptyNode('any', joinPointer(pointer, 'items'));
      if (Array.isArray(schema.prefixItems))
        node.prefixItems = schema.prefixItems.map((item, index) => this.#child(joinPointer(pointer, 'prefixItems', index), item));
    }
    if (concrete.length > 1 && !node.members) {
      node.kind = 'anyOf';
      node.members = concrete.map((type) => this.#convert({ ...schema, type, nullable: false }, pointer));
    }
    if (isRecord(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') {
      const mapping = isRecord(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
      const explicit = Object.entries(mapping).map(([value, ref]) => ({
        value,
        ref: this.#typeNameAt(String(ref)) ?? toPascalCase(String(ref)),
      }));
      node.discriminator = {
        propertyName: schema.discriminator.propertyName,
        mapping: [...explicit, ...this.#implicitMapping(schema, schema.discriminator.propertyName, explicit)].sort((a, b) =>
          a.value < b.value ? -1 : a.value > b.value ? 1 : 0,
        ),
      };
    }
    return node;
  }

  /**
   * A member schema that no explicit mapping entry names is matched by its component name
   * (OpenAPI's implicit mapping).
   * @see https://spec.openapis.org/oas/v3.0.3#discriminator-object
   */
  #implicitMapping(
    schema: Record<string, unknown>,
    propertyName: string,
    explicit: readonly { ref: string }[],
  ): { value: string; ref: string }[] {
    const members = [schema.oneOf, schema.anyOf].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
    return members.flatMap((member) => {
      const target = isRecord(member) && typeof member.$ref === 'string' ? this.#target(member.$ref)?.value : undefined;
      const desired = isRecord(target) ? this.#desired.get(target) : undefined;
      const typeName = isRecord(target) ? this.#names().get(target) : undefined;
      if (!desired || !typeName || explicit.some((entry) => entry.ref === typeName)) return [];
      // A member that fixes the property's value (`const`, or a one-value enum) is matched by that
      // value: the schema name would contradict it, leaving the member `never`.
      const fixed = this.#fixedValue(target, propertyName, 0);
      if (fixed !== undefined) return [{ value: fixed, ref: typeName }];
      return desired.origin === 'component' ? [{ value: desired.name, ref: typeName }] : [];
    });
  }

  /** The one string value a schema allows for a property (`const` or a one-value `enum`), looking through `$ref` and `allOf`. */
  #fixedValue(schema: unknown, propertyName: string, depth: number): string | undefined {
    if (!isRecord(schema) || depth > 16) return undefined;
    if (typeof schema.$ref === 'string') return this.#fixedValue(this.#target(schema.$ref)?.value, propertyName, depth + 1);
    const properties = isRecord(schema.properties) ? schema.properties : {};
    let property: unknown = Object.hasOwn(properties, propertyName) ? properties[propertyName] : undefined;
    if (isRecord(property) && typeof property.$ref === 'string') property = this.#target(property.$ref)?.value;
    if (isRecord(property)) {
      if (typeof property.const === 'string') return property.const;
      if (Array.isArray(property.enum) && property.enum.length === 1 && typeof property.enum[0] === 'string') return property.enum[0];
    }
    const parts = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]) : [];
    for (const part of parts) {
      const value = this.#fixedValue(part, propertyName, depth + 1);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** The type name of the named schema a `$ref` points at. */
  #typeNameAt(ref: string): string | undefined {
    const target = this.#target(ref)?.value;
    return isRecord(target) ? this.#names().get(target) : undefined;
  }

  /** The object part of a schema that also has `allOf`/`oneOf`/`anyOf` next to `properties`. */
  #withoutComposition(schema: Record<string, unknown>, pointer: string): SchemaNode | undefined {
    if (!isRecord(schema.properties)) return undefined;
    const node = emptyNode('object', pointer);
    this.#objectParts(node, schema, pointer);
    return node;
  }

  #kindOf(schema: Record<string, unknown>, concrete: readonly string[]): SchemaKind {
    if (Array.isArray(schema.allOf)) return 'allOf';
    if (Array.isArray(schema.oneOf)) return 'oneOf';
    if (Array.isArray(schema.anyOf)) return 'anyOf';
    if (concrete.length === 1) return concrete[0] as SchemaKind;
    if (concrete.length > 1) return 'anyOf';
    if (isRecord(schema.properties) || 'additionalProperties' in schema) return 'object';
    if ('items' in schema || Array.isArray(schema.prefixItems)) return 'array';
    if ('const' in schema) return typeof schema.const === 'string' ? 'string' : 'any';
    return 'any';
  }

  #objectParts(node: SchemaNode, schema: Record<string, unknown>, pointer: string): void {
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const properties = isRecord(schema.properties) ? schema.properties : {};
    node.properties = Object.keys(properties)
      .sort()
      .map((name) => ({
        name,
        required: required.has(name),
        schema: this.#child(joinPointer(pointer, 'properties', name), properties[name]),
      }));
    const extra = schema.additionalProperties;
    if (extra !== undefined)
      node.additionalProperties = typeof extra === 'boolean' ? extra : this.#child(joinPointer(pointer, 'additionalProperties'), extra);
  }

  #annotate(node: SchemaNode, schema: Record<string, unknown>, nullable: boolean): SchemaNode {
    node.nullable = nullable;
    if (typeof schema.format === 'string') node.format = schema.format;
    if (typeof schema.title === 'string') node.title = schema.title;
    if (typeof schema.description === 'string') node.description = schema.description;
    node.deprecated = schema.deprecated === true;
    node.readOnly = schema.readOnly === true;
    node.writeOnly = schema.writeOnly === true;
    if ('default' in schema) setSortedLazily(node, 'default', schema.default);
    if ('example' in schema) setSortedLazily(node, 'example', schema.example);
    else if (Array.isArray(schema.examples) && schema.examples.length > 0) setSortedLazily(node, 'example', schema.examples[0]);
    // An indexed loop: it runs for every schema node, before the optimizing compiler steps in.
    for (let index = 0; index < CONSTRAINTS.length; index++) {
      const keyword = CONSTRAINTS[index]!;
      if (keyword in schema)
        (node.constraints === NO_CONSTRAINTS ? (node.constraints = {}) : node.constraints)[keyword] = sortKeys(schema[keyword]);
    }
    return node;
  }
}

/** Shared by every node without validation keywords (most of them): a large document has hundreds of thousands. */
const NO_CONSTRAINTS: Record<string, unknown> = Object.freeze({});

function emptyNode(kind: SchemaKind, pointer: string, ref?: string): SchemaNode {
  const node: SchemaNode = {
    kind,
    nullable: false,
    deprecated: false,
    readOnly: false,
    writeOnly: false,
    constraints: NO_CONSTRAINTS,
    pointer,
  };
  if (ref !== undefined) node.ref = ref;
  return node;
}

/** One shared list per simple type: nearly every schema has a single `type`, and large documents have hundreds of thousands. */
const SINGLE_TYPES = new Map([...SIMPLE_TYPES].map((type) => [type, Object.freeze([type])]));
const NO_TYPES: readonly string[] = Object.freeze([]);

function typeList(schema: Record<string, unknown>): readonly string[] {
  const type = schema.type;
  if (typeof type === 'string') return SINGLE_TYPES.get(type) ?? NO_TYPES;
  return Array.isArray(type) ? type.map(String).filter((entry) => SIMPLE_TYPES.has(entry)) : NO_TYPES;
}

/** Inline schemas worth a name: objects with properties, and enums of strings. */
function isNamedInline(schema: Record<string, unknown>): boolean {
  if (isRecord(schema.properties) && Object.keys(schema.properties).length > 0) return true;
  return Array.isArray(schema.enum) && schema.enum.length > 1 && schema.enum.every((value) => typeof value === 'string');
}

function refPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    parsePointer(ref);
    return decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
}

/** A name for a schema reached by a `$ref` to somewhere other than `components/schemas`. */
function nameFromPointer(pointer: string, fallback: () => string): string {
  const tokens = parsePointer(pointer).filter((token) => !/^(schema|properties|items|content|\d+)$/.test(token) && !token.includes('/'));
  const last = tokens.at(-1);
  return last && last !== 'definitions' ? last : fallback();
}

/** A function computing `compute()` on its first call only. */
function once(compute: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= compute());
}
