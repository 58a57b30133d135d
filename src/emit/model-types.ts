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
    declarations.push(printTypeAlias(schema.typeName, typeTree(schema.schema, { direction: 'response', refName }), description));
    const input = inputNames.get(schema.typeName);
    if (input) {
      declarations.push(
        printTypeAlias(
          input,
          typeTree(schema.schema, { direction: 'request', refName }),
          `${schema.typeName} as sent in requests (without read-only properties).`,
        ),
      );
    }
  }
  return { declarations, refName };
}

function schemasDifferingOnRequests(schemas: readonly SchemaModel[], byName: Map<string, SchemaModel>): Set<string> {
  const differs = new Set(schemas.filter((schema) => hasDirectionalProperty(schema.schema)).map((schema) => schema.typeName));
  // Referring to a schema that differs makes a schema differ too: walk the references backwards.
  const referrers = new Map<string, string[]>();
  for (const schema of schemas) {
    for (const name of references(schema.schema)) {
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

/** Calls `visit` on each node directly under `node`. */
function forEachChild(node: SchemaNode, visit: (child: SchemaNode) => void): void {
  for (const property of node.properties ?? []) visit(property.schema);
  if (node.items) visit(node.items);
  for (const member of node.members ?? []) visit(member);
  if (typeof node.additionalProperties === 'object') visit(node.additionalProperties);
}

function hasDirectionalProperty(node: SchemaNode): boolean {
  if (node.kind === 'ref') return false;
  if ((node.properties ?? []).some((property) => property.schema.readOnly || property.schema.writeOnly)) return true;
  let found = false;
  forEachChild(node, (child) => (found ||= hasDirectionalProperty(child)));
  return found;
}

/** The schemas a node refers to, by type name. */
function references(node: SchemaNode, into = new Set<string>()): Set<string> {
  if (node.kind === 'ref') {
    if (node.ref) into.add(node.ref);
    return into;
  }
  forEachChild(node, (child) => references(child, into));
  return into;
}
