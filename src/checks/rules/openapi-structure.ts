import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Rule } from '../check-context.js';
import { ajvErrorPointer, describeAjvError, quoteValue, reduceAjvErrors } from '../ajv-errors.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';
import { ANY_METHOD, HTTP_METHODS } from '../../document/operations.js';
import { isRecord } from '../../document/resolve-ref.js';
import { isSwagger2ValueField, lacksSchema, schemaFromSwagger2Fields } from '../../document/swagger2-style-fields.js';

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
 * The security scheme at or above `pointer` when it is an `oauth2` scheme without `flows` or an
 * `openIdConnect` scheme without `openIdConnectUrl` that carries a JWT authorizer: HTTP APIs
 * define JWT authorizers so, and take the issuer from `jwtConfiguration`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 */
function jwtSchemeWithoutFlows(
  document: Record<string, unknown>,
  pointer: string,
): { pointer: string; type: string; missing: string } | undefined {
  const match = /^\/components\/securitySchemes\/[^/]+/.exec(pointer);
  if (!match) return undefined;
  const scheme = getAtPointer(document, match[0]);
  if (!isRecord(scheme)) return undefined;
  const authorizer = scheme['x-amazon-apigateway-authorizer'];
  if (!isRecord(authorizer) || String(authorizer.type).toLowerCase() !== 'jwt') return undefined;
  if (scheme.type === 'oauth2' && !('flows' in scheme)) return { pointer: match[0], type: 'oauth2', missing: 'flows' };
  if (scheme.type === 'openIdConnect' && !('openIdConnectUrl' in scheme))
    return { pointer: match[0], type: 'openIdConnect', missing: 'openIdConnectUrl' };
  return undefined;
}

/** Parameter and header objects: in an operation's or path item's list, under `headers`, or in components. */
const PARAMETER_OR_HEADER = /(\/parameters\/\d+|\/headers\/[^/]+|^\/components\/parameters\/[^/]+)$/;

/**
 * The pointer of the parameter or header an error is about when the error only says that it is
 * written Swagger 2.0 style: no `schema` or `content`, or a Swagger 2.0 value field (`type`, …).
 * API Gateway imports such documents (SAM deploys them).
 * @see https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/api_with_request_parameters_openapi.json
 */
function swagger2StyleHolder(document: Record<string, unknown>, error: ErrorObject): string | undefined {
  const at = error.instancePath;
  if (!PARAMETER_OR_HEADER.test(at) || !lacksSchema(getAtPointer(document, at))) return undefined;
  const params = error.params as { alternatives?: string[]; additionalProperty?: string };
  if (error.keyword === 'required' && params.alternatives?.includes('schema')) return at;
  if (error.keyword === 'additionalProperties' && isSwagger2ValueField(String(params.additionalProperty))) return at;
  return undefined;
}

/**
 * What to say about a field of a path item that OpenAPI does not define: API Gateway's import
 * ignores it with a warning, and goes on (`failOnWarnings` is false by default), so the API has no
 * such method and neither have the outputs. A method name in other letters (`any`, `GET`) is
 * the likely mistake: SAM reads `any` as ANY, but leaves it so in the body it deploys.
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html#apigw-ImportRestApi-request-uri-failOnWarnings
 * @see https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/api_with_any_method_in_swagger.json
 */
function unknownPathItemField(error: ErrorObject): string | undefined {
  if (error.keyword !== 'additionalProperties' || !/^\/paths\/[^/]+$/.test(error.instancePath)) return undefined;
  const field = String((error.params as { additionalProperty?: string }).additionalProperty);
  const method = field.toLowerCase();
  const instead =
    method === 'any'
      ? ` For the ANY method, write "${ANY_METHOD}".`
      : (HTTP_METHODS as readonly string[]).includes(method)
        ? ` Write "${method}".`
        : '';
  return `"${error.instancePath}" has the field "${field}", which is not an OpenAPI path item field: API Gateway ignores it on import, and so do the outputs (no method comes from it).${instead}`;
}

/**
 * Checks the document against the official OpenAPI 3.0 or 3.1 JSON Schema, as bundled (with
 * `$ref`s in place: the schema allows Reference objects wherever the specification does).
 * @see https://spec.openapis.org/oas/v3.0.3
 */
export const checkOpenApiStructure: Rule = async (context) => {
  const validate = await openApiValidator(context.openapiVersion);
  if (validate(context.document)) return;
  const jwtSchemes = new Set<string>();
  const swagger2Styles = new Set<string>();
  for (const error of reduceAjvErrors(validate.errors ?? [], { cfnAlternatives: false })) {
    const pointer = ajvErrorPointer(error);
    // Documents taken from a CloudFormation template hold intrinsic functions where strings go.
    if (insideIntrinsic(context.document, pointer)) continue;
    const jwtScheme = jwtSchemeWithoutFlows(context.document, pointer);
    if (jwtScheme) {
      // The scheme's alternatives all fail at once: one finding says what is missing, and why it is fine here.
      if (!jwtSchemes.has(jwtScheme.pointer)) {
        jwtSchemes.add(jwtScheme.pointer);
        context.report({
          code: 'APIGW_OPENAPI_SCHEMA',
          pointer: jwtScheme.pointer,
          severity: 'warning',
          message: `"${jwtScheme.pointer}" has no "${jwtScheme.missing}", which OpenAPI requires of ${jwtScheme.type} schemes; API Gateway's JWT authorizers take the scheme without it (the developer guide's own example does), but other OpenAPI tools reject it.`,
        });
      }
      continue;
    }
    const version = pointer === '/info/version' ? getAtPointer(context.document, pointer) : undefined;
    if (error.keyword === 'type' && typeof version === 'number') {
      context.report({
        code: 'APIGW_OPENAPI_SCHEMA',
        pointer,
        severity: 'warning',
        message: `info.version is the number ${version}, not a string: it is read as "${version}" (YAML reads 1.0 as the number 1). Quote it to keep the version as written.`,
      });
      continue;
    }
    const swagger2Style = swagger2StyleHolder(context.document, error);
    if (swagger2Style) {
      // The object's alternatives all fail at once: one finding says how it is read.
      if (!swagger2Styles.has(swagger2Style)) {
        swagger2Styles.add(swagger2Style);
        const holder = getAtPointer(context.document, swagger2Style) as Record<string, unknown>;
        context.report({
          code: 'APIGW_OPENAPI_SCHEMA',
          pointer: swagger2Style,
          severity: 'warning',
          message: `"${swagger2Style}" has no "schema" or "content", which OpenAPI 3 requires; API Gateway imports it (SAM deploys such documents), and apigw-gen reads it as the schema ${JSON.stringify(schemaFromSwagger2Fields(holder))}, but other OpenAPI tools reject it.`,
        });
      }
      continue;
    }
    if (error.keyword === 'type' && pointer === '/servers') {
      context.report({
        code: 'APIGW_OPENAPI_SCHEMA',
        pointer,
        severity: 'warning',
        message: `"/servers" must be a list (got ${quoteValue(getAtPointer(context.document, pointer))}); API Gateway reads servers only to import a base path, and apigw-gen ignores these: no base URL comes from them.`,
      });
      continue;
    }
    const ignoredField = unknownPathItemField(error);
    if (ignoredField) {
      context.report({ code: 'APIGW_OPENAPI_SCHEMA', pointer, severity: 'warning', message: ignoredField });
      continue;
    }
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
