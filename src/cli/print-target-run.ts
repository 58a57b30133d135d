import { formatCounts } from '../diagnostics/format-diagnostics.js';
import type { TargetRunResult } from '../library/document-options.js';
import type { CommandIo } from './run-command.js';

/** What a generator command tells on stderr: the document's warnings, counted; what the output left out; what was written. */
export function printTargetRun(
  command: string,
  run: TargetRunResult,
  { io, document, warningPrefix = '' }: { io: CommandIo; document: string; warningPrefix?: string },
): void {
  const warnings = run.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
  if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document }));
  for (const message of run.warnings) io.stderr(`apigw-gen ${command}: ${warningPrefix}${message}\n`);
  for (const line of run.report) io.stderr(`apigw-gen ${command}: ${line}\n`);
}
