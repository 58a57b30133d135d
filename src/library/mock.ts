import { documentFormatOf } from '../emit/document-file.js';
import { loadApi } from '../pipeline/load-api.js';
import { planMockTarget } from '../targets/mock/mock-target.js';
import { finishTarget, loadOptionsOf, type TargetOptions, type TargetRunResult } from './document-options.js';

export interface MockOptions extends TargetOptions {
  /** Mock every operation, replacing its integration. Default: only operations without one. */
  all?: boolean;
}

/**
 * Writes a copy of the document whose operations answer with MOCK integrations, to the file
 * `out` (.yaml, .yml or .json).
 * @throws UsageError when `out` has another extension, or is a file apigw-gen did not write.
 * @throws DocumentError when the document has errors that make the mock wrong.
 */
export async function mock(options: MockOptions): Promise<TargetRunResult> {
  documentFormatOf(options.out); // A usage mistake is told before the document is read.
  const api = await loadApi(options.document, loadOptionsOf(options, 'mock'));
  const warnings: string[] = [];
  const plan = planMockTarget(api, { document: options.document, out: options.out, all: options.all ?? false }, (message) =>
    warnings.push(message),
  );
  return finishTarget(plan, options, { diagnostics: api.diagnostics, warnings });
}
