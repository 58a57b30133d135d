import type { Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { isRecord } from '../../document/resolve-ref.js';

const MODEL_NAME = /^[A-Za-z0-9]+$/;
const DROPPED_KEYWORDS = ['discriminator', 'example', 'exclusiveMinimum', 'readOnly', 'default'] as const;

/**
 * What REST API import changes or refuses in models: non-alphanumeric model names, and schema
 * keywords it silently drops. Also: HTTP APIs cannot be imported from Swagger 2.0.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 */
export const checkRestImport: Rule = (context) => {
  if (context.apiKind === 'http') {
    if (context.declaredVersion === '2.0') {
      context.report({
        code: 'APIGW_HTTP_API_OPENAPI_VERSION',
        pointer: '',
        message: 'This HTTP API document is Swagger 2.0; HTTP API import accepts OpenAPI 3.0 only.',
      });
    }
    return;
  }
  const components = isRecord(context.document.components) ? context.document.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    const pointer = joinPointer('/components/schemas', name);
    if (!MODEL_NAME.test(name)) {
      context.report({
        code: 'APIGW_MODEL_NAME_INVALID',
        pointer,
        message: `Model name "${name}" is not alphanumeric; REST import rejects it.`,
      });
    }
    const dropped = droppedKeywords(schema);
    if (dropped.length > 0) {
      context.report({
        code: 'APIGW_UNSUPPORTED_KEYWORD_DROPPED',
        pointer,
        message: `Model "${name}" uses ${dropped.join(', ')}, which REST import drops.`,
      });
    }
  }
};

/** The dropped keywords a schema uses, in catalogue order, without following `$ref`s. */
function droppedKeywords(schema: unknown): string[] {
  const found = new Set<string>();
  const visitAll = (nodes: unknown[]): void => {
    for (let index = 0; index < nodes.length; index++) visit(nodes[index]);
  };
  // One look at each key a node has (usually a handful), rather than a lookup per keyword of
  // interest: this visits every node of every component schema.
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return visitAll(node);
    if (!isRecord(node)) return;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (DROPPED.has(key)) found.add(key);
      else if (SCHEMA_MAPS.has(key)) {
        const map = node[key];
        if (isRecord(map)) visitAll(Object.values(map));
      } else if (SUBSCHEMAS.has(key)) visit(node[key]);
    }
    if (node.format === 'decimal' || (node.type === 'number' && (node.format === 'int32' || node.format === 'int64')))
      found.add(`format: ${String(node.format)}`);
  };
  visit(schema);
  // Catalogue order, then formats as found.
  return [...DROPPED_KEYWORDS.filter((keyword) => found.has(keyword)), ...[...found].filter((entry) => !DROPPED.has(entry))];
}

const DROPPED = new Set<string>(DROPPED_KEYWORDS);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']);
