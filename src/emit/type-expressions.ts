import type { SchemaModel, SchemaNode } from '../model/types.js';
import { atom, numberLiteral, propertyKey, stringLiteral, type TypeMember, type TypeTree } from './layout.js';

/**
 * TypeScript types for schema nodes, shared by every target that emits types (SDK and
 * handlers). Computed here, in tested code, never in templates; `layout.ts` prints them.
 */

/** Which side of the wire a type describes: `readOnly` properties exist only in responses, `writeOnly` ones only in requests. */
export type Direction = 'request' | 'response';

export interface TypeOptions {
  direction: Direction;
  /** The name a referenced schema has on this side (for example `PetInput` for requests). */
  refName?: (typeName: string, direction: Direction) => string;
  /** The named schemas, by type name: where the `default` of a referenced schema is found for JSDoc. */
  schemas?: ReadonlyMap<string, SchemaModel>;
  /** `format: date-time` strings are `Date`s in responses and `Date | string` in requests (the SDK's `dates` option). */
  dates?: boolean;
}

const UNKNOWN = atom('unknown');
const NULL = atom('null');

/** What a binary body may be: read as a Blob, sent as any of these. */
export const BINARY: TypeTree = union([atom('Blob'), atom('ArrayBuffer'), atom('Uint8Array')]);

/** The TypeScript type of a schema node. */
export function typeTree(node: SchemaNode, options: TypeOptions): TypeTree {
  const base = baseTree(node, options);
  return node.nullable && !isAtom(base, 'unknown') ? union([base, NULL]) : base;
}

/** True for a `format: date-time` string (not an enum's literals): a `Date` with the SDK's `dates` option. */
export function isDateTime(node: SchemaNode): boolean {
  return node.kind === 'string' && node.format === 'date-time' && node.enum === undefined;
}

/** Members flattened (`A | (B | C)` is `A | B | C`) and deduplicated; one member is the member itself. */
export function union(members: readonly TypeTree[]): TypeTree {
  return combine('union', members, atom('never'));
}

/** Members flattened and deduplicated; none is `unknown`, one is the member itself. */
export function intersection(members: readonly TypeTree[]): TypeTree {
  return combine('intersection', members, UNKNOWN);
}

function combine(kind: 'union' | 'intersection', members: readonly TypeTree[], empty: TypeTree): TypeTree {
  const flat = members.flatMap((member) => (member.kind === kind ? member.members : [member]));
  const seen = new Set<string>();
  const unique = flat.filter((member) => {
    if (member.kind !== 'atom') return true;
    if (seen.has(member.text)) return false;
    seen.add(member.text);
    return true;
  });
  // `unknown` absorbs every other member of a union.
  if (kind === 'union' && unique.some((member) => isAtom(member, 'unknown'))) return UNKNOWN;
  if (unique.length === 0) return empty;
  return unique.length === 1 ? unique[0]! : { kind, members: unique };
}

function isAtom(type: TypeTree, text: string): boolean {
  return type.kind === 'atom' && type.text === text;
}

function baseTree(node: SchemaNode, options: TypeOptions): TypeTree {
  if (node.kind === 'ref') return node.ref === undefined ? UNKNOWN : atom(options.refName?.(node.ref, options.direction) ?? node.ref);
  if (node.enum) return enumTree(node, options);
  switch (node.kind) {
    case 'string':
      if (options.dates && isDateTime(node)) return options.direction === 'response' ? atom('Date') : union([atom('Date'), atom('string')]);
      return node.format === 'binary' ? BINARY : atom('string');
    case 'number':
    case 'integer':
      return atom('number');
    case 'boolean':
      return atom('boolean');
    case 'null':
      return NULL;
    case 'array':
      return node.prefixItems
        ? tupleTree(node, node.prefixItems, options)
        : { kind: 'array', element: node.items ? typeTree(node.items, options) : UNKNOWN };
    case 'object':
      return objectTree(node, options);
    case 'allOf':
      return intersection((node.members ?? []).map((member) => typeTree(member, options)));
    case 'oneOf':
    case 'anyOf':
      return union((node.members ?? []).map((member) => discriminated(member, node, options)));
    default:
      return UNKNOWN;
  }
}

/**
 * A member of a union with a discriminator, narrowed to its value of the discriminating
 * property (`Cat & { petType: 'cat' }`), so that checking the property narrows the union.
 * Values come from the mapping, implicit entries included (see the model).
 */
function discriminated(member: SchemaNode, parent: SchemaNode, options: TypeOptions): TypeTree {
  const type = typeTree(member, options);
  const discriminator = parent.discriminator;
  if (!discriminator || member.kind !== 'ref' || member.ref === undefined) return type;
  const values = discriminator.mapping.filter((entry) => entry.ref === member.ref).map((entry) => entry.value);
  if (values.length === 0) return type;
  const tag: TypeMember = { key: propertyKey(discriminator.propertyName), type: union(values.map((value) => atom(stringLiteral(value)))) };
  return intersection([type, { kind: 'object', members: [tag], soft: true }]);
}

/**
 * A tuple from `prefixItems` (JSON Schema 2020-12): elements past `minItems` may be absent, and
 * `items` types the elements after them (none when `items: false`, which makes `never`).
 * @see https://json-schema.org/draft/2020-12/json-schema-core#section-10.3.1.1
 */
function tupleTree(node: SchemaNode, prefixItems: readonly SchemaNode[], options: TypeOptions): TypeTree {
  const minItems = typeof node.constraints.minItems === 'number' ? node.constraints.minItems : 0;
  const elements = prefixItems.map((item, index) => ({ type: typeTree(item, options), ...(index >= minItems ? { optional: true } : {}) }));
  const rest = node.items ? typeTree(node.items, options) : UNKNOWN;
  return { kind: 'tuple', elements, ...(isAtom(rest, 'never') ? {} : { rest }) };
}

function enumTree(node: SchemaNode, options: TypeOptions): TypeTree {
  const values = node.enum ?? [];
  // Literal types exist for strings, numbers, booleans and null; anything else keeps its kind.
  if (!values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))) {
    return baseTree({ ...node, enum: undefined }, options);
  }
  return union(
    values.map((value) =>
      atom(typeof value === 'string' ? stringLiteral(value) : typeof value === 'number' ? numberLiteral(value) : String(value)),
    ),
  );
}

function objectTree(node: SchemaNode, options: TypeOptions): TypeTree {
  const properties = (node.properties ?? []).filter((property) =>
    options.direction === 'request' ? !property.schema.readOnly : !property.schema.writeOnly,
  );
  const extra = node.additionalProperties;
  if (properties.length === 0) {
    // Declared properties that all exist only on the other side leave nothing to send (or read), not any object.
    const closed = extra === false || (extra === undefined && (node.properties?.length ?? 0) > 0);
    if (closed) return { kind: 'generic', name: 'Record', args: [atom('string'), atom('never')] };
    return { kind: 'generic', name: 'Record', args: [atom('string'), typeof extra === 'object' ? typeTree(extra, options) : UNKNOWN] };
  }
  const members: TypeMember[] = properties.map((property) => ({
    key: propertyKey(property.name),
    optional: !property.required,
    type: typeTree(property.schema, options),
    ...docOf(property.schema.description, property.schema, options.schemas),
  }));
  // Only an explicit `additionalProperties` opens the type: unsaid, misspelt properties stay errors.
  // Declared properties must fit an index signature, so extra properties are typed `unknown`.
  if (extra !== undefined && extra !== false) members.push({ key: '[key: string]', type: UNKNOWN });
  return { kind: 'object', members };
}

/**
 * The JSDoc of a property or parameter: its description, and the value it takes when absent
 * (`@default`, as the document writes it in JSON).
 */
export function docOf(description: string | undefined, schema: SchemaNode, schemas?: ReadonlyMap<string, SchemaModel>): { doc?: string } {
  const target = schema.kind === 'ref' && schema.ref !== undefined ? schemas?.get(schema.ref)?.schema : undefined;
  const fallback = schema.default ?? target?.default;
  const parts = [...(description ? [description] : []), ...(fallback !== undefined ? [`@default ${JSON.stringify(fallback)}`] : [])];
  return parts.length > 0 ? { doc: parts.join('\n\n') } : {};
}
