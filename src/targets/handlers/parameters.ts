import { atom, type TypeTree } from '../../emit/layout.js';
import { typeTree, type TypeOptions } from '../../emit/type-expressions.js';
import type { ParameterModel, SchemaModel, SchemaNode } from '../../model/types.js';
import type { ParameterSpec, ScalarType } from '../../runtime/handlers/route-spec.js';

/**
 * How the router converts a parameter's text, and the type the operation sees, computed
 * together so that they always agree: scalars and lists of scalars are converted (and checked
 * against their enum); any other schema stays text.
 */
export interface ParameterPlan {
  spec: ParameterSpec;
  type: TypeTree;
}

export interface ValueOptions {
  schemas: SchemaLookup;
  refName: NonNullable<TypeOptions['refName']>;
}

export function planParameter(parameter: ParameterModel, options: ValueOptions): ParameterPlan {
  const value = planValue(parameter.schema, options);
  const spec: ParameterSpec = { name: parameter.name, in: parameter.in, type: value.type };
  if (value.array) {
    spec.array = true;
    if (parameter.in === 'query' && !parameter.explode) spec.joined = true;
  }
  if (parameter.required) spec.required = true;
  if (value.enum) spec.enum = value.enum;
  const fallback =
    parameter.in === 'query' || parameter.in === 'header' ? defaultValue(parameter.schema, value, options.schemas) : undefined;
  if (fallback !== undefined && !parameter.required) spec.default = fallback;
  return { spec, type: value.tree };
}

/**
 * The schema's `default` when it is a value of the type the router converts to (a scalar of that
 * type, one of the enum, or a list of them for lists); other defaults are left out.
 */
function defaultValue(schema: SchemaNode, value: ValuePlan, schemas: SchemaLookup): ParameterSpec['default'] {
  const fallback = resolveSchema(schema, schemas).node.default;
  const fits = (item: unknown): item is string | number | boolean => {
    if (value.enum) return value.enum.some((allowed) => allowed === item);
    if (value.type === 'integer') return Number.isSafeInteger(item);
    return typeof item === value.type;
  };
  if (value.array) return Array.isArray(fallback) && fallback.every(fits) ? fallback : undefined;
  return fits(fallback) ? fallback : undefined;
}

/** A value sent as text (a parameter or header): its scalar type, whether it is a list, its allowed values and its TypeScript type. */
export interface ValuePlan {
  type: ScalarType;
  array: boolean;
  enum?: (string | number | boolean)[];
  tree: TypeTree;
}

export function planValue(schema: SchemaNode, options: ValueOptions): ValuePlan {
  const resolved = resolveSchema(schema, options.schemas);
  const element = resolved.node.kind === 'array' && resolved.node.items ? resolveSchema(resolved.node.items, options.schemas) : undefined;
  const scalar = scalarPlan(element ?? resolved, options.refName);
  if (!scalar) return { type: 'string', array: false, tree: atom('string') };
  return { ...scalar, array: element !== undefined, tree: element ? { kind: 'array', element: scalar.tree } : scalar.tree };
}

export type SchemaLookup = ReadonlyMap<string, SchemaModel>;

/** A node with its `$ref`s followed (and the last schema name on the way, for enum types). */
interface Resolved {
  node: SchemaNode;
  ref?: string;
}

function resolveSchema(node: SchemaNode, schemas: SchemaLookup): Resolved {
  let current: Resolved = { node };
  // A chain of references ends at a schema that is not one; a cycle of references is cut short.
  for (let depth = 0; current.node.kind === 'ref' && current.node.ref !== undefined && depth < 32; depth++) {
    const target = schemas.get(current.node.ref);
    if (!target) break;
    current = { node: target.schema, ref: current.node.ref };
  }
  return current;
}

const SCALARS: Partial<Record<SchemaNode['kind'], ScalarType>> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
};

function scalarPlan(resolved: Resolved, refName: ValueOptions['refName']): Omit<ValuePlan, 'array'> | undefined {
  const type = SCALARS[resolved.node.kind];
  if (!type) return undefined;
  const values = (resolved.node.enum ?? []).filter((value) => value !== null);
  if (values.length === 0 || !values.every((value) => ['string', 'number', 'boolean'].includes(typeof value))) {
    return { type, tree: atom(type === 'integer' ? 'number' : type) };
  }
  // The schema's own type name when it has one (`Models.Mode`), else the literal union.
  const tree = resolved.ref
    ? atom(refName(resolved.ref, 'request'))
    : typeTree({ ...resolved.node, nullable: false }, { direction: 'request', refName });
  return { type, tree, enum: values as (string | number | boolean)[] };
}
