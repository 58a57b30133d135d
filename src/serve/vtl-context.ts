import { JSONPath } from 'jsonpath-plus';
import { escapeJavaScript, fromJson, javaText, urlDecode, urlEncode } from './vtl/java-text.js';
import { ownField } from './own-fields.js';

/**
 * The variables API Gateway gives a mapping template (`$input`, `$util`; `$context` and
 * `$stageVariables` come from the gateway), for the template engine (src/serve/vtl/), which
 * calls their methods as written.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */

export interface TemplateRequest {
  body: string;
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

/**
 * `$input`: the body and the parameters of the request (or of the integration response). An
 * empty body reads as `{}`, as AWS records (`$input.body` of an empty POST is `{}`).
 */
export function inputVariable(request: TemplateRequest): Record<string, unknown> {
  const text = request.body === '' ? '{}' : request.body;
  let parsed: { value: unknown } | undefined;
  const body = () => (parsed ??= { value: parseBody(text) }).value;
  return {
    body: text,
    /** The value at a JSONPath, as JSON text. */
    json: (path: string) => JSON.stringify(select(body(), path) ?? null),
    /** The value at a JSONPath, as an object templates can walk (lists print as JSON, maps as `{k=v}`). */
    path: (path: string) => fromJson(select(body(), path)),
    /** All parameters by location, or one by name from path, query string then headers. */
    params: (name?: string) => {
      if (name === undefined) return { path: request.path, querystring: request.querystring, header: request.header };
      return ownField(request.path, name) ?? ownField(request.querystring, name) ?? headerValue(request.header, name) ?? '';
    },
  };
}

/** `$util`: Java's functions, as API Gateway runs them. */
export const utilVariable = {
  escapeJavaScript,
  parseJson: (text: unknown) => fromJson(JSON.parse(javaText(text))),
  urlEncode,
  urlDecode,
  base64Encode: (text: unknown) => Buffer.from(javaText(text), 'utf8').toString('base64'),
  base64Decode: (text: unknown) => Buffer.from(javaText(text), 'base64').toString('utf8'),
};

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** JSONPath as API Gateway reads it: a single match is the value itself; several, an array. */
function select(value: unknown, path: string): unknown {
  if (value === undefined || value === null || typeof value !== 'object') return path === '$' ? value : undefined;
  const matches = JSONPath<unknown[]>({ path, json: value, wrap: true, eval: false });
  return matches.length <= 1 ? matches[0] : matches;
}

/** A header by name, whatever its case. */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
