import { isRecord } from './resolve-ref.js';
import { conditionalBranch } from './cfn-values.js';
import { HTTP_METHODS, ANY_METHOD } from './operations.js';

/**
 * The Swagger 2.0 fields that describe a parameter's or a header's value, which OpenAPI 3 moved
 * into `schema`. SAM writes them into the OpenAPI 3 documents it deploys
 * (aws/serverless-application-model tests/translator/output/api_with_request_parameters_openapi.json)
 * and API Gateway imports them.
 * @see https://swagger.io/specification/v2/#parameter-object
 */
const VALUE_FIELDS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
] as const;

/** True for a Swagger 2.0 value field written on an OpenAPI 3 parameter or header. */
export function isSwagger2ValueField(name: string): boolean {
  return (VALUE_FIELDS as readonly string[]).includes(name);
}

/** The schema a parameter or header without `schema` or `content` is read as: its Swagger 2.0 fields, a string when they give no type. */
export function schemaFromSwagger2Fields(holder: Record<string, unknown>): Record<string, unknown> {
  return { type: 'string', ...Object.fromEntries(VALUE_FIELDS.filter((field) => field in holder).map((field) => [field, holder[field]])) };
}

/** True for a parameter or header object that has neither `schema` nor `content`. */
export function lacksSchema(holder: unknown): holder is Record<string, unknown> {
  return isRecord(holder) && !('$ref' in holder) && !('schema' in holder) && !('content' in holder);
}

/**
 * Gives every parameter and header of an OpenAPI 3 document that lacks `schema` and `content`
 * the schema it is read as (see schemaFromSwagger2Fields), so that every output reads it alike.
 */
export function readSwagger2StyleFields(document: Record<string, unknown>): void {
  const components = isRecord(document.components) ? document.components : {};
  const paths = isRecord(document.paths) ? document.paths : {};
  // A path item or operation a CloudFormation condition decides is read as its branch.
  const unconditional = (value: unknown) => (conditionalBranch(value) ? conditionalBranch(value)?.value : value);
  const operations = Object.values(paths)
    .map(unconditional)
    .filter(isRecord)
    .flatMap((item) => [item, ...[...HTTP_METHODS, ANY_METHOD].map((method) => unconditional(item[method])).filter(isRecord)]);
  const parameters: unknown[] = [
    ...operations.flatMap((holder): unknown[] => (Array.isArray(holder.parameters) ? holder.parameters : [])),
    ...Object.values(isRecord(components.parameters) ? components.parameters : {}),
  ];
  const responses = [
    ...operations.flatMap((holder) => Object.values(isRecord(holder.responses) ? holder.responses : {})),
    ...Object.values(isRecord(components.responses) ? components.responses : {}),
  ].filter(isRecord);
  const headers: unknown[] = [
    ...responses.flatMap((response) => Object.values(isRecord(response.headers) ? response.headers : {})),
    ...Object.values(isRecord(components.headers) ? components.headers : {}),
  ];
  for (const holder of [...parameters, ...headers]) {
    if (!lacksSchema(holder)) continue;
    holder.schema = schemaFromSwagger2Fields(holder);
    for (const field of VALUE_FIELDS) delete holder[field];
  }
}
