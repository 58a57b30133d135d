import type { Ajv, ValidateFunction } from 'ajv';
import type { CheckContext, Rule } from '../check-context.js';
import { ajvErrorPointer, describeAjvError, quoteValue, reduceAjvErrors } from '../ajv-errors.js';
import { extensionSchemaDefs, extensionSchemas } from '../extension-schemas.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';
import { extensionCatalog, type ExtensionPlace } from '../../document/extensions.js';
import { HTTP_METHODS, ANY_METHOD } from '../../document/operations.js';
import type { ExtensionOccurrence } from '../../document/scan-document.js';
import { closestMatch } from '../closest-match.js';
import { isRefObject, resolveRef } from '../../document/resolve-ref.js';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of one extension, compiled on first use: most documents use a few extensions, or none. */
async function extensionValidator(name: string): Promise<ValidateFunction | undefined> {
  const cached = compiled.get(name);
  if (cached) return cached;
  const schema = extensionSchemas[name];
  if (!schema) return undefined;
  ajv ??= (await import('../extension-ajv.js')).createExtensionAjv();
  const validate = ajv.compile({ ...schema, $defs: extensionSchemaDefs });
  compiled.set(name, validate);
  return validate;
}

/**
 * Checks every `x-amazon-apigateway-*` value against its schema, and every name against the
 * catalogue: unknown names, names in a place API Gateway does not read, and names the other
 * kind of API uses.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
export const checkExtensionValues: Rule = async (context) => {
  for (const occurrence of context.scan.extensions) {
    const info = extensionCatalog[occurrence.name];
    if (!info) {
      const suggestion = closestMatch(occurrence.name, Object.keys(extensionCatalog));
      context.report({
        code: 'APIGW_UNKNOWN_EXTENSION',
        pointer: occurrence.pointer,
        message: `${occurrence.name} is not an API Gateway extension${suggestion ? `; did you mean ${suggestion}?` : ''}.`,
      });
      continue;
    }
    const place = placeOf(occurrence);
    if (place === 'elsewhere' || !info.places.includes(place)) {
      reportMisplaced(context, occurrence, info.places);
      continue;
    }
    if (!info.kinds.includes(context.apiKind)) {
      context.report({
        code: 'APIGW_EXTENSION_WRONG_API_KIND',
        pointer: occurrence.pointer,
        message: `${occurrence.name} applies only to ${info.kinds[0] === 'http' ? 'HTTP' : 'REST'} APIs; API Gateway ignores it in this ${context.apiKind === 'http' ? 'HTTP' : 'REST'} API.`,
      });
    }
    const validate = await extensionValidator(occurrence.name);
    // An integration may be a `$ref` to components/x-amazon-apigateway-integrations: check its target.
    const target = isRefObject(occurrence.value) ? resolveRef(context.document, occurrence.value, occurrence.pointer) : undefined;
    const checked = target ? { ...occurrence, value: target.value, pointer: target.pointer } : occurrence;
    if (isRefObject(occurrence.value) && !target) continue; // Reported by the references check.
    if (validate && !validate(checked.value)) reportSchemaErrors(context, checked, validate);
  }
};

function reportSchemaErrors(context: CheckContext, occurrence: ExtensionOccurrence, validate: ValidateFunction): void {
  for (const error of reduceAjvErrors(validate.errors ?? [])) {
    const relative = ajvErrorPointer(error);
    const pointer = occurrence.pointer + relative;
    const field = occurrence.name + relative.replaceAll('/', '.').replaceAll('~1', '/').replaceAll('~0', '~');
    if (error.keyword === 'additionalProperties') {
      const unknown = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closestMatch(unknown, known);
      const holder = field.slice(0, field.length - unknown.length - 1);
      context.report({
        code: 'APIGW_EXTENSION_FIELD_IGNORED',
        pointer,
        message: `${holder} has no field "${unknown}"; API Gateway ignores it${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`,
      });
      continue;
    }
    const value =
      error.keyword === 'required' || error.keyword === 'propertyNames' || error.propertyName !== undefined
        ? ''
        : ` (got ${quoteValue(getAtPointer(occurrence.value, relative))})`;
    context.report({
      // A response mapping value of the wrong type is wrong as mappings are (SAM writes `MaxAge: 600` so):
      // it stops what API Gateway imports, not a client or handlers, which do not read it.
      code: isResponseMappingValue(occurrence, relative) ? 'APIGW_RESPONSE_PARAMETER_MAPPING' : 'APIGW_EXTENSION_INVALID',
      pointer,
      message: `${field} ${describeAjvError(error)}${value}.`,
    });
  }
}

/** The value of a `responseParameters` entry of an integration response. */
function isResponseMappingValue(occurrence: ExtensionOccurrence, relative: string): boolean {
  return occurrence.name === 'x-amazon-apigateway-integration' && /^\/responses\/[^/]+\/responseParameters\/[^/]+$/.test(relative);
}

function reportMisplaced(context: CheckContext, occurrence: ExtensionOccurrence, places: readonly ExtensionPlace[]): void {
  // OpenAPI 2 put the endpoint configuration at the root; OpenAPI 3 reads it from a server.
  if (occurrence.name === 'x-amazon-apigateway-endpoint-configuration' && occurrence.holder.length === 0) {
    context.report({
      code: 'APIGW_ENDPOINT_CONFIGURATION_PLACEMENT',
      pointer: occurrence.pointer,
      message: `${occurrence.name} at the root is ignored in OpenAPI 3; move it into a servers[] entry.`,
    });
    return;
  }
  context.report({
    code: 'APIGW_UNKNOWN_EXTENSION',
    pointer: occurrence.pointer,
    message: `${occurrence.name} is not read here; API Gateway reads it on ${places.map((place) => PLACE_NAMES[place]).join(' or ')}.`,
  });
}

const PLACE_NAMES: Record<ExtensionPlace, string> = {
  root: 'the document root',
  server: 'a servers[] entry',
  tag: 'a tags[] entry',
  components: 'components',
  pathItem: 'a path item',
  operation: 'an operation',
  securityScheme: 'a security scheme',
};

const OPERATION_KEYS = new Set<string>([...HTTP_METHODS, ANY_METHOD]);

/** Classifies where an extension sits from the tokens of the object that holds it. */
function placeOf(occurrence: ExtensionOccurrence): ExtensionPlace | 'elsewhere' {
  // A path item or an operation a CloudFormation condition decides sits in a branch of its `Fn::If`.
  const holder = occurrence.holder.filter((token, at, all) => token !== 'Fn::If' && all[at - 1] !== 'Fn::If');
  const [first, second, third, fourth] = holder;
  const depth = holder.length;
  if (depth === 0) return 'root';
  if (first === 'servers' && depth === 2) return 'server';
  if (first === 'tags' && depth === 2) return 'tag';
  if (first === 'components' && depth === 1) return 'components';
  if (first === 'components' && second === 'securitySchemes' && depth === 3) return 'securityScheme';
  if (first === 'paths' && depth === 2) return 'pathItem';
  if (first === 'paths' && depth === 3 && OPERATION_KEYS.has(third ?? '')) return 'operation';
  if (first === 'paths' && depth === 4 && third === 'servers') return 'server';
  if (first === 'components' && second === 'pathItems' && depth === 4 && OPERATION_KEYS.has(fourth ?? '')) return 'operation';
  return 'elsewhere';
}
