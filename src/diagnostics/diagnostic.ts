import type { DiagnosticCode, Output, Severity } from './codes.js';

/** One problem found in a document: the same shape for every stage and every output format. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** The file the problem is in, relative to the working directory. */
  file: string;
  /** RFC 6901 pointer into `file`. */
  pointer: string;
  /** 1-based, when the source position is known. */
  line?: number;
  column?: number;
  /** `operationId (METHOD /path)` when the problem belongs to an operation. */
  operation?: string;
  help: string;
  /** For an error `validate` reports: the outputs it stops (the others generate with it as a warning). */
  blocks?: Output[];
}

/** What a check reports: a pointer into the loaded (bundled) document, which the loader later maps to a file and line. */
export interface Finding {
  code: DiagnosticCode;
  pointer: string;
  message: string;
  /** Overrides the catalogue's fix when the finding knows a more precise one. */
  help?: string;
  /** Overrides the catalogue's severity (for rules whose severity depends on the API kind). */
  severity?: Severity;
  operation?: string;
}

/** Orders diagnostics by file, then line, then pointer, then code: one stable order for every output. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.pointer, b.pointer) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** Plain code-point comparison: never locale-dependent. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/**
 * A problem that stops the pipeline before there is a document to check (unreadable file,
 * malformed YAML, broken `$ref`s). It carries every diagnostic found so far.
 */
export class DocumentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    this.name = 'DocumentError';
    this.diagnostics = diagnostics;
  }
}

/** A mistake in how apigw-gen was called (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
