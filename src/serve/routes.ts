import type { OperationModel } from '../model/types.js';

/**
 * Route selection as API Gateway does it. A request path is matched segment by segment against
 * the resource tree: a literal segment wins over a `{param}` segment, which wins over a greedy
 * `{proxy+}` (which takes the rest of the path, at least one segment). On the chosen resource,
 * the request's method wins over `ANY` (`x-amazon-apigateway-any-method`). HTTP APIs fall back to
 * the `$default` route. REST APIs give a greedy parameter the rest of the path as the client sent
 * it (percent-encoding and empty segments kept, without a trailing slash), as AWS recorded it in
 * localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json
 * (test_lambda_aws_proxy_integration: `proxy-value//double-slash`, `…/test%2Balias@gmail.com/…`).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */

export interface RouteMatch {
  operation: OperationModel;
  /** Path parameters by name, URL-decoded (a greedy one keeps its slashes). */
  pathParameters: Record<string, string>;
  /**
   * REST APIs: the path parameters as the client sent them, percent-encoding kept, as proxy events
   * and Lambda authorizers get them: `{ID}` is `my-id%2F100` for `/resource/my-id%2F100` on a
   * deployed API (https://github.com/aws/aws-sam-cli/issues/3524), `test%7Cid` stays `test%7Cid`
   * (https://github.com/dherault/serverless-offline/issues/265).
   */
  sentPathParameters?: Record<string, string>;
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
  readonly #rawGreedy: boolean;
  readonly #greedyLast: boolean;

  /**
   * `rawGreedy`: greedy parameters take the rest of the path as sent, and matches keep `{param}`
   * values as sent too (`sentPathParameters`) (REST APIs). `greedyLast`: a
   * route that matches the whole path wins over any greedy one, and among greedy routes the one
   * with the longest match (HTTP APIs: "1. Full match for a route and method. 2. Match for a route
   * and method with a greedy path variable ({proxy+}). 3. The $default route.",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation).
   */
  constructor(operations: readonly OperationModel[], options: { rawGreedy?: boolean; greedyLast?: boolean } = {}) {
    this.#rawGreedy = options.rawGreedy ?? false;
    this.#greedyLast = options.greedyLast ?? false;
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
    // HTTP APIs try full matches first (find without greedy routes), then the longest greedy one.
    const lookup: Lookup = {
      segments,
      method: method.toUpperCase(),
      rawPath: this.#rawGreedy ? path : undefined,
      greedy: !this.#greedyLast,
    };
    const found = find(this.#root, lookup, 0) ?? (this.#greedyLast ? longestGreedy(this.#root, lookup, 0) : undefined);
    if (found) {
      const { operation, pathParameters, sentPathParameters } = found;
      return sentPathParameters ? { operation, pathParameters, sentPathParameters } : { operation, pathParameters };
    }
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

/** What a lookup matches: the path's non-empty segments, the method, and the path itself when parameters are also kept as sent (REST APIs). */
interface Lookup {
  segments: string[];
  method: string;
  rawPath: string | undefined;
  /** False: `find` matches only routes without a greedy parameter. */
  greedy: boolean;
}

function find(node: ResourceNode, lookup: Lookup, index: number): RouteMatch | undefined {
  const { segments, method } = lookup;
  if (index === segments.length) {
    const operation = node.methods.get(method) ?? node.methods.get('ANY');
    return operation ? { operation, pathParameters: {} } : undefined;
  }
  const segment = segments[index]!;
  const literal = node.literals.get(segment);
  const viaLiteral = literal && find(literal, lookup, index + 1);
  if (viaLiteral) return viaLiteral;
  if (node.parameter) {
    const viaParameter = find(node.parameter.node, lookup, index + 1);
    if (viaParameter) return withParameter(viaParameter, node.parameter.name, segment, lookup);
  }
  return lookup.greedy === false ? undefined : greedyMatch(node, lookup, index);
}

/** The node's greedy route for the method, taking the path from segment `index` on. */
function greedyMatch(node: ResourceNode, lookup: Lookup, index: number): RouteMatch | undefined {
  if (!node.greedy) return undefined;
  const operation = node.greedy.node.methods.get(lookup.method) ?? node.greedy.node.methods.get('ANY');
  if (!operation) return undefined;
  if (lookup.rawPath === undefined)
    return { operation, pathParameters: { [node.greedy.name]: lookup.segments.slice(index).map(decode).join('/') } };
  const value = rawRest(lookup.rawPath, index);
  return { operation, pathParameters: { [node.greedy.name]: value }, sentPathParameters: { [node.greedy.name]: value } };
}

/** The greedy route with the most segments before its greedy parameter (literal segments first among equals). */
function longestGreedy(node: ResourceNode, lookup: Lookup, index: number): (RouteMatch & { depth: number }) | undefined {
  let best: (RouteMatch & { depth: number }) | undefined;
  const consider = (candidate: (RouteMatch & { depth: number }) | undefined) => {
    if (candidate && (!best || candidate.depth > best.depth)) best = candidate;
  };
  const segment = lookup.segments[index];
  if (segment !== undefined) {
    const literal = node.literals.get(segment);
    if (literal) consider(longestGreedy(literal, lookup, index + 1));
    if (node.parameter) {
      const viaParameter = longestGreedy(node.parameter.node, lookup, index + 1);
      if (viaParameter) consider({ ...withParameter(viaParameter, node.parameter.name, segment, lookup), depth: viaParameter.depth });
    }
  }
  // A greedy parameter takes at least one segment.
  const here = segment === undefined ? undefined : greedyMatch(node, lookup, index);
  if (here) consider({ ...here, depth: index });
  return best;
}

/** The path after its first `skip` non-empty segments, as sent, without the slashes around it. */
function rawRest(path: string, skip: number): string {
  let position = 0;
  for (let seen = 0; seen < skip; seen++) {
    while (path[position] === '/') position++;
    position = path.indexOf('/', position);
  }
  let start = position;
  while (path[start] === '/') start++;
  return path.slice(start, path.endsWith('/') ? -1 : undefined);
}

/** The match with a `{param}` segment's value: decoded, and as sent too when the lookup keeps the path as sent (REST APIs). */
function withParameter(match: RouteMatch, name: string, segment: string, lookup: Lookup): RouteMatch {
  const pathParameters = { ...match.pathParameters, [name]: decode(segment) };
  if (lookup.rawPath === undefined) return { operation: match.operation, pathParameters };
  return { operation: match.operation, pathParameters, sentPathParameters: { ...match.sentPathParameters, [name]: segment } };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
