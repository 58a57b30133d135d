import type { Rule } from '../check-context.js';
import { getAtPointer } from '../../diagnostics/json-pointer.js';

/**
 * Reports internal `$ref`s whose target does not exist. (External files were bundled in on
 * load; the loader reports the ones that cannot be read.)
 */
export const checkReferences: Rule = (context) => {
  // Large documents name the same few hundred targets tens of thousands of times.
  const resolves = new Map<string, boolean>();
  const targetExists = (ref: string): boolean => {
    try {
      return getAtPointer(context.document, ref) !== undefined;
    } catch {
      return false; // Not a pointer at all (for example `#Pet`).
    }
  };
  for (const { pointer, ref } of context.scan.refs) {
    if (!ref.startsWith('#')) continue;
    let exists = resolves.get(ref);
    if (exists === undefined) resolves.set(ref, (exists = targetExists(ref)));
    if (!exists) {
      context.report({
        code: 'APIGW_REF_NOT_FOUND',
        pointer,
        message: `$ref ${JSON.stringify(ref)} points at nothing in this document.`,
      });
    }
  }
};
