import { joinPointer } from '../diagnostics/json-pointer.js';
import { ANY_METHOD, HTTP_METHODS } from '../document/operations.js';
import { isRecord } from '../document/resolve-ref.js';

/** An operation a CloudFormation condition decides, read as the branch that defines it. */
interface ConditionalOperation {
  /** Pointer of the operation, which held `{ "Fn::If": [...] }`. */
  pointer: string;
  condition: string;
}

const NO_VALUE = 'AWS::NoValue';

/**
 * Reads each operation written as `{ "Fn::If": [condition, operation, { "Ref": "AWS::NoValue" }] }`
 * (as SAM writes the methods of functions that have a `Condition`) as the operation it defines:
 * CloudFormation resolves the condition before API Gateway imports the body, and the API has
 * the operation whenever the condition holds. The first branch that is an operation is taken.
 * Returns the document unchanged when it has none; otherwise a copy.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if
 * @see https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/api_with_auth_and_conditions_all_max.json
 */
export function unwrapConditionalOperations(document: Record<string, unknown>): {
  document: Record<string, unknown>;
  conditional: ConditionalOperation[];
} {
  const conditional: ConditionalOperation[] = [];
  if (!isRecord(document.paths)) return { document, conditional };
  let paths: Record<string, unknown> | undefined;
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isRecord(item)) continue;
    let copy: Record<string, unknown> | undefined;
    for (const key of [...HTTP_METHODS, ANY_METHOD]) {
      const branches = conditionBranches(item[key]);
      if (!branches) continue;
      const [condition, ...values] = branches;
      copy ??= { ...item };
      const operation = values.find((value) => isRecord(value) && !isNoValue(value));
      if (operation === undefined) delete copy[key];
      else copy[key] = operation;
      conditional.push({ pointer: joinPointer('/paths', path, key), condition: String(condition) });
    }
    if (copy) {
      paths ??= { ...document.paths };
      paths[path] = copy;
    }
  }
  return { document: paths ? { ...document, paths } : document, conditional };
}

function conditionBranches(value: unknown): unknown[] | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1) return undefined;
  const branches = value['Fn::If'];
  return Array.isArray(branches) && branches.length === 3 ? branches : undefined;
}

function isNoValue(value: Record<string, unknown>): boolean {
  return Object.keys(value).length === 1 && value.Ref === NO_VALUE;
}
