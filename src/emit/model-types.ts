import { assignUniqueNames } from '../model/names.js';
import type { ApiModel, SchemaModel, SchemaNode } from '../model/types.js';
import { printTypeAlias } from './layout.js';
import { isDateTime, typeTree, type Direction } from './type-expressions.js';

/**
 * The type declarations for the schemas of an API, shared by the targets that emit a models file
 * (SDK and handlers). A schema gets a second, request-side type
 * (`PetInput`) only when it differs there: it has `readOnly`/`writeOnly` properties (or, with
 * `dates`, `date-time` strings: `Date` in responses, `Date | string` in requests), or refers to a
 * schema that does.
 */
export function planModelTypes(
  model: ApiModel,
  options: { dates?: boolean } = {},
): {
  /** `export type` declarations, printed. */
  declarations: string[];
  refName: (typeName: string, direction: Direction) => string;
  /** With `dates`, the schemas that hold `date-time` strings, themselves or in the schemas they refer to. */
  withDates: ReadonlySet<string>;
} {
  const byName = new Map(model.schemas.map((schema) => [schema.typeName, schema]));
  const dates = options.dates ?? false;
  const { directional, withDates } = scanSchemas(model.schemas, byName, dates);
  const differs = dates ? new Set([...directional, ...withDates]) : directional;
  const inputNames = assignUniqueNames(
    [...differs].sort().map((typeName) => ({ key: typeName, identifier: `${typeName}Input` })),
    model.schemas.map((schema) => schema.typeName),
  );
  const refName = (typeName: string, direction: Direction) => (direction === 'request' ? (inputNames.get(typeName) ?? typeName) : typeName);
  const declarations: string[] = [];
  for (const schema of model.schemas) {
    const description = schema.schema.description ?? schema.schema.title;
    declarations.push(
      printTypeAlias(schema.typeName, typeTree(schema.schema, { direction: 'response', refName, schemas: byName, dates }), description),
    );
    const input = inputNames.get(schema.typeName);
    if (input) {
      declarations.push(
        printTypeAlias(
          input,
          typeTree(schema.schema, { direction: 'request', refName, schemas: byName, dates }),
          dates && withDates.has(schema.typeName) && !directional.has(schema.typeName)
            ? `${schema.typeName} as sent in requests (dates as \`Date\`s or strings).`
            : `${schema.typeName} as sent in requests (without read-only properties).`,
        ),
      );
    }
  }
  return { declarations, refName, withDates };
}

/**
 * The schemas that differ on requests (`readOnly`/`writeOnly` properties) and, when `dates` is
 * on, those that hold `date-time` strings: each, or a schema it refers to.
 */
function scanSchemas(
  schemas: readonly SchemaModel[],
  byName: Map<string, SchemaModel>,
  dates: boolean,
): { directional: Set<string>; withDates: Set<string> } {
  const directional = new Set<string>();
  const withDates = new Set<string>();
  // Referring to a schema that differs makes a schema differ too: walk the references backwards.
  const referrers = new Map<string, string[]>();
  for (const schema of schemas) {
    const tree = { directional: false, dates: false, references: new Set<string>() };
    scanTree(schema.schema, tree);
    if (tree.directional) directional.add(schema.typeName);
    if (dates && tree.dates) withDates.add(schema.typeName);
    for (const name of tree.references) {
      if (!byName.has(name)) continue;
      const list = referrers.get(name);
      if (list) list.push(schema.typeName);
      else referrers.set(name, [schema.typeName]);
    }
  }
  return { directional: spread(directional, referrers), withDates: spread(withDates, referrers) };
}

/** The schemas of a set and every schema that refers to one of them, directly or not. */
function spread(seeds: Set<string>, referrers: ReadonlyMap<string, string[]>): Set<string> {
  const queue = [...seeds];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const referrer of referrers.get(name) ?? []) {
      if (seeds.has(referrer)) continue;
      seeds.add(referrer);
      queue.push(referrer);
    }
  }
  return seeds;
}

/**
 * What a schema's own tree holds (not the trees of the schemas it refers to): a `readOnly` or
 * `writeOnly` property, a `date-time` string, and the names it refers to. One walk without
 * callbacks: this visits every node of every schema.
 */
function scanTree(node: SchemaNode, tree: { directional: boolean; dates: boolean; references: Set<string> }): void {
  if (node.kind === 'ref') {
    if (node.ref) tree.references.add(node.ref);
    return;
  }
  if (isDateTime(node)) tree.dates = true;
  const { properties, members } = node;
  if (properties) {
    for (let index = 0; index < properties.length; index++) {
      const schema = properties[index]!.schema;
      if (schema.readOnly || schema.writeOnly) tree.directional = true;
      scanTree(schema, tree);
    }
  }
  if (node.items) scanTree(node.items, tree);
  if (node.prefixItems) for (const item of node.prefixItems) scanTree(item, tree);
  if (members) for (let index = 0; index < members.length; index++) scanTree(members[index]!, tree);
  if (typeof node.additionalProperties === 'object') scanTree(node.additionalProperties, tree);
}
