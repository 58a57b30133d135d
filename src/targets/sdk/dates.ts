import { CodeValue, jsDocComment, PRINT_WIDTH, printValue } from '../../emit/layout.js';
import { isDateTime } from '../../emit/type-expressions.js';
import type { ApiModel, OperationModel, SchemaNode } from '../../model/types.js';

/**
 * The SDK's `dates` option: where success bodies hold `format: date-time` strings, which the
 * client turns into `Date`s (`runtime/dates.ts` reads the shapes planned here), and which
 * operations take `Date`s in their parameters. The shapes agree with the types: a node is a
 * `Date` in a type exactly when `isDateTime` says so, and every such node is in its shape.
 */

/** A `DateShape` of `runtime/dates.ts` as printed: named schemas' shapes are code (`Pet`, `Dates.Pet`). */
type ShapeValue = CodeValue | Record<string, unknown>;

/** The shape of a `date-time` string: the `Date` constructor. */
const DATE = new CodeValue('Date');

/**
 * The shape of a schema node, or undefined when it holds no date. `named` prints the shape of a
 * named schema (one of `withDates`). The members of a union are all applied, except when a
 * discriminator with a mapping tells them apart: a union without one whose members give a
 * property different formats gets `Date`s where any member says `date-time`.
 */
function dateShape(
  node: SchemaNode,
  context: { withDates: ReadonlySet<string>; named: (typeName: string) => string },
): ShapeValue | undefined {
  const inner = (child: SchemaNode) => dateShape(child, context);
  if (node.kind === 'ref')
    return node.ref !== undefined && context.withDates.has(node.ref) ? new CodeValue(context.named(node.ref)) : undefined;
  if (isDateTime(node)) return DATE;
  if (node.enum) return undefined;
  switch (node.kind) {
    case 'array': {
      const items = node.items ? inner(node.items) : undefined;
      const prefix = node.prefixItems?.map((item) => inner(item) ?? null);
      const tuple = prefix?.some((item) => item !== null) ? prefix : undefined;
      return items || tuple ? { ...(items ? { items } : {}), ...(tuple ? { prefix: tuple } : {}) } : undefined;
    }
    case 'object': {
      const properties = entries((node.properties ?? []).map((property) => [property.name, inner(property.schema)]));
      const additional = typeof node.additionalProperties === 'object' ? inner(node.additionalProperties) : undefined;
      return properties || additional ? { ...(properties ? { properties } : {}), ...(additional ? { additional } : {}) } : undefined;
    }
    case 'allOf':
    case 'oneOf':
    case 'anyOf': {
      const members = node.members ?? [];
      const discriminator = node.discriminator;
      if (node.kind !== 'allOf' && discriminator && members.every((member) => member.kind === 'ref')) {
        const named = (ref: string) => (context.withDates.has(ref) ? new CodeValue(context.named(ref)) : undefined);
        const by = entries(discriminator.mapping.map(({ value, ref }) => [value, named(ref)]));
        return by ? { tag: discriminator.propertyName, by } : undefined;
      }
      const each = members.map(inner).filter((shape) => shape !== undefined);
      return each.length > 1 ? { each } : each[0];
    }
    default:
      return undefined;
  }
}

/** Keys and shapes as an object, those without dates left out; undefined when none is left. */
function entries(pairs: readonly [string, ShapeValue | undefined][]): Record<string, ShapeValue> | undefined {
  const kept = pairs.filter((pair): pair is [string, ShapeValue] => pair[1] !== undefined);
  // Object.fromEntries defines own properties, `__proto__` included.
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The declarations of `dates.gen.ts`: one function per schema that holds dates, returning its shape. */
export function planDateShapes(model: ApiModel, withDates: ReadonlySet<string>): string[] {
  const context = { withDates, named: (typeName: string) => typeName };
  return model.schemas
    .filter((schema) => withDates.has(schema.typeName))
    .map((schema) => {
      const shape = dateShape(schema.schema, context)!;
      const doc = jsDocComment(`Where \`${schema.typeName}\` holds \`date-time\` strings.`, 0);
      return `${doc}\nexport function ${schema.typeName}(): DateShape {\n  return ${printValue(shape, 2, '  return '.length, 1)};\n}`;
    });
}

/**
 * The `revive` function of an operation's spec, printed at the indentation of the spec's
 * properties, laid out as Prettier prints it (undefined when the body holds no dates), and
 * whether it names the shape of a schema (`Dates.Pet`, imported from `dates.gen.ts`).
 */
export function reviveCode(
  node: SchemaNode,
  withDates: ReadonlySet<string>,
  indent: number,
): { code: CodeValue; named: boolean } | undefined {
  let named = false;
  const shape = dateShape(node, {
    withDates,
    named: (typeName) => {
      named = true;
      return `Dates.${typeName}`;
    },
  });
  if (shape === undefined) return undefined;
  const head = '(body) =>';
  const flat = `${head} reviveDates(body, ${printValue(shape, indent, 0, 0)})`;
  if (shape instanceof CodeValue && indent + 'revive: '.length + flat.length + 1 <= PRINT_WIDTH) {
    return { code: new CodeValue(flat), named };
  }
  const pad = ' '.repeat(indent + 2);
  return { code: new CodeValue(`${head}\n${pad}reviveDates(body, ${printValue(shape, indent + 2, 0, 0)})`), named };
}

/** True when a request of the operation may carry `Date`s: a parameter or its body holds `date-time` strings. */
export function takesDates(operation: OperationModel, withDates: ReadonlySet<string>): boolean {
  const context = { withDates, named: (typeName: string) => typeName };
  const { path, query, header } = operation.parameters;
  const nodes = [...path, ...query, ...header].map((parameter) => parameter.schema);
  for (const media of operation.requestBody?.content ?? []) if (media.schema) nodes.push(media.schema);
  return nodes.some((node) => dateShape(node, context) !== undefined);
}
