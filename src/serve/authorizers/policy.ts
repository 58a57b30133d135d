/**
 * The IAM policy a Lambda authorizer returns, evaluated as API Gateway does for the method being
 * called: an explicit `Deny` that covers the method ARN wins, then an `Allow` that covers it;
 * otherwise the request is implicitly denied. `*` in a resource matches any run of characters
 * (slashes included) and `?` one character, as in IAM; since API Gateway caches the policy per
 * identity, the same cached policy is evaluated again for each method the caller reaches.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */

export type PolicyDecision = 'allow' | 'explicitDeny' | 'implicitDeny';

/** A statement with its wildcards compiled: a cached policy is evaluated on every request of its caller. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: RegExp[];
  resources: RegExp[];
}

/** The statements of a policy document, or undefined when it is not one API Gateway accepts. */
export function readPolicyDocument(document: unknown): PolicyStatement[] | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const statements = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  const read: PolicyStatement[] = [];
  for (const statement of list) {
    if (typeof statement !== 'object' || statement === null) return undefined;
    const { Effect, Action, Resource } = statement as Record<string, unknown>;
    if (Effect !== 'Allow' && Effect !== 'Deny') return undefined;
    const actions = strings(Action);
    const resources = strings(Resource);
    if (!actions || !resources) return undefined;
    read.push({ effect: Effect, actions: actions.map((action) => wildcards(action.toLowerCase())), resources: resources.map(wildcards) });
  }
  return read.length > 0 ? read : undefined;
}

export function evaluatePolicy(statements: readonly PolicyStatement[], methodArn: string): PolicyDecision {
  const applies = (statement: PolicyStatement) =>
    statement.actions.some((action) => action.test('execute-api:invoke')) &&
    statement.resources.some((resource) => resource.test(methodArn));
  if (statements.some((statement) => statement.effect === 'Deny' && applies(statement))) return 'explicitDeny';
  return statements.some((statement) => statement.effect === 'Allow' && applies(statement)) ? 'allow' : 'implicitDeny';
}

/** IAM's wildcards: `*` any run of characters, `?` any one; everything else literally. */
function wildcards(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's');
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return value;
  return undefined;
}
