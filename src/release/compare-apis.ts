import type { ApiModel, MediaTypeModel, OperationModel, ParameterModel, SchemaNode } from '../model/types.js';

/** How much a change breaks callers of a generated SDK: semver's three levels. */
export type ChangeLevel = 'major' | 'minor' | 'patch';

export interface ApiChange {
  level: ChangeLevel;
  /** One line for the changelog. */
  message: string;
}

const RANK: Record<ChangeLevel, number> = { patch: 0, minor: 1, major: 2 };

/** The bump a set of changes needs: the highest level among them (patch when there are none). */
export function bumpFor(changes: readonly ApiChange[]): ChangeLevel {
  return changes.reduce<ChangeLevel>((level, change) => (RANK[change.level] > RANK[level] ? change.level : level), 'patch');
}

/**
 * What changed between two versions of an API, for the callers of its SDK, read from the model
 * (so a moved `$ref` or reordered keys are no change). Removing an operation, a parameter, a
 * field or an enum value, changing a type and adding a required input are major; adding an
 * operation, an optional parameter, a field or a response is minor; documentation is patch.
 * In order: operations by path and method, then named schemas by name.
 */
export function compareApis(previous: ApiModel, next: ApiModel): ApiChange[] {
  const changes: ApiChange[] = [];
  const add = (level: ChangeLevel, message: string) => changes.push({ level, message });
  const before = new Map(previous.operations.map((operation) => [operationKey(operation), operation]));
  const after = new Map(next.operations.map((operation) => [operationKey(operation), operation]));
  for (const key of sortedUnion(before.keys(), after.keys())) {
    const old = before.get(key);
    const current = after.get(key);
    if (!current) add('major', `removed operation ${old!.label}`);
    else if (!old) add('minor', `added operation ${current.label}`);
    else compareOperations(old, current, add);
  }
  const oldSchemas = new Map(previous.schemas.map((schema) => [schema.typeName, schema]));
  const newSchemas = new Map(next.schemas.map((schema) => [schema.typeName, schema]));
  for (const name of sortedUnion(oldSchemas.keys(), newSchemas.keys())) {
    const old = oldSchemas.get(name);
    const current = newSchemas.get(name);
    if (!current) add('major', `removed schema ${name}`);
    else if (!old) add('minor', `added schema ${name}`);
    else compareSchemas(old.schema, current.schema, `schema ${name}`, add);
  }
  if (previous.title !== next.title || previous.description !== next.description) add('patch', 'updated the API description');
  return changes;
}

type Add = (level: ChangeLevel, message: string) => void;

function operationKey(operation: OperationModel): string {
  return `${operation.path} ${operation.method}`;
}

function compareOperations(old: OperationModel, current: OperationModel, add: Add): void {
  const label = current.label;
  if (old.summary !== current.summary || old.description !== current.description) add('patch', `updated the description of ${label}`);
  if (!old.deprecated && current.deprecated) add('minor', `deprecated ${label}`);
  const oldParameters = new Map(allParameters(old).map((parameter) => [parameterKey(parameter), parameter]));
  const newParameters = new Map(allParameters(current).map((parameter) => [parameterKey(parameter), parameter]));
  for (const key of sortedUnion(oldParameters.keys(), newParameters.keys())) {
    const before = oldParameters.get(key);
    const after = newParameters.get(key);
    const where = `${key} parameter of ${label}`;
    if (!after) add('major', `removed the ${where}`);
    else if (!before) add(after.required ? 'major' : 'minor', `added the ${after.required ? 'required' : 'optional'} ${where}`);
    else {
      if (!before.required && after.required) add('major', `made the ${where} required`);
      if (before.required && !after.required) add('minor', `made the ${where} optional`);
      if (before.description !== after.description) add('patch', `updated the description of the ${where}`);
      compareSchemas(before.schema, after.schema, `the ${where}`, add);
    }
  }
  const where = `the request body of ${label}`;
  if (old.requestBody && !current.requestBody) add('major', `removed ${where}`);
  else if (!old.requestBody && current.requestBody) {
    add(
      current.requestBody.required ? 'major' : 'minor',
      `added ${current.requestBody.required ? 'a required' : 'an optional'} request body to ${label}`,
    );
  } else if (old.requestBody && current.requestBody) {
    if (!old.requestBody.required && current.requestBody.required) add('major', `made ${where} required`);
    compareContent(old.requestBody.content, current.requestBody.content, where, add);
  }
  const oldResponses = new Map(old.responses.map((response) => [response.status, response]));
  const newResponses = new Map(current.responses.map((response) => [response.status, response]));
  for (const status of sortedUnion(oldResponses.keys(), newResponses.keys())) {
    const before = oldResponses.get(status);
    const after = newResponses.get(status);
    const response = `the ${status} response of ${label}`;
    if (!after) add('major', `removed ${response}`);
    else if (!before) add('minor', `added ${response}`);
    else {
      if (before.description !== after.description) add('patch', `updated the description of ${response}`);
      compareContent(before.content, after.content, response, add);
    }
  }
}

function allParameters(operation: OperationModel): ParameterModel[] {
  const { path, query, header, cookie } = operation.parameters;
  return [...path, ...query, ...header, ...cookie];
}

function parameterKey(parameter: ParameterModel): string {
  return `${parameter.in} ${parameter.name}`;
}

function compareContent(old: MediaTypeModel[], current: MediaTypeModel[], where: string, add: Add): void {
  const before = new Map(old.map((media) => [media.mediaType, media]));
  const after = new Map(current.map((media) => [media.mediaType, media]));
  for (const type of sortedUnion(before.keys(), after.keys())) {
    const oldMedia = before.get(type);
    const newMedia = after.get(type);
    if (!newMedia) add('major', `removed ${type} from ${where}`);
    else if (!oldMedia) add('minor', `added ${type} to ${where}`);
    else if (oldMedia.schema && newMedia.schema) compareSchemas(oldMedia.schema, newMedia.schema, `${where} (${type})`, add);
  }
}

/** Schemas compared node by node; named schemas are compared once, by name, so `ref` nodes compare their targets' names only. */
function compareSchemas(old: SchemaNode, current: SchemaNode, where: string, add: Add): void {
  if (old.kind !== current.kind || old.ref !== current.ref) {
    add('major', `changed the type of ${where}`);
    return;
  }
  if (old.description !== current.description || old.title !== current.title) add('patch', `updated the description of ${where}`);
  if (!old.nullable && current.nullable) add('major', `made ${where} nullable`);
  if (old.format !== current.format) add('major', `changed the format of ${where}`);
  if (old.enum || current.enum) {
    const before = new Set((old.enum ?? []).map((value) => JSON.stringify(value)));
    const after = new Set((current.enum ?? []).map((value) => JSON.stringify(value)));
    const removed = [...before].filter((value) => !after.has(value));
    const added = [...after].filter((value) => !before.has(value));
    if (removed.length > 0 || (old.enum && !current.enum))
      add('major', `removed ${removed.join(', ') || 'the allowed values'} from ${where}`);
    if (added.length > 0 && old.enum) add('minor', `added ${added.join(', ')} to ${where}`);
  }
  const oldProperties = new Map((old.properties ?? []).map((property) => [property.name, property]));
  const newProperties = new Map((current.properties ?? []).map((property) => [property.name, property]));
  for (const name of sortedUnion(oldProperties.keys(), newProperties.keys())) {
    const before = oldProperties.get(name);
    const after = newProperties.get(name);
    const field = `field ${name} of ${where}`;
    if (!after) add('major', `removed ${field}`);
    else if (!before) add(after.required ? 'major' : 'minor', `added the ${after.required ? 'required' : 'optional'} ${field}`);
    else {
      if (before.required !== after.required) add('major', `made ${field} ${after.required ? 'required' : 'optional'}`);
      compareSchemas(before.schema, after.schema, field, add);
    }
  }
  if (old.items && current.items) compareSchemas(old.items, current.items, `the items of ${where}`, add);
  const oldMembers = old.members ?? [];
  const newMembers = current.members ?? [];
  if (oldMembers.length !== newMembers.length) add('major', `changed the alternatives of ${where}`);
  else oldMembers.forEach((member, index) => compareSchemas(member, newMembers[index]!, `alternative ${index + 1} of ${where}`, add));
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}
