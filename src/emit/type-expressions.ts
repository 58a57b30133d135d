import type { SchemaNode } from '../model/types.js';
import { isIdentifier } from '../model/names.js';

/**
 * TypeScript type expressions for schema nodes, shared by every target that emits types (SDK
 * and handlers). Computed here, in tested code, never in templates.
 */

/** Which side of the wire a type describes: `readOnly` properties exist only in responses, `writeOnly` ones only in requests. */
export type Direction = 'request' | 'response';

export interface TypeOptions {
  direction: Direction;
  /** The name a referenced schema has on this side (for example `PetInput` for requests). */
  refName?: (typeName: string, direction: Direction) => string;
}

const BINARY = 'Blob | ArrayBuffer | Uint8Array';

/** The TypeScript type of a schema node. */
export function typeExpression(node: SchemaNode, options: TypeOptions): string {
  const base = baseExpression(node, options);
  return node.nullable && base !== 'unknown' && base !== 'null' ? `${parenthesize(base)} | null` : base;
}

function baseExpression(node: SchemaNode, options: TypeOptions): string {
  if (node.kind === 'ref') return node.ref === undefined ? 'unknown' : (options.refName?.(node.ref, options.direction) ?? node.ref);
  if (node.enum) return enumExpression(node, options);
  switch (node.kind) {
    case 'string':
      return node.format === 'binary' ? BINARY : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${node.items ? typeExpression(node.items, options) : 'unknown'}>`;
    case 'object':
      return objectExpression(node, options);
    case 'allOf':
      return join(node.members ?? [], ' & ', options);
    case 'oneOf':
    case 'anyOf':
      return join(node.members ?? [], ' | ', options);
    default:
      return 'unknown';
  }
}

function join(members: readonly SchemaNode[], separator: string, options: TypeOptions): string {
  if (members.length === 0) return 'unknown';
  const parts = [...new Set(members.map((member) => parenthesize(typeExpression(member, options))))];
  return parts.join(separator);
}

function enumExpression(node: SchemaNode, options: TypeOptions): string {
  const values = node.enum ?? [];
  if (values.length === 0) return 'never';
  // Literal types exist for strings, numbers, booleans and null; anything else keeps its kind.
  if (!values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))) {
    return baseExpression({ ...node, enum: undefined }, options);
  }
  return [...new Set(values.map((value) => (typeof value === 'string' ? stringLiteral(value) : String(value))))].join(' | ');
}

function objectExpression(node: SchemaNode, options: TypeOptions): string {
  const properties = (node.properties ?? []).filter((property) =>
    options.direction === 'request' ? !property.schema.readOnly : !property.schema.writeOnly,
  );
  const extra = node.additionalProperties;
  if (properties.length === 0) {
    if (extra === false) return 'Record<string, never>';
    return `Record<string, ${typeof extra === 'object' ? typeExpression(extra, options) : 'unknown'}>`;
  }
  const members = properties.map((property) => {
    const optional = property.required ? '' : '?';
    const doc = property.schema.description ? `${jsDocComment(property.schema.description)} ` : '';
    return `${doc}${propertyKey(property.name)}${optional}: ${typeExpression(property.schema, options)};`;
  });
  // Only an explicit `additionalProperties` opens the type: unsaid, misspelt properties stay errors.
  // Declared properties must fit an index signature, so extra properties are typed `unknown`.
  if (extra !== undefined && extra !== false) members.push('[key: string]: unknown;');
  return `{ ${members.join(' ')} }`;
}

function parenthesize(expression: string): string {
  return /^[\w$.<>, [\]]+$/.test(expression) || /^\{.*\}$/.test(expression) || /^"[^"]*"$/.test(expression)
    ? expression
    : `(${expression})`;
}

/** A TypeScript string literal for any text: JSON escaping is valid TS and covers quotes, backslashes and line breaks. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A property key: bare when it is an identifier, quoted otherwise (`'content-type'`, `__proto__`). */
export function propertyKey(name: string): string {
  return isIdentifier(name) && name !== '__proto__' ? name : stringLiteral(name);
}

/** A JSDoc comment for text from the document: `*\/` cannot end it early. */
export function jsDocComment(text: string): string {
  const safe = text.replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n').trim();
  return safe.includes('\n')
    ? `/**\n${safe
        .split('\n')
        .map((line) => ` * ${line}`.trimEnd())
        .join('\n')}\n */`
    : `/** ${safe} */`;
}
