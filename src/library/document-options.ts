import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ApiKind } from '../document/api-kind.js';
import type { PlannedFile, WriteResult } from '../emit/write-plan.js';
import type { LoadApiOptions } from '../pipeline/load-api.js';
import { writeTarget, type TargetPlan } from '../targets/target-plan.js';

/** What every library function that reads a document takes. */
export interface DocumentOptions {
  /**
   * The OpenAPI document: YAML or JSON, OpenAPI 3.0, 3.1 or Swagger 2.0, or a SAM or CloudFormation
   * template whose API resource holds one. Relative to the working directory.
   */
  document: string;
  /** The logical id of the template's API resource to read, when it has several. */
  api?: string;
  /** Read it as this kind of API instead of inferring it from its extensions. */
  apiKind?: ApiKind;
  /** Follow `$ref`s to files outside the document's folder (default: refused, as a safety measure). */
  allowExternalRefs?: boolean;
}

/** What every generator (`sdk`, `handlers`, `mock`, `cfn`) takes. */
export interface TargetOptions extends DocumentOptions {
  /** Where to write: a folder (`sdk`, `handlers`) or a file (`mock`, `cfn`). */
  out: string;
  /** Plan only: return the planned files and touch nothing on disk. */
  dryRun?: boolean;
  /** Write nothing; `written` tells what a run would write or remove, as `generate({ check: true })` does. */
  check?: boolean;
}

/** What a generator planned and did. */
export interface TargetRunResult {
  /**
   * Every file planned. For a folder output (`sdk`, `handlers`), paths are relative to `out`;
   * for a file output (`mock`, `cfn`), the path is `out` itself.
   */
  files: PlannedFile[];
  /** The document's warnings and notes, without line numbers (errors throw a DocumentError; `validate()` locates every finding). */
  diagnostics: Diagnostic[];
  /** What the output leaves out or the user should look at, one sentence each. */
  warnings: string[];
  /** What was written (with `check`: what would be); undefined with `dryRun`. */
  written?: WriteResult;
  /** What the write did and what the user should know, one line each; empty with `dryRun`. */
  report: string[];
}

/** The loadApi options of a generator: warnings are only counted by the CLI, so they are not located (a failing run locates everything). */
export function loadOptionsOf(options: DocumentOptions, target: NonNullable<LoadApiOptions['target']>): LoadApiOptions {
  return {
    allowExternalRefs: options.allowExternalRefs ?? false,
    ...(options.api === undefined ? {} : { api: options.api }),
    target,
    locate: false,
    ...(options.apiKind ? { apiKind: options.apiKind } : {}),
  };
}

/** Writes a planned target (or, with `dryRun`, does not) and gathers what the caller is told. */
export function finishTarget(
  plan: TargetPlan,
  options: TargetOptions,
  found: { diagnostics: Diagnostic[]; warnings: string[] },
): TargetRunResult {
  const { output } = plan;
  const files: PlannedFile[] =
    output.kind === 'folder' ? output.files : [{ path: output.out, contents: output.contents, ownership: 'generated' }];
  if (options.dryRun) return { files, ...found, report: [] };
  const written = writeTarget(output, { check: options.check ?? false });
  return { files, ...found, written, report: plan.report(written, options.out) };
}
