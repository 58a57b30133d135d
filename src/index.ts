/**
 * apigw-gen's programmatic API. The CLI is a client of these functions.
 *
 * @example
 * ```ts
 * import { generate, validate } from 'apigw-gen';
 * const result = await validate('openapi.yaml');
 * for (const d of result.diagnostics) console.log(d.code, d.file, d.line, d.message);
 * const run = await generate({ check: true }); // every target of apigw-gen.config.yaml
 * if (run.stale.length > 0) console.log('stale:', run.stale);
 * ```
 */
import { runChecks, type CheckOptions } from './checks/run-checks.js';
import type { Output } from './diagnostics/codes.js';
import { compareDiagnostics, DocumentError, hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { blockedOutputs, scopeDiagnostics } from './diagnostics/scope-diagnostics.js';
import { decideApiKind, type ApiKind, type ApiKindDecision } from './document/api-kind.js';
import { loadDocument, type LoadedDocument, type LoadOptions, type ReadFileStamp } from './load/load-document.js';
import { dropIgnoredValues } from './document/dropped-values.js';
import { readSwagger2StyleFields } from './document/swagger2-style-fields.js';
import { buildApiModel } from './model/build-api-model.js';
import type { ApiModel } from './model/types.js';

export interface ValidateOptions extends LoadOptions {
  /** Check as this kind of API instead of inferring it from the extensions. */
  apiKind?: ApiKind;
  /** Check as a REST API of this endpoint type (the config's `api.endpointType`) instead of the document's. */
  endpointType?: CheckOptions['endpointType'];
  /** Treat warnings as errors. */
  strict?: boolean;
}

export interface LoadApiOptions extends ValidateOptions {
  /**
   * Model the API even when checks find errors, and report them as warnings. For documents
   * that are not meant for API Gateway import (a client of a third-party API, say). Documents
   * that cannot be read or parsed still fail.
   */
  lenient?: boolean;
  /** Whether diagnostics get a line and column (see CheckOptions); when the run fails, all do. Default: true. */
  locate?: CheckOptions['locate'];
  /**
   * The output the API is loaded for: an error stops it only when its code makes that output
   * wrong (`blocks` in the catalogue), else it is a warning. Default: `validate` (every error stops).
   */
  target?: Output;
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
  result.diagnostics = withBlocks(result.diagnostics).sort(compareDiagnostics);
  result.valid = !hasErrors(result.diagnostics);
  return result;
}

/** Each error with the outputs it stops, as every command tells them. */
function withBlocks(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((diagnostic) =>
    diagnostic.severity === 'error' ? { ...diagnostic, blocks: blockedOutputs(diagnostic) } : diagnostic,
  );
}

/** The pipeline's first stages, shared by `validate` and `loadApi`: load, decide the kind of API, check. */
async function checkDocument(path: string, options: ValidateOptions & CheckOptions) {
  const loaded = await loadDocument(path, options).catch((error: unknown) => {
    throw error instanceof DocumentError ? new DocumentError(withBlocks(error.diagnostics)) : error;
  });
  const apiKind = decideApiKind(loaded.document, options.apiKind);
  const diagnostics = await runChecks(loaded, apiKind.kind, options);
  dropIgnoredValues(loaded.document, apiKind.kind);
  readSwagger2StyleFields(loaded.document);
  return { loaded, apiKind, diagnostics };
}

/** A loaded, checked and modelled API. */
export interface LoadedApi {
  model: ApiModel;
  /** The document the model was built from: bundled (external `$ref`s inlined), converted to OpenAPI 3 when it was Swagger 2.0. */
  document: Record<string, unknown>;
  /** Warnings and notes (errors throw). */
  diagnostics: Diagnostic[];
  /** Every file read (the root and the files its `$ref`s name), by absolute path, with its size and modification time when read. */
  files: ReadFileStamp[];
}

/** A document loaded and checked, before an output decides which of its findings stop it (see apiFor). */
export interface CheckedApi {
  loaded: LoadedDocument;
  apiKind: ApiKindDecision;
  diagnostics: Diagnostic[];
  /** Built by the first apiFor, shared by the others. */
  model?: ApiModel;
}

/** Loads and checks a document once, for any number of outputs. Throws a DocumentError when it cannot be read. */
export async function checkApi(path: string, options: ValidateOptions & CheckOptions = {}): Promise<CheckedApi> {
  return checkDocument(path, options);
}

/**
 * Loads, checks and models a document: the input of every generator. Throws a DocumentError
 * carrying every diagnostic when the document has errors that make `options.target` wrong.
 */
export async function loadApi(path: string, options: LoadApiOptions = {}): Promise<LoadedApi> {
  return apiFor(await checkDocument(path, options), options);
}

/** The API of a checked document as one output sees it (see loadApi). */
export function apiFor(checked: CheckedApi, options: Pick<LoadApiOptions, 'target' | 'lenient' | 'strict'> = {}): LoadedApi {
  const { loaded } = checked;
  const diagnostics = scopeDiagnostics(checked.diagnostics, {
    output: options.target ?? 'validate',
    apiGatewayDocument: loaded.scan.extensions.length > 0,
  });
  if (options.lenient) {
    const downgraded = diagnostics.map((diagnostic) =>
      diagnostic.severity === 'error' ? { ...diagnostic, severity: 'warning' as const } : diagnostic,
    );
    return { model: modelOf(checked), document: loaded.document, diagnostics: downgraded, files: loaded.files };
  }
  const failing = options.strict
    ? diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')
    : diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (failing.length > 0) {
    throw new DocumentError(locateAll(loaded, withBlocks(diagnostics)));
  }
  return { model: modelOf(checked), document: loaded.document, diagnostics, files: loaded.files };
}

/** Outputs of one document share its model. */
function modelOf(checked: CheckedApi): ApiModel {
  checked.model ??= buildApiModel(checked.loaded, checked.apiKind);
  return checked.model;
}

/** Gives a line to the diagnostics that were left without one: the user reads them all when the run fails. */
function locateAll(loaded: LoadedDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const unlocated = diagnostics.filter((diagnostic) => diagnostic.line === undefined && diagnostic.file === loaded.file);
  const locations = new Map(
    loaded.locate(unlocated.map((diagnostic) => diagnostic.pointer)).map((location, index) => [unlocated[index], location]),
  );
  return diagnostics
    .map((diagnostic) => {
      const location = locations.get(diagnostic);
      if (!location) return diagnostic;
      const { file, pointer, line, column } = location;
      return { ...diagnostic, file, pointer, ...(line === undefined ? {} : { line, column: column ?? 1 }) };
    })
    .sort(compareDiagnostics);
}

export { generate, type GenerateOptions, type GenerateResult, type TargetResult } from './generate/generate.js';
export type { ConfigFile, ConfigFileStage, ConfigFileUsagePlan, TargetConfig } from './config/types.js';
export { defineConfig } from './config/define-config.js';
export type { WriteResult } from './emit/write-plan.js';
export { DocumentError, UsageError } from './diagnostics/diagnostic.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export { diagnosticCatalog, OUTPUTS, type DiagnosticCode, type Output, type Severity } from './diagnostics/codes.js';
export type { ApiKind, ApiKindDecision } from './document/api-kind.js';
export type * from './model/types.js';
