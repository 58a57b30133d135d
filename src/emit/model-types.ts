import { assignUniqueNames } from '../model/names.js';
import type { ApiModel, SchemaModel, SchemaNode } from '../model/types.js';
import { printTypeAlias } from './layout.js';
import { typeTree, type Direction } from './type-expressions.js';

/**
 * The type declarations for the schemas of an API, shared by the targets that emit a models file
 * (SDK and handlers). A schema gets a second, request-side type
 * (`PetInput`) only when it differs there: it has `readOnly`/`writeOnly` properties, or refers
 * to a schema that does.
 */
export function planModelTypes(model: ApiModel): {
  /** `export type` declarations, printed. */
  declarations: string[];
  refName: (typeName: string, direction: Direction) => string;
} {
  const byName = new Map(model.schemas.map((schema) => [schema.typeName, schema]));
  const differs = schemasDifferingOnRequests(model.schemas, byName);
  const inputNames = assignUniqueNames(
    [...differs].sort().map((typeName) => ({ key: typeName, identifier: `${typeName}Input` })),
    model.schemas.map((schema) => schema.typeName),
  );
  const refName = (typeName: string, direction: Direction) => (direction === 'request' ? (inputNames.get(typeName) ?? typeName) : typeName);
  const declarations: string[] = [];
  for (const schema of model.schemas) {
    const description = schema.schema.description ?? schema.schema.title;
    declarations.push(
      printTypeAlias(schema.typeName, typeTree(schema.schema, { direction: 'response', refName, schemas: byName }), description),
    );
    const input = inputNames.get(schema.typeName);
    if (input) {
      declarations.push(
        printTypeAlias(
          input,
          typeTree(schema.schema, { direction: 'request', refName, schemas: byName }),
          `${schema.typeName} as sent in requests (without read-only properties).`,
        ),
      );
    }
  }
  return { declarations, refName };
}

function schemasDifferingOnRequests(schemas: readonly SchemaModel[], byName: Map<string, SchemaModel>): Set<string> {
  const differs = new Set<string>();
  // Referring to a schema that differs makes a schema differ too: walk the references backwards.
  const referrers = new Map<string, string[]>();
  for (const schema of schemas) {
    const tree = { directional: false, references: new Set<string>() };
    scanTree(schema.schema, tree);
    if (tree.directional) differs.add(schema.typeName);
    for (const name of tree.references) {
      if (!byName.has(name)) continue;
      const list = referrers.get(name);
      if (list) list.push(schema.typeName);
      else referrers.set(name, [schema.typeName]);
    }
  }
  const queue = [...differs];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const referrer of referrers.get(name) ?? []) {
      if (differs.has(referrer)) continue;
      differs.add(referrer);
      queue.push(referrer);
    }
  }
  return differs;
}

/**
 * What a schema's own tree holds (not the trees of the schemas it refers to): a `readOnly` or
 * `writeOnly` property, and the names it refers to. One walk without callbacks: this visits every
 * node of every schema.
 */
function scanTree(node: SchemaNode, tree: { directional: boolean; references: Set<string> }): void {
  if (node.kind === 'ref') {
    if (node.ref) tree.references.add(node.ref);
    return;
  }
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
