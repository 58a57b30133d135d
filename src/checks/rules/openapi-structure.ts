import type { ValidateFunction } from 'ajv';
import type { Rule } from '../check-context.js';
import { ajvErrorPointer, describeAjvError, quoteValue, reduceAjvErrors } from '../ajv-errors.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';
import { isRecord } from '../../document/resolve-ref.js';

/**
 * The validator of one OpenAPI version, compiled from the official schema at build time
 * (scripts/build-validators.mjs) and loaded on first use: each is a large module.
 */
async function openApiValidator(version: '3.0' | '3.1'): Promise<ValidateFunction> {
  const module = version === '3.0' ? await import('../generated/openapi-3.0.js') : await import('../generated/openapi-3.1.js');
  return module.default;
}

/**
 * Departures from the OpenAPI schema that API Gateway itself imports (its own documentation and
 * SAM write them): reported as warnings, since other tools will reject them.
 */
const TOLERATED: readonly { matches: (keyword: string, pointer: string) => boolean; note: string }[] = [
  {
    matches: (keyword, pointer) => keyword === 'additionalProperties' && pointer === '/paths/$default',
    note: 'HTTP APIs accept the $default route under this key (as SAM writes it), but other OpenAPI tools reject it',
  },
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
export const checkOpenApiStructure: Rule = async (context) => {
  const validate = await openApiValidator(context.openapiVersion);
  if (validate(context.document)) return;
  for (const error of reduceAjvErrors(validate.errors ?? [], { cfnAlternatives: false })) {
    const pointer = ajvErrorPointer(error);
    // Documents taken from a CloudFormation template hold intrinsic functions where strings go.
    if (insideIntrinsic(context.document, pointer)) continue;
    // Duplicate parameters are reported, more precisely, by the path-parameters rule.
    if (error.keyword === 'uniqueItems' && pointer.endsWith('/parameters')) continue;
    const tolerated = TOLERATED.find((rule) => rule.matches(error.keyword, pointer));
    const shown =
      error.keyword === 'additionalProperties' || error.keyword === 'required'
        ? ''
        : ` (got ${quoteValue(getAtPointer(context.document, pointer))})`;
    context.report({
      code: 'APIGW_OPENAPI_SCHEMA',
      pointer,
      message: `${error.instancePath === '' ? 'The document' : `"${error.instancePath}"`} ${describeAjvError(error)}${shown}${tolerated ? `; ${tolerated.note}` : ''}.`,
      ...(tolerated ? { severity: 'warning' as const } : {}),
    });
  }
};
