import { isReservedHeader } from '../../document/reserved-headers.js';
import { jsonPathText } from './request-parameters.js';
import { ownField, ownPathValue, setOwn } from '../own-fields.js';

/**
 * HTTP APIs' parameter mapping: `requestParameters` change the request before it reaches an HTTP
 * proxy integration (`append|overwrite|remove:header.<name>`, `append|overwrite|remove:querystring.<name>`,
 * `overwrite:path`), and `responseParameters`, keyed by the integration's status code, change its
 * answer (`append|overwrite|remove:header.<name>`, `overwrite:statuscode`). Values are static text
 * with `$request.header.<name>`, `$request.querystring.<name>`, `$request.body[.<JSONPath>]`,
 * `$request.path[.<name>]`, `$response.header.<name>`, `$response.body[.<JSONPath>]`,
 * `$context.<name>` and `$stageVariables.<name>` in it, each also written `${…}`. Every value is
 * read from the request or answer as it came, before any mapping. Reserved headers are never
 * mapped (validate reports mappings of them: API Gateway refuses them).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */

/** What mapping values read. Header names in lower case; repeated headers and query parameters joined with commas. */
export interface MappingSources {
  request?: {
    headers: Record<string, string>;
    query: URLSearchParams;
    /** The request path, without the stage. */
    path: string;
    pathParameters: Record<string, string>;
    body: Buffer;
  };
  response?: { headers: Record<string, string | string[]>; body: string | Buffer };
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

/**
 * The request's headers as mappings read them: names in lower case, repeated headers joined with
 * commas ("value1,value2"; Node's own join has a space after the comma).
 */
export function joinedHeaders(request: { headers: Record<string, string>; rawHeaders?: string[] }): Record<string, string> {
  const raw = request.rawHeaders;
  if (!raw) return request.headers;
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    const previous = ownField(headers, name);
    setOwn(headers, name, previous === undefined ? raw[index + 1]! : `${previous},${raw[index + 1]!}`);
  }
  return headers;
}

/** The parts of a backend request that request mappings change. */
export interface MappedRequest {
  /** Header names in lower case. */
  headers: Record<string, string>;
  query: [name: string, value: string][];
  /** Set by `overwrite:path`. */
  path?: string;
}

/** The parts of an answer that response mappings change. */
export interface MappedResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
}

const VARIABLE = /\$\{([^}]*)\}|\$((?:request|response|context|stageVariables)(?:\.[A-Za-z0-9_\-[\]*'"]+)*)/g;

/**
 * A mapping value with its variables filled in; a variable the request has no value for is empty
 * text, and a value that is nothing but such a variable maps nothing (undefined).
 */
function mappingValue(expression: string, sources: MappingSources): string | undefined {
  let found = 0;
  let missing = 0;
  const text = expression.replace(VARIABLE, (_match: string, braced: string | undefined, bare: string | undefined) => {
    found++;
    const value = variableValue((braced ?? bare)!.trim(), sources);
    if (value === undefined) missing++;
    return value ?? '';
  });
  return found === 1 && missing === 1 && expression.replace(VARIABLE, '') === '' ? undefined : text;
}

function variableValue(name: string, sources: MappingSources): string | undefined {
  const [scope = '', kind, ...rest] = name.split('.');
  const key = rest.join('.');
  const { request, response } = sources;
  switch (scope) {
    case 'request':
      if (!request) return undefined;
      if (kind === 'header' && key) return ownField(request.headers, key.toLowerCase());
      if (kind === 'querystring' && key) return request.query.has(key) ? request.query.getAll(key).join(',') : undefined;
      if (kind === 'path') return key ? ownField(request.pathParameters, key) : request.path;
      if (kind === 'body') return key ? jsonPathText(request.body.toString('utf8'), `$.${key}`) : request.body.toString('utf8');
      return undefined;
    case 'response': {
      if (!response) return undefined;
      if (kind === 'header' && key) {
        const value = ownField(response.headers, key.toLowerCase());
        return Array.isArray(value) ? value.join(',') : value;
      }
      const body = response.body.toString();
      if (kind === 'body') return key ? jsonPathText(body, `$.${key}`) : body;
      return undefined;
    }
    case 'stageVariables':
      return kind === undefined ? undefined : ownField(sources.stageVariables, [kind, ...rest].join('.'));
    case 'context': {
      const value = kind === undefined ? undefined : ownPathValue(sources.context, [kind, ...rest]);
      return value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
    }
    default:
      return undefined;
  }
}

/** A mapping key: what it does to which header or query parameter (`target` lower case for headers), or to the path or status code. */
function parseKey(key: string): { action: string; place: string; target: string } | undefined {
  const match = /^(append|overwrite|remove):(header|querystring)\.(.+)$/.exec(key);
  if (match) return { action: match[1]!, place: match[2]!, target: match[2] === 'header' ? match[3]!.toLowerCase() : match[3]! };
  if (key === 'overwrite:path') return { action: 'overwrite', place: 'path', target: '' };
  if (key === 'overwrite:statuscode') return { action: 'overwrite', place: 'statuscode', target: '' };
  return undefined;
}

/** Applies `requestParameters` to a backend request, reading values from the request as it came. */
export function mapHttpRequest(mappings: Record<string, string>, request: MappedRequest, sources: MappingSources): MappedRequest {
  const headers = { ...request.headers };
  let query = [...request.query];
  let path = request.path;
  for (const [key, expression] of Object.entries(mappings)) {
    const parsed = parseKey(key);
    if (!parsed || parsed.place === 'statuscode') continue;
    const { action, place, target } = parsed;
    if (place === 'header' && isReservedHeader(target)) continue;
    const value = action === 'remove' ? '' : mappingValue(expression, sources);
    if (value === undefined) continue;
    if (place === 'path') path = value;
    else if (place === 'header') applyHeader(headers, action, target, value);
    else if (action === 'append') query.push([target, value]);
    else {
      query = query.filter(([name]) => name !== target);
      if (action === 'overwrite') query.push([target, value]);
    }
  }
  return path === undefined ? { headers, query } : { headers, query, path };
}

/** Applies the `responseParameters` of the answer's status code, reading values from the answer as it came. */
export function mapHttpResponse(
  byStatus: Record<string, Record<string, string>>,
  response: MappedResponse,
  sources: MappingSources,
): MappedResponse {
  const mappings = byStatus[String(response.statusCode)];
  if (!mappings) return response;
  const headers = { ...response.headers };
  let statusCode = response.statusCode;
  for (const [key, expression] of Object.entries(mappings)) {
    const parsed = parseKey(key);
    if (!parsed || parsed.place === 'path' || parsed.place === 'querystring') continue;
    if (parsed.place === 'header' && isReservedHeader(parsed.target)) continue;
    const value = parsed.action === 'remove' ? '' : mappingValue(expression, sources);
    if (value === undefined) continue;
    if (parsed.place === 'statuscode') {
      const code = Number(value.trim());
      if (Number.isInteger(code) && code >= 100 && code <= 599) statusCode = code;
    } else applyHeader(headers, parsed.action, parsed.target, value);
  }
  return { statusCode, headers };
}

/** `append` adds to the header's value (comma-separated, as API Gateway combines values), `overwrite` replaces it, `remove` drops it. */
function applyHeader(headers: Record<string, string | string[]>, action: string, name: string, value: string): void {
  const existing = ownField(headers, name);
  if (action === 'remove') delete headers[name];
  else if (action === 'overwrite' || existing === undefined) setOwn(headers, name, value);
  else setOwn(headers, name, `${typeof existing === 'string' ? existing : existing.join(',')},${value}`);
}
