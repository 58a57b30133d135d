import { joinPointer } from '../diagnostics/json-pointer.js';
import { conditionalBranch } from './cfn-values.js';
import { isRecord, resolveRef } from './resolve-ref.js';

/** The HTTP methods OpenAPI path items may hold, in the order operations are listed everywhere. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const ANY_METHOD = 'x-amazon-apigateway-any-method';

/** One operation as it sits in the document. */
export interface OperationSite {
  path: string;
  /** Upper-case method, or `ANY` for `x-amazon-apigateway-any-method`. */
  method: string;
  /** The key of the operation in its path item (`get`, …, or `x-amazon-apigateway-any-method`). */
  key: string;
  operation: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  pointer: string;
  pathItemPointer: string;
  /** `operationId (METHOD /path)`, or `METHOD /path` when there is no operationId. */
  label: string;
}

/**
 * Lists the operations of a document in document order, following `$ref`ed path items and
 * the `Fn::If` branch that defines a path item or an operation (see conditionalBranch).
 * @see https://spec.openapis.org/oas/v3.0.3#path-item-object
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
 */
export function listOperations(document: Record<string, unknown>): OperationSite[] {
  const paths = document.paths;
  if (!isRecord(paths)) return [];
  const sites: OperationSite[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    // HTTP APIs also take the catch-all route as `$default` (SAM writes it so).
    if (!path.startsWith('/') && path !== '$default') continue;
    const resolved = resolveRef<unknown>(document, rawItem, joinPointer('/paths', path));
    if (!resolved) continue;
    const item = throughCondition(resolved.value, resolved.pointer);
    if (!item) continue;
    const { value: pathItem, pointer: pathItemPointer } = item;
    for (const key of [...HTTP_METHODS, ANY_METHOD]) {
      const found = throughCondition(pathItem[key], joinPointer(pathItemPointer, key));
      if (!found) continue;
      const operation = found.value;
      const method = key === ANY_METHOD ? 'ANY' : key.toUpperCase();
      const id = typeof operation.operationId === 'string' ? operation.operationId : undefined;
      sites.push({
        path,
        method,
        key,
        operation,
        pathItem,
        pointer: found.pointer,
        pathItemPointer,
        label: id ? `${id} (${method} ${path})` : `${method} ${path}`,
      });
    }
  }
  return sites;
}

/** An object of the document, or the branch of the `Fn::If` that stands for it, with its pointer. */
function throughCondition(value: unknown, pointer: string): { value: Record<string, unknown>; pointer: string } | undefined {
  const branch = conditionalBranch(value);
  if (branch) return branch.value ? { value: branch.value, pointer: joinPointer(pointer, 'Fn::If', branch.index) } : undefined;
  return isRecord(value) ? { value, pointer } : undefined;
}
