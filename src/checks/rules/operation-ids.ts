import type { Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import type { OperationSite } from '../../document/operations.js';

/** Reports operationIds used by more than one operation. */
export const checkOperationIds: Rule = (context) => {
  const byId = new Map<string, OperationSite[]>();
  for (const site of context.operations) {
    const id = site.operation.operationId;
    if (typeof id !== 'string') continue;
    byId.set(id, [...(byId.get(id) ?? []), site]);
  }
  for (const [id, sites] of byId) {
    if (sites.length < 2) continue;
    const [first, ...others] = sites;
    for (const site of others) {
      context.report({
        code: 'APIGW_DUPLICATE_OPERATION_ID',
        pointer: joinPointer(site.pointer, 'operationId'),
        operation: site.label,
        message: `operationId "${id}" of ${site.method} ${site.path} is already used by ${first?.method} ${first?.path}.`,
      });
    }
  }
};
