import type { OperationModel } from '../model/types.js';

/**
 * Route selection as API Gateway does it. A request path is matched segment by segment against
 * the resource tree: a literal segment wins over a `{param}` segment, which wins over a greedy
 * `{proxy+}` (which takes the rest of the path, at least one segment). On the chosen resource,
 * the request's method wins over `ANY` (`x-amazon-apigateway-any-method`). HTTP APIs fall back to
 * the `$default` route.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */

export interface RouteMatch {
  operation: OperationModel;
  /** Path parameters by name, URL-decoded (a greedy one keeps its slashes). */
  pathParameters: Record<string, string>;
  /** REST APIs: the request path without `/<stage>`, when the request reached the route under it. */
  pathUnderStage?: string;
}

interface ResourceNode {
  literals: Map<string, ResourceNode>;
  parameter?: { name: string; node: ResourceNode };
  greedy?: { name: string; node: ResourceNode };
  methods: Map<string, OperationModel>;
}

export class RouteTable {
  readonly #root: ResourceNode = emptyNode();
  readonly #defaultRoute: OperationModel | undefined;

  constructor(operations: readonly OperationModel[]) {
    for (const operation of operations) {
      if (operation.isDefaultRoute) continue;
      let node = this.#root;
      for (const segment of segmentsOf(operation.path)) node = child(node, segment);
      node.methods.set(operation.method, operation);
    }
    this.#defaultRoute = operations.find((operation) => operation.isDefaultRoute);
  }

  /** The operation a request reaches, or undefined (API Gateway's 403 or 404). */
  match(method: string, path: string): RouteMatch | undefined {
    const segments = segmentsOf(path);
    const found = find(this.#root, segments, 0, method.toUpperCase());
    if (found) return found;
    return this.#defaultRoute ? { operation: this.#defaultRoute, pathParameters: {} } : undefined;
  }
}

function emptyNode(): ResourceNode {
  return { literals: new Map(), methods: new Map() };
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function child(node: ResourceNode, segment: string): ResourceNode {
  const greedy = /^\{(.+)\+\}$/.exec(segment);
  if (greedy) return (node.greedy ??= { name: greedy[1]!, node: emptyNode() }).node;
  const parameter = /^\{(.+)\}$/.exec(segment);
  if (parameter) return (node.parameter ??= { name: parameter[1]!, node: emptyNode() }).node;
  let next = node.literals.get(segment);
  if (!next) node.literals.set(segment, (next = emptyNode()));
  return next;
}

function find(node: ResourceNode, segments: string[], index: number, method: string): RouteMatch | undefined {
  if (index === segments.length) {
    const operation = node.methods.get(method) ?? node.methods.get('ANY');
    return operation ? { operation, pathParameters: {} } : undefined;
  }
  const segment = segments[index]!;
  const literal = node.literals.get(segment);
  const viaLiteral = literal && find(literal, segments, index + 1, method);
  if (viaLiteral) return viaLiteral;
  if (node.parameter) {
    const viaParameter = find(node.parameter.node, segments, index + 1, method);
    if (viaParameter) return withParameter(viaParameter, node.parameter.name, decode(segment));
  }
  if (node.greedy) {
    const operation = node.greedy.node.methods.get(method) ?? node.greedy.node.methods.get('ANY');
    if (operation) return { operation, pathParameters: { [node.greedy.name]: segments.slice(index).map(decode).join('/') } };
  }
  return undefined;
}

function withParameter(match: RouteMatch, name: string, value: string): RouteMatch {
  return { operation: match.operation, pathParameters: { ...match.pathParameters, [name]: value } };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
