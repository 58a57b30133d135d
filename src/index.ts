/**
 * apigw-gen's programmatic API. The CLI is a client of these functions.
 *
 * @example
 * ```ts
 * import { validate } from 'apigw-gen';
 * const result = await validate('openapi.yaml');
 * for (const d of result.diagnostics) console.log(d.code, d.file, d.line, d.message);
 * ```
 */
import { runChecks } from './checks/run-checks.js';
import { compareDiagnostics, DocumentError, hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { decideApiKind, type ApiKind, type ApiKindDecision } from './document/api-kind.js';
import { loadDocument, type LoadOptions } from './load/load-document.js';
import { buildApiModel } from './model/build-api-model.js';
import type { ApiModel } from './model/types.js';

export interface ValidateOptions extends LoadOptions {
  /** Check as this kind of API instead of inferring it from the extensions. */
  apiKind?: ApiKind;
  /** Treat warnings as errors. */
  strict?: boolean;
}

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
  result.diagnostics.sort(compareDiagnostics);
  result.valid = !hasErrors(result.diagnostics);
  return result;
}

/** The pipeline's first stages, shared by `validate` and `loadApi`: load, decide the kind of API, check. */
async function checkDocument(path: string, options: ValidateOptions) {
  const loaded = await loadDocument(path, options);
  const apiKind = decideApiKind(loaded.document, options.apiKind);
  return { loaded, apiKind, diagnostics: await runChecks(loaded, apiKind.kind) };
}

/** A loaded, checked and modelled API. */
export interface LoadedApi {
  model: ApiModel;
  /** Warnings and notes (errors throw). */
  diagnostics: Diagnostic[];
}

/**
 * Loads, checks and models a document: the input of every generator. Throws a DocumentError
 * carrying every diagnostic when the document has errors.
 */
export async function loadApi(path: string, options: ValidateOptions = {}): Promise<LoadedApi> {
  const { loaded, apiKind, diagnostics } = await checkDocument(path, options);
  const failing = options.strict
    ? diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')
    : diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (failing.length > 0) throw new DocumentError(diagnostics);
  return { model: buildApiModel(loaded, apiKind), diagnostics };
}

export { DocumentError, UsageError } from './diagnostics/diagnostic.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export { diagnosticCatalog, type DiagnosticCode, type Severity } from './diagnostics/codes.js';
export type { ApiKind, ApiKindDecision } from './document/api-kind.js';
export type * from './model/types.js';
