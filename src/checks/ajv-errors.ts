import type { ErrorObject } from 'ajv';

/**
 * Reduces ajv's raw errors to the ones a person should read. A value that fails a `oneOf`/`anyOf`
 * yields an error per branch; we keep the deepest errors (the exact place that is wrong), drop
 * branch summaries and the "is not a `$ref`" alternative, and keep one error per place.
 */
export function reduceAjvErrors(errors: readonly ErrorObject[], options: { cfnAlternatives?: boolean } = {}): ErrorObject[] {
  const cfnBranch = options.cfnAlternatives === false ? () => false : isCfnBranch;
  const plausible = errors.filter((error) => !isImplausibleBranch(error, errors));
  const relevant = plausible.filter(
    (error) =>
      !isSummary(error) &&
      !(error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === '$ref') &&
      !cfnBranch(error),
  );
  const pool = relevant.length > 0 ? relevant : errors.filter((error) => !cfnBranch(error));
  // Within alternatives, the deepest errors say what is wrong; an error outside any alternative
  // (a duplicate item, a missing field of a plain object) is always kept.
  const deepest = pool.filter(
    (error) => !inAlternative(error) || !pool.some((other) => other !== error && other.instancePath.startsWith(error.instancePath + '/')),
  );
  const seen = new Set<string>();
  return mergeAlternatives(deepest).filter((error) => {
    const key = `${error.instancePath}|${describeAjvError(error)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isSummary(error: ErrorObject): boolean {
  return ['oneOf', 'anyOf', 'if', 'not', 'propertyNames'].includes(error.keyword);
}

function inAlternative(error: ErrorObject): boolean {
  return /\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath);
}

const BRANCH = /^(.*\/(?:oneOf|anyOf))\/(\d+)\//;

/**
 * An alternative that fails on an `enum`/`const` (a Parameter whose `in` is not `query`) is the
 * wrong alternative, when another alternative of the same `oneOf`/`anyOf` fails only otherwise:
 * its errors would mislead.
 */
function isImplausibleBranch(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  const branch = BRANCH.exec(error.schemaPath);
  if (!branch) return false;
  const [, group, index] = branch;
  const owner = errors.find((other) => isSummary(other) && other.schemaPath === group && error.instancePath.startsWith(other.instancePath));
  if (!owner) return false;
  const siblings = errors.filter((other) => other.schemaPath.startsWith(`${group}/`) && other.instancePath.startsWith(owner.instancePath));
  const branchOf = (other: ErrorObject) => BRANCH.exec(other.schemaPath)?.[2];
  const mismatched = (candidate: string | undefined) =>
    siblings.some((other) => branchOf(other) === candidate && (other.keyword === 'enum' || other.keyword === 'const'));
  if (!mismatched(index)) return false;
  return siblings.some((other) => branchOf(other) !== index && !mismatched(branchOf(other)));
}

/**
 * Several `required` errors at one place come from alternatives (a Header needs `schema` or
 * `content`): one error names them all. An unknown field next to them is the wrong shape of the
 * same object, and is kept.
 */
function mergeAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const merged: ErrorObject[] = [];
  for (const error of errors) {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    const same = merged.find((other) => other.keyword === 'required' && other.instancePath === error.instancePath);
    if (error.keyword === 'required' && same && missing !== undefined) {
      const alternatives = (same.params as { alternatives?: string[] }).alternatives ?? [
        String((same.params as { missingProperty?: string }).missingProperty),
      ];
      same.params = { ...same.params, alternatives: [...alternatives, missing] };
      continue;
    }
    merged.push(error.keyword === 'required' ? { ...error, params: { ...error.params } } : error);
  }
  return merged;
}

/**
 * Errors from the CloudFormation alternative of a `cfn()` schema (extension-schemas.ts) only
 * repeat the real error. Schemas without such alternatives (OpenAPI's own) pass
 * `cfnAlternatives: false`.
 */
function isCfnBranch(error: ErrorObject): boolean {
  return error.schemaPath.includes('/anyOf/1') || error.schemaPath.includes('cfnValue');
}

/** The pointer of the value an error is about (for unknown properties and property names, the property itself). */
export function ajvErrorPointer(error: ErrorObject): string {
  // Errors about a key (unknown property, invalid property name) point at the key itself.
  const property =
    error.keyword === 'additionalProperties' ? (error.params as { additionalProperty?: string }).additionalProperty : error.propertyName;
  return property === undefined ? error.instancePath : `${error.instancePath}/${property.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** A short, specific sentence for one ajv error. */
export function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const custom = (error.parentSchema as { errorText?: string } | undefined)?.errorText;
  switch (error.keyword) {
    case 'additionalProperties':
      return `has an unknown field ${JSON.stringify(params.additionalProperty)}`;
    case 'required': {
      const alternatives = params.alternatives as string[] | undefined;
      return alternatives
        ? `needs one of the fields ${alternatives.map((name) => JSON.stringify(name)).join(', ')}`
        : `is missing the required field ${JSON.stringify(params.missingProperty)}`;
    }
    case 'enum':
    case 'caseInsensitiveEnum':
      return custom ?? `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'type':
      return `must be ${article(String(params.type).replaceAll(',', ' or '))}`;
    case 'propertyNames':
      return `has an invalid key ${JSON.stringify(params.propertyName)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    default:
      return custom ?? error.message ?? 'is invalid';
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The offending value, shortened for a message. */
export function quoteValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
