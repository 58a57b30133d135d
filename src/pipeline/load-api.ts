import type { CheckOptions } from '../checks/run-checks.js';
import type { Output } from '../diagnostics/codes.js';
import { compareDiagnostics, DocumentError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { scopeDiagnostics } from '../diagnostics/scope-diagnostics.js';
import type { ApiKindDecision } from '../document/api-kind.js';
import type { LoadedDocument, ReadFileStamp } from '../load/load-document.js';
import { buildApiModel } from '../model/build-api-model.js';
import type { ApiModel } from '../model/types.js';
import { checkDocument, withBlocks, type ValidateOptions } from './check-document.js';

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
