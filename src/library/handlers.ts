import { loadApi } from '../pipeline/load-api.js';
import { planHandlersTarget } from '../targets/handlers/handlers-target.js';
import type { ValidationMode } from '../targets/handlers/validators.js';
import { finishTarget, loadOptionsOf, type TargetOptions, type TargetRunResult } from './document-options.js';

export interface HandlersOptions extends TargetOptions {
  /** Overwrite files at generated paths that apigw-gen did not write, and write again example tests the user deleted (the user's implementations are never touched). */
  force?: boolean;
  /** Generate even when the document has errors API Gateway would reject; they come back as warnings. */
  lenient?: boolean;
  /** Which operations the routers validate with API Gateway's request validator rules (default `document`: as its validators say). */
  validation?: ValidationMode;
  /** Operation ids whose requests (and answers) the routers never validate. */
  skipValidation?: readonly string[];
  /**
   * Check each JSON answer against the schema declared for its status: an answer that breaks the
   * contract becomes a 500 naming the operation, the status and the JSON pointer at fault, and a
   * log line. For tests and development; off by default (no response schemas in the bundle).
   */
  responseValidation?: boolean;
}

/**
 * Generates typed Lambda handlers into the folder `out`: a router per function, stubs to
 * implement (written once, then the user's), authorizer stubs.
 * @throws DocumentError when the document has errors that make the handlers wrong (unless `lenient`).
 * @throws UsageError when `out` holds files at generated paths that apigw-gen did not write (unless `force`).
 */
export async function handlers(options: HandlersOptions): Promise<TargetRunResult> {
  const api = await loadApi(options.document, { ...loadOptionsOf(options, 'handlers'), lenient: options.lenient ?? false });
  const plan = planHandlersTarget(api, {
    out: options.out,
    force: options.force ?? false,
    ...(options.validation ? { validation: options.validation } : {}),
    ...(options.skipValidation ? { skipValidation: options.skipValidation } : {}),
    ...(options.responseValidation ? { responseValidation: true } : {}),
  });
  return finishTarget(plan, options, { diagnostics: api.diagnostics, warnings: [] });
}
