import { loadApi } from '../pipeline/load-api.js';
import { planHandlersTarget } from '../targets/handlers/handlers-target.js';
import { finishTarget, loadOptionsOf, type TargetOptions, type TargetRunResult } from './document-options.js';

export interface HandlersOptions extends TargetOptions {
  /** Overwrite files at generated paths that apigw-gen did not write (the user's implementations are never touched). */
  force?: boolean;
  /** Generate even when the document has errors API Gateway would reject; they come back as warnings. */
  lenient?: boolean;
}

/**
 * Generates typed Lambda handlers into the folder `out`: a router per function, stubs to
 * implement (written once, then the user's), authorizer stubs.
 * @throws DocumentError when the document has errors that make the handlers wrong (unless `lenient`).
 * @throws UsageError when `out` holds files at generated paths that apigw-gen did not write (unless `force`).
 */
export async function handlers(options: HandlersOptions): Promise<TargetRunResult> {
  const api = await loadApi(options.document, { ...loadOptionsOf(options, 'handlers'), lenient: options.lenient ?? false });
  const plan = planHandlersTarget(api, { out: options.out, force: options.force ?? false });
  return finishTarget(plan, options, { diagnostics: api.diagnostics, warnings: [] });
}
