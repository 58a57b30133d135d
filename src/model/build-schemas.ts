import { getAtPointer, joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import { isRecord } from '../document/resolve-ref.js';
import { assignUniqueNames, toPascalCase } from './names.js';
import { sortKeys } from './sort-keys.js';
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
  /** Desired name by pointer of every named schema. */
  readonly #desired = new Map<string, { name: string; origin: 'component' | 'inline' }>();
  #typeNames: Map<string, string> | undefined;
  readonly #nodes = new Map<string, SchemaNode>();
  /** Values by pointer, remembered on the way down so no pointer is resolved from the root twice. */
  readonly #values = new Map<string, unknown>();

  /** The name a schema had in the file it was bundled from, if any. */
  readonly #sourceName: (pointer: string) => string | undefined;

  constructor(document: Record<string, unknown>, sourceName: (pointer: string) => string | undefined = () => undefined) {
    this.#document = document;
    this.#sourceName = sourceName;
    const components = isRecord(document.components) ? document.components : {};
    for (const name of Object.keys(isRecord(components.schemas) ? components.schemas : {})) {
      this.#desired.set(joinPointer('/components/schemas', name), { name, origin: 'component' });
    }
  }

  /**
   * Discovers the named schemas under a schema (`value`) that hangs from `pointer`, naming inline objects
   * and enums after `contextName`. Must run for every root before the first `node()`.
   */
  discover(pointer: string, contextName: string, value: unknown): void {
    this.#values.set(pointer, value);
    this.#visitForNames(pointer, contextName, new Set());
  }

  #visitForNames(pointer: string, contextName: string, seen: Set<string>): void {
    if (seen.has(pointer)) return;
    seen.add(pointer);
    const schema = this.#at(pointer);
    if (!isRecord(schema)) return;
    if (typeof schema.$ref === 'string') {
      const target = refPointer(schema.$ref);
      if (target !== undefined && !this.#desired.has(target) && isRecord(this.#at(target))) {
        const name = this.#sourceName(target) ?? nameFromPointer(target, contextName);
        this.#desired.set(target, { name, origin: 'inline' });
        this.#visitForNames(target, name, seen);
      }
      return;
    }
    const named = this.#desired.get(pointer);
    const name = named?.name ?? this.#sourceName(pointer) ?? contextName;
    if (!named && pointer !== '' && isNamedInline(schema)) this.#desired.set(pointer, { name, origin: 'inline' });
    for (const [key, child] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
      if (isRecord(child)) this.#visitForNames(this.#remember(child, pointer, 'properties', key), name + toPascalCase(key), seen);
    }
    if (isRecord(schema.items)) this.#visitForNames(this.#remember(schema.items, pointer, 'items'), `${name}Item`, seen);
    if (isRecord(schema.additionalProperties))
      this.#visitForNames(this.#remember(schema.additionalProperties, pointer, 'additionalProperties'), `${name}Value`, seen);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const members = schema[keyword];
      if (Array.isArray(members))
        members.forEach((member, index) =>
          this.#visitForNames(this.#remember(member, pointer, keyword, index), `${name}${index + 1}`, seen),
        );
    }
  }

  /** The value at a pointer, from what was seen on the way down when possible. */
  #at(pointer: string): unknown {
    if (this.#values.has(pointer)) return this.#values.get(pointer);
    const value = getAtPointer(this.#document, pointer);
    this.#values.set(pointer, value);
    return value;
  }

  /** Records the value of a child and returns its pointer. */
  #remember(value: unknown, pointer: string, ...tokens: (string | number)[]): string {
    const child = joinPointer(pointer, ...tokens);
    this.#values.set(child, value);
    return child;
  }

  /** The type names of every named schema, assigned once, in sorted order. */
  #names(): Map<string, string> {
    this.#typeNames ??= assignUniqueNames(
      [...this.#desired].map(([pointer, { name }]) => ({ key: pointer, identifier: toPascalCase(name, 'Schema') })),
    );
    return this.#typeNames;
  }

  /** The node for the schema at `pointer`: a `ref` node when it is named. */
  node(pointer: string): SchemaNode {
    const typeName = this.#names().get(pointer);
    if (typeName !== undefined) return this.#refNode(typeName, pointer);
    return this.#build(pointer);
  }

  /** Every named schema, sorted by type name. */
  schemas(): SchemaModel[] {
    const models: SchemaModel[] = [];
    for (const [pointer, typeName] of this.#names()) {
      const desired = this.#desired.get(pointer)!;
      models.push({ name: desired.name, typeName, origin: desired.origin, schema: this.#build(pointer), pointer });
    }
    return models.sort((a, b) => (a.typeName < b.typeName ? -1 : a.typeName > b.typeName ? 1 : 0));
  }

  #refNode(typeName: string, pointer: string): SchemaNode {
    return { ...emptyNode('ref', pointer), ref: typeName };
  }

  /** Converts the schema at `pointer` itself (not through its name). */
  #build(pointer: string): SchemaNode {
    const cached = this.#nodes.get(pointer);
    if (cached) return cached;
    const schema = this.#at(pointer);
    const node = this.#convert(schema, pointer);
    this.#nodes.set(pointer, node);
    return node;
  }

  #child(pointer: string): SchemaNode {
    const schema = this.#at(pointer);
    if (isRecord(schema) && typeof schema.$ref === 'string') {
      const target = refPointer(schema.$ref);
      const typeName = target === undefined ? undefined : this.#names().get(target);
      if (typeName !== undefined && target !== undefined) return this.#refNode(typeName, pointer);
      // A reference to an unnamed schema (not discovered) or a broken one: unknown type.
      return emptyNode('any', pointer);
    }
    return this.node(pointer);
  }

  #convert(schema: unknown, pointer: string): SchemaNode {
    if (schema === true || schema === undefined) return emptyNode('any', pointer);
    if (schema === false || !isRecord(schema)) return { ...emptyNode('any', pointer), enum: [] };
    if (typeof schema.$ref === 'string') return this.#child(pointer);
    const types = typeList(schema);
    const nullable = schema.nullable === true || types.includes('null');
    const concrete = types.filter((type) => type !== 'null');
    const node = this.#annotate(emptyNode(this.#kindOf(schema, concrete), pointer), schema, nullable);
    if ('const' in schema) node.enum = [sortKeys(schema.const)];
    else if (Array.isArray(schema.enum)) node.enum = schema.enum.filter((value) => value !== null || !nullable).map(sortKeys);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      if (node.kind === keyword && Array.isArray(schema[keyword])) {
        node.members = (schema[keyword] as unknown[]).map((member, index) => this.#child(this.#remember(member, pointer, keyword, index)));
        const base = this.#withoutComposition(schema, pointer);
        if (base) node.members.unshift(base);
      }
    }
    if (node.kind === 'object') this.#objectParts(node, schema, pointer);
    if (node.kind === 'array')
      node.items =
        'items' in schema && !Array.isArray(schema.items)
          ? this.#child(this.#remember(schema.items, pointer, 'items'))
          : emptyNode('any', joinPointer(pointer, 'items'));
    if (concrete.length > 1 && !node.members) {
      node.kind = 'anyOf';
      node.members = concrete.map((type) => this.#convert({ ...schema, type, nullable: false }, pointer));
    }
    if (isRecord(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') {
      const mapping = isRecord(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
      const explicit = Object.entries(mapping).map(([value, ref]) => ({
        value,
        ref: this.#names().get(refPointer(String(ref)) ?? '') ?? toPascalCase(String(ref)),
      }));
      node.discriminator = {
        propertyName: schema.discriminator.propertyName,
        mapping: [...explicit, ...this.#implicitMapping(schema, explicit)].sort((a, b) =>
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
  #implicitMapping(schema: Record<string, unknown>, explicit: readonly { ref: string }[]): { value: string; ref: string }[] {
    const members = [schema.oneOf, schema.anyOf].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
    return members.flatMap((member) => {
      const target = isRecord(member) && typeof member.$ref === 'string' ? refPointer(member.$ref) : undefined;
      const desired = target === undefined ? undefined : this.#desired.get(target);
      const typeName = target === undefined ? undefined : this.#names().get(target);
      if (!desired || desired.origin !== 'component' || !typeName || explicit.some((entry) => entry.ref === typeName)) return [];
      return [{ value: desired.name, ref: typeName }];
    });
  }

  /** The object part of a schema that also has `allOf`/`oneOf`/`anyOf` next to `properties`. */
  #withoutComposition(schema: Record<string, unknown>, pointer: string): SchemaNode | undefined {
    if (!isRecord(schema.properties)) return undefined;
    const node = emptyNode('object', pointer);
    this.#objectParts(node, schema, pointer);
    return node;
  }

  #kindOf(schema: Record<string, unknown>, concrete: string[]): SchemaKind {
    if (Array.isArray(schema.allOf)) return 'allOf';
    if (Array.isArray(schema.oneOf)) return 'oneOf';
    if (Array.isArray(schema.anyOf)) return 'anyOf';
    if (concrete.length === 1) return concrete[0] as SchemaKind;
    if (concrete.length > 1) return 'anyOf';
    if (isRecord(schema.properties) || 'additionalProperties' in schema) return 'object';
    if ('items' in schema) return 'array';
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
        schema: this.#child(this.#remember(properties[name], pointer, 'properties', name)),
      }));
    const extra = schema.additionalProperties;
    if (extra !== undefined)
      node.additionalProperties = typeof extra === 'boolean' ? extra : this.#child(this.#remember(extra, pointer, 'additionalProperties'));
  }

  #annotate(node: SchemaNode, schema: Record<string, unknown>, nullable: boolean): SchemaNode {
    node.nullable = nullable;
    if (typeof schema.format === 'string') node.format = schema.format;
    if (typeof schema.title === 'string') node.title = schema.title;
    if (typeof schema.description === 'string') node.description = schema.description;
    node.deprecated = schema.deprecated === true;
    node.readOnly = schema.readOnly === true;
    node.writeOnly = schema.writeOnly === true;
    if ('default' in schema) node.default = sortKeys(schema.default);
    if ('example' in schema) node.example = sortKeys(schema.example);
    else if (Array.isArray(schema.examples) && schema.examples.length > 0) node.example = sortKeys(schema.examples[0]);
    for (const keyword of CONSTRAINTS) if (keyword in schema) node.constraints[keyword] = sortKeys(schema[keyword]);
    return node;
  }
}

function emptyNode(kind: SchemaKind, pointer: string): SchemaNode {
  return { kind, nullable: false, deprecated: false, readOnly: false, writeOnly: false, constraints: {}, pointer };
}

function typeList(schema: Record<string, unknown>): string[] {
  const type = schema.type;
  const list = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
  return list.filter((entry) => SIMPLE_TYPES.has(entry));
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
function nameFromPointer(pointer: string, fallback: string): string {
  const tokens = parsePointer(pointer).filter((token) => !/^(schema|properties|items|content|\d+)$/.test(token) && !token.includes('/'));
  const last = tokens.at(-1);
  return last && last !== 'definitions' ? last : fallback;
}
