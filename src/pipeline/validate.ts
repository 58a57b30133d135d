import { compareDiagnostics, DocumentError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ApiKindDecision } from '../document/api-kind.js';
import { checkDocument, withBlocks, type ValidateOptions } from './check-document.js';

/** What `validate` found. */
export interface ValidateResult {
  /** The root file, as shown to users. */
  file: string;
  /** Undefined when the document could not be loaded. */
  apiKind?: ApiKindDecision;
  diagnostics: Diagnostic[];
  /** True when no diagnostic is an error. */
  valid: boolean;
}

/**
 * Loads and checks a document: every problem API Gateway would reject, ignore or change, in
 * one run. Problems with the document never throw; they come back as diagnostics.
 */
export async function validate(path: string, options: ValidateOptions = {}): Promise<ValidateResult> {
  let result: ValidateResult;
  try {
    const { loaded, apiKind, diagnostics } = await checkDocument(path, options);
    result = { file: loaded.file, apiKind, diagnostics, valid: true };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    result = { file: error.diagnostics[0]?.file ?? path, diagnostics: error.diagnostics, valid: false };
  }
  if (options.strict) {
    result.diagnostics = result.diagnostics.map((diagnostic) =>
      diagnostic.severity === 'warning' ? { ...diagnostic, severity: 'error' } : diagnostic,
    );
  }
  result.diagnostics = withBlocks(result.diagnostics).sort(compareDiagnostics);
  result.valid = !hasErrors(result.diagnostics);
  return result;
}
