import { JSONPath } from 'jsonpath-plus';
import velocity from 'velocityjs';

/**
 * The variables API Gateway gives a mapping template (`$input`, `$util`, `$context`,
 * `$stageVariables`), for a VTL engine (velocityjs), which calls their methods as written.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */

export interface TemplateRequest {
  body: string;
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

/** Renders mapping templates, each parsed once (a server renders the same few on every request). */
export class TemplateRenderer {
  readonly #compiled = new Map<string, velocity.Compile>();

  render(template: string, variables: Record<string, unknown>): string {
    let compiled = this.#compiled.get(template);
    if (!compiled) this.#compiled.set(template, (compiled = new velocity.Compile(velocity.parse(template), { escape: false })));
    return compiled.render(variables);
  }
}

/** `$input`: the body and the parameters of the request (or of the integration response). */
export function inputVariable(request: TemplateRequest): Record<string, unknown> {
  let parsed: { value: unknown } | undefined;
  const body = () => (parsed ??= { value: parseBody(request.body) }).value;
  return {
    body: request.body,
    /** The value at a JSONPath, as JSON text. */
    json: (path: string) => JSON.stringify(select(body(), path) ?? null),
    /** The value at a JSONPath, as an object templates can walk. */
    path: (path: string) => select(body(), path),
    /** All parameters by location, or one by name from path, query string then headers. */
    params: (name?: string) => {
      if (name === undefined) return { path: request.path, querystring: request.querystring, header: request.header };
      return request.path[name] ?? request.querystring[name] ?? headerValue(request.header, name) ?? '';
    },
  };
}

/** `$util`. */
export const utilVariable = {
  escapeJavaScript: (text: unknown) => JSON.stringify(String(text)).slice(1, -1).replace(/'/g, "\\'"),
  parseJson: (text: unknown) => JSON.parse(String(text)) as unknown,
  urlEncode: (text: unknown) => encodeURIComponent(String(text)).replace(/%20/g, '+'),
  urlDecode: (text: unknown) => decodeURIComponent(String(text).replace(/\+/g, ' ')),
  base64Encode: (text: unknown) => Buffer.from(String(text), 'utf8').toString('base64'),
  base64Decode: (text: unknown) => Buffer.from(String(text), 'base64').toString('utf8'),
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
  if (value === undefined) return undefined;
  const matches = JSONPath<unknown[]>({ path, json: value as object, wrap: true, eval: false });
  return matches.length <= 1 ? matches[0] : matches;
}

/** A header by name, whatever its case. */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
