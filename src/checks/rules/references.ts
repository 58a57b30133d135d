import type { Rule } from '../check-context.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';

/**
 * Reports internal `$ref`s whose target does not exist. (External files were bundled in on
 * load; the loader reports the ones that cannot be read.)
 */
export const checkReferences: Rule = (context) => {
  for (const { pointer, ref } of context.scan.refs) {
    if (!ref.startsWith('#')) continue;
    let target: unknown;
    try {
      target = getAtPointer(context.document, ref);
    } catch {
      target = undefined; // Not a pointer at all (for example `#Pet`).
    }
    if (target === undefined) {
      context.report({
        code: 'APIGW_REF_NOT_FOUND',
        pointer,
        message: `$ref ${JSON.stringify(ref)} points at nothing in this document.`,
      });
    }
  }
};
