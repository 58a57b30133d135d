import { typeExpression, type Direction } from '../../emit/type-expressions.js';
import { assignUniqueNames } from '../../model/names.js';
import type { ApiModel, SchemaModel, SchemaNode } from '../../model/types.js';

/** One `export type` of the models file. */
export interface TypeDeclarationView {
  name: string;
  type: string;
  description?: string;
}

/**
 * The type declarations for the schemas of an API. A schema gets a second, request-side type
 * (`PetInput`) only when it differs there: it has `readOnly`/`writeOnly` properties, or refers
 * to a schema that does.
 */
export function planModelTypes(model: ApiModel): {
  declarations: TypeDeclarationView[];
  refName: (typeName: string, direction: Direction) => string;
} {
  const byName = new Map(model.schemas.map((schema) => [schema.typeName, schema]));
  const differs = schemasDifferingOnRequests(model.schemas, byName);
  const inputNames = assignUniqueNames(
    [...differs].sort().map((typeName) => ({ key: typeName, identifier: `${typeName}Input` })),
    model.schemas.map((schema) => schema.typeName),
  );
  const refName = (typeName: string, direction: Direction) => (direction === 'request' ? (inputNames.get(typeName) ?? typeName) : typeName);
  const declarations: TypeDeclarationView[] = [];
  for (const schema of model.schemas) {
    const description = schema.schema.description ?? schema.schema.title;
    declarations.push({
      name: schema.typeName,
      type: typeExpression(schema.schema, { direction: 'response', refName }),
      ...(description ? { description } : {}),
    });
    const input = inputNames.get(schema.typeName);
    if (input) {
      declarations.push({
        name: input,
        type: typeExpression(schema.schema, { direction: 'request', refName }),
        description: `${schema.typeName} as sent in requests (without read-only properties).`,
      });
    }
  }
  return { declarations, refName };
}

function schemasDifferingOnRequests(schemas: readonly SchemaModel[], byName: Map<string, SchemaModel>): Set<string> {
  const differs = new Set(schemas.filter((schema) => hasDirectionalProperty(schema.schema)).map((schema) => schema.typeName));
  // Referring to a schema that differs makes a schema differ too: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const schema of schemas) {
      if (differs.has(schema.typeName)) continue;
      if (references(schema.schema).some((name) => differs.has(name) && byName.has(name))) {
        differs.add(schema.typeName);
        changed = true;
      }
    }
  }
  return differs;
}

function children(node: SchemaNode): SchemaNode[] {
  const extra = typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
  return [
    ...(node.properties ?? []).map((property) => property.schema),
    ...(node.items ? [node.items] : []),
    ...(node.members ?? []),
    ...extra,
  ];
}

function hasDirectionalProperty(node: SchemaNode): boolean {
  if (node.kind === 'ref') return false;
  if ((node.properties ?? []).some((property) => property.schema.readOnly || property.schema.writeOnly)) return true;
  return children(node).some(hasDirectionalProperty);
}

function references(node: SchemaNode): string[] {
  if (node.kind === 'ref') return node.ref ? [node.ref] : [];
  return children(node).flatMap(references);
}
