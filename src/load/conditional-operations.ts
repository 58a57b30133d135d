import { getAtPointer, joinPointer, parsePointer } from '../diagnostics/json-pointer.js';
import { conditionalBranch } from '../document/cfn-values.js';
import { ANY_METHOD, HTTP_METHODS } from '../document/operations.js';
import { isRecord } from '../document/resolve-ref.js';

/** A path item or an operation a CloudFormation condition decides (see conditionalBranch). */
interface ConditionalObject {
  /** Pointer of the object, which holds `{ "Fn::If": [...] }`, in the document without conditions. */
  pointer: string;
  /** Its pointer in the document as written (through the branch of a conditional path item). */
  sourcePointer: string;
  condition: string;
  /** The `Fn::If` list as written. */
  list: unknown[];
  /** The place in `list` of the branch read as the object, or -1 when no branch is an object. */
  index: number;
}

/**
 * Finds the path items and operations written as `{ "Fn::If": [condition, value, { "Ref":
 * "AWS::NoValue" }] }` (as SAM writes the methods of functions that have a `Condition`), and a
 * copy of the document with each replaced by its branch: what the Swagger 2.0 converter must see
 * to convert them. `rewrapConditionalObjects` puts the conditions back, so that every output keeps
 * them; readers look through them (listOperations).
 * @see https://github.com/aws/serverless-application-model/blob/develop/tests/translator/output/api_with_auth_and_conditions_all_max.json
 */
export function unwrapConditionalObjects(document: Record<string, unknown>): {
  document: Record<string, unknown>;
  conditional: ConditionalObject[];
} {
  const conditional: ConditionalObject[] = [];
  if (!isRecord(document.paths)) return { document, conditional };
  const paths: Record<string, unknown> = { ...document.paths };
  /** Replaces `holder[key]` by its branch; returns the pointer of that branch as written. */
  const unwrap = (holder: Record<string, unknown>, key: string, pointers: { pointer: string; sourcePointer: string }): string => {
    const branch = conditionalBranch(holder[key]);
    if (!branch) return pointers.sourcePointer;
    const list = (holder[key] as { 'Fn::If': unknown[] })['Fn::If'];
    conditional.push({ ...pointers, condition: branch.condition, list, index: branch.index });
    if (branch.value) holder[key] = { ...branch.value };
    else delete holder[key];
    return joinPointer(pointers.sourcePointer, 'Fn::If', branch.index);
  };
  for (const path of Object.keys(paths)) {
    const pointer = joinPointer('/paths', path);
    const itemSource = unwrap(paths, path, { pointer, sourcePointer: pointer });
    const item = paths[path];
    if (!isRecord(item)) continue;
    const copy = { ...item };
    paths[path] = copy;
    for (const key of [...HTTP_METHODS, ANY_METHOD]) {
      unwrap(copy, key, { pointer: joinPointer(pointer, key), sourcePointer: joinPointer(itemSource, key) });
    }
  }
  return { document: conditional.length > 0 ? { ...document, paths } : document, conditional };
}

/** Puts the conditions `unwrapConditionalObjects` found back into a document (changed in place), around what their places now hold. */
export function rewrapConditionalObjects(document: Record<string, unknown>, conditional: readonly ConditionalObject[]): void {
  // Operations first, then the path items that hold them.
  for (const { pointer, list, index } of [...conditional].reverse()) {
    const tokens = parsePointer(pointer);
    const holder = getAtPointer(document, joinPointer('', ...tokens.slice(0, -1)));
    if (!isRecord(holder)) continue;
    const key = tokens.at(-1)!;
    holder[key] = { 'Fn::If': list.map((value, at) => (at === index ? holder[key] : value)) };
  }
}
