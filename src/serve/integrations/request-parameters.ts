import { JSONPath } from 'jsonpath-plus';
import { ownField, ownPathValue, setOwn } from '../own-fields.js';

/**
 * `requestParameters` of a non-proxy integration: which request values reach the backend as
 * path parameters, query string parameters and headers, each from the method request
 * (`method.request.path|querystring|header.name`, `method.request.body[.JSONPath]`), a
 * `'literal'`, `stageVariables.name` or `context.name`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */

export interface MethodRequestValues {
  path: Record<string, string>;
  querystring: Record<string, string>;
  /** Header names in lower case. */
  header: Record<string, string>;
  body: string;
  stageVariables: Record<string, string>;
  context: Record<string, unknown>;
}

export interface IntegrationRequestParameters {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export function mapRequestParameters(requestParameters: Record<string, string>, values: MethodRequestValues): IntegrationRequestParameters {
  const mapped: IntegrationRequestParameters = { path: {}, querystring: {}, header: {} };
  for (const [target, source] of Object.entries(requestParameters)) {
    const place = /^integration\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(target);
    if (!place) continue;
    const value = sourceValue(source, values);
    if (value === undefined) continue;
    const location = place[1]!.replace('multivalue', '') as keyof IntegrationRequestParameters;
    setOwn(mapped[location], place[2]!, value);
  }
  return mapped;
}

/** The value a mapping expression names; undefined when the request has none. */
export function sourceValue(source: string, values: MethodRequestValues): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal) return literal[1];
  const method = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(source);
  if (method) {
    const location = method[1]!.replace('multivalue', '') as 'path' | 'querystring' | 'header';
    return location === 'header' ? ownField(values.header, method[2]!.toLowerCase()) : ownField(values[location], method[2]!);
  }
  if (source === 'method.request.body') return values.body;
  const bodyPath = /^method\.request\.body\.(.+)$/.exec(source);
  if (bodyPath) return jsonPathText(values.body, `$.${bodyPath[1]}`);
  const stageVariable = /^stageVariables\.(.+)$/.exec(source);
  if (stageVariable) return ownField(values.stageVariables, stageVariable[1]!);
  const context = /^context\.(.+)$/.exec(source);
  if (context) {
    const value = ownPathValue(values.context, context[1]!.split('.'));
    return value === undefined || value === null ? undefined : String(value);
  }
  return undefined;
}

/** The value at a JSONPath of a JSON text, as text (a string as it is, anything else as JSON). */
export function jsonPathText(body: string, path: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const [value] = JSONPath<unknown[]>({ path, json, wrap: true, eval: false });
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
