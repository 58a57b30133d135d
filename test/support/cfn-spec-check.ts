import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type { PropertyType, Resource, SpecDatabase, TypeDefinition } from '@aws-cdk/service-spec-types';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Checks a CloudFormation template against the current CloudFormation resource model
 * (`@aws-cdk/aws-service-spec`): every resource type exists, its properties have the names,
 * types and allowed values the model gives and the required ones are there (one ajv schema per
 * resource type, built from the model), and every `Ref`, `Fn::GetAtt`, `Fn::Sub` variable,
 * condition and `DependsOn` names something the template defines, with `GetAtt` attributes the
 * model lists and `Ref`s to resources of the type a property expects.
 */

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);
const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Resources',
  'Outputs',
]);
const INTRINSIC = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  propertyNames: { pattern: '^(Ref|Fn::[A-Za-z]+)$' },
} as const;

type Template = Record<string, unknown> & { Resources?: Record<string, { Type?: string; Properties?: unknown; DependsOn?: unknown }> };

export interface CfnSpecChecker {
  /** Problems found in a template, as `path: message`; empty when it passes. */
  check(template: Template): string[];
  /** How many resource types the model holds (a sanity check that it loaded). */
  resourceTypeCount: number;
}

export async function createCfnSpecChecker(): Promise<CfnSpecChecker> {
  const db = await loadAwsServiceSpec();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map<string, { resource: Resource; validate: ValidateFunction }>();
  const resourceFor = (type: string) => {
    let entry = validators.get(type);
    if (!entry) {
      const resource = db.lookup('resource', 'cloudFormationType', 'equals', type).only();
      entry = { resource, validate: ajv.compile(resourceSchema(db, resource)) };
      validators.set(type, entry);
    }
    return entry;
  };
  return {
    resourceTypeCount: db.all('resource').length,
    check(template) {
      const problems: string[] = [];
      for (const section of Object.keys(template)) if (!SECTIONS.has(section)) problems.push(`/${section}: not a template section`);
      const resources = template.Resources ?? {};
      const parameters = Object.keys((template.Parameters as object | undefined) ?? {});
      const conditions = Object.keys((template.Conditions as object | undefined) ?? {});
      const typeOf = (id: string) => resources[id]?.Type;
      for (const [id, resource] of Object.entries(resources)) {
        if (!/^[A-Za-z0-9]{1,255}$/.test(id)) problems.push(`/Resources/${id}: logical ids are letters and digits`);
        let entry;
        try {
          entry = resourceFor(String(resource.Type));
        } catch {
          problems.push(`/Resources/${id}: unknown resource type ${String(resource.Type)}`);
          continue;
        }
        if (!entry.validate(resource.Properties ?? {})) {
          for (const error of entry.validate.errors ?? []) {
            problems.push(
              `/Resources/${id}/Properties${error.instancePath}: ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
            );
          }
        }
        for (const dependency of [resource.DependsOn ?? []].flat()) {
          if (!(String(dependency) in resources)) problems.push(`/Resources/${id}/DependsOn: ${String(dependency)} is not a resource`);
        }
        checkRelationships({
          resource: entry.resource,
          properties: resource.Properties,
          typeOf,
          path: `/Resources/${id}/Properties`,
          problems,
        });
      }
      walkReferences(template, '', (path, reference) => {
        if (reference.kind === 'condition') {
          if (!conditions.includes(reference.name)) problems.push(`${path}: the condition ${reference.name} is not defined`);
          return;
        }
        if (reference.kind === 'ref') {
          if (!PSEUDO_PARAMETERS.has(reference.name) && !parameters.includes(reference.name) && !(reference.name in resources)) {
            problems.push(`${path}: Ref to ${reference.name}, which the template does not define`);
          }
          return;
        }
        if (reference.kind !== 'getAtt') return;
        const type = typeOf(reference.name);
        if (type === undefined) {
          problems.push(`${path}: GetAtt of ${reference.name}, which is not a resource of the template`);
          return;
        }
        const attributes = Object.keys(resourceFor(type).resource.attributes);
        if (!attributes.includes(reference.attribute)) {
          problems.push(`${path}: ${type} has no attribute ${reference.attribute} (it has ${attributes.join(', ')})`);
        }
      });
      return problems;
    },
  };
}

/** The JSON Schema of a resource type's properties, from the model. */
function resourceSchema(db: SpecDatabase, resource: Resource): object {
  const definitions: Record<string, object> = {};
  const typeDefinitions = new Map(db.follow('usesType', resource).map(({ entity }) => [entity.$id, entity] as const));
  const objectSchema = (properties: TypeDefinition['properties']) => ({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, typeSchema(property.type)])),
    required: Object.entries(properties)
      .filter(([, property]) => property.required)
      .map(([name]) => name),
  });
  function typeSchema(type: PropertyType): object {
    switch (type.type) {
      case 'string':
        return { anyOf: [{ type: 'string', ...(type.allowedValues ? { enum: type.allowedValues } : {}) }, INTRINSIC] };
      case 'number':
        return { anyOf: [{ type: 'number' }, INTRINSIC] };
      case 'integer':
        return { anyOf: [{ type: 'integer', ...(type.allowedValues ? { enum: type.allowedValues } : {}) }, INTRINSIC] };
      case 'boolean':
        return { anyOf: [{ type: 'boolean' }, INTRINSIC] };
      case 'date-time':
        return { anyOf: [{ type: 'string' }, INTRINSIC] };
      case 'json':
        return { anyOf: [{ type: 'object' }, { type: 'array' }] };
      case 'null':
        return { type: 'null' };
      case 'tag':
        return {
          type: 'object',
          required: ['Key', 'Value'],
          properties: { Key: { type: 'string' }, Value: { anyOf: [{ type: 'string' }, INTRINSIC] } },
        };
      case 'ref': {
        const definition = typeDefinitions.get(type.reference.$ref);
        if (!definition) throw new Error(`${resource.cloudFormationType}: no type definition ${type.reference.$ref}`);
        if (!(definition.$id in definitions)) {
          definitions[definition.$id] = {};
          definitions[definition.$id] = { anyOf: [objectSchema(definition.properties), INTRINSIC] };
        }
        return { $ref: `#/definitions/${definition.$id}` };
      }
      case 'array':
        return { anyOf: [{ type: 'array', items: typeSchema(type.element) }, INTRINSIC] };
      case 'map':
        return { anyOf: [{ type: 'object', additionalProperties: typeSchema(type.element) }, INTRINSIC] };
      case 'union':
        return { anyOf: type.types.map(typeSchema) };
      default:
        throw new Error(`unknown property type ${JSON.stringify(type)}`);
    }
  }
  const schema = objectSchema(resource.properties);
  return { ...schema, definitions };
}

/** A property that names another resource (`DeploymentId`, `RestApiId`) must `Ref` a resource of that type. */
function checkRelationships(options: {
  resource: Resource;
  properties: unknown;
  typeOf: (id: string) => string | undefined;
  path: string;
  problems: string[];
}): void {
  const properties = (options.properties ?? {}) as Record<string, unknown>;
  for (const [name, property] of Object.entries(options.resource.properties)) {
    const value = properties[name] as { Ref?: unknown } | undefined;
    if (!property.relationshipRefs || typeof value?.Ref !== 'string') continue;
    const type = options.typeOf(value.Ref);
    const allowed = property.relationshipRefs.map((relationship) => relationship.cloudFormationType);
    if (type !== undefined && !allowed.includes(type)) {
      options.problems.push(`${options.path}/${name}: Ref to ${value.Ref}, a ${type}; expected ${allowed.join(' or ')}`);
    }
  }
}

type Reference = { kind: 'ref' | 'condition'; name: string } | { kind: 'getAtt'; name: string; attribute: string };

/** Every reference in a template: `Ref`, `Fn::GetAtt`, `Fn::Sub` variables (`${X}`, `${X.Attr}`), `Fn::If` conditions. */
function walkReferences(value: unknown, path: string, visit: (path: string, reference: Reference) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkReferences(item, `${path}/${index}`, visit));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === 'Ref' && typeof record.Ref === 'string') {
    visit(path, { kind: 'ref', name: record.Ref });
    return;
  }
  if (only === 'Fn::GetAtt') {
    const argument = record['Fn::GetAtt'];
    const [name, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/) : (argument as string[]);
    visit(path, { kind: 'getAtt', name: String(name), attribute: String(attribute) });
    return;
  }
  if (only === 'Fn::Sub') {
    const argument = record['Fn::Sub'];
    const [text, declared] = Array.isArray(argument) ? (argument as unknown[]) : [argument, {}];
    const names = Object.keys(declared ?? {});
    for (const [, variable] of String(text).matchAll(/\$\{([^}!][^}]*)\}/g)) {
      if (names.includes(variable!)) continue;
      const dot = variable!.indexOf('.');
      visit(
        `${path}/Fn::Sub`,
        dot < 0 ? { kind: 'ref', name: variable! } : { kind: 'getAtt', name: variable!.slice(0, dot), attribute: variable!.slice(dot + 1) },
      );
    }
    walkReferences(declared, `${path}/Fn::Sub/1`, visit);
    return;
  }
  if (only === 'Fn::If' && Array.isArray(record['Fn::If'])) {
    const [condition, ...branches] = record['Fn::If'] as unknown[];
    visit(`${path}/Fn::If`, { kind: 'condition', name: String(condition) });
    branches.forEach((branch, index) => walkReferences(branch, `${path}/Fn::If/${index + 1}`, visit));
    return;
  }
  for (const [key, item] of Object.entries(record)) walkReferences(item, `${path}/${key}`, visit);
}
