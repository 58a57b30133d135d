import { writeGeneratedFile, writePlan, type PlannedFile, type WriteResult } from '../emit/write-plan.js';

/**
 * What one target will write, planned before anything is written: `generate` plans every
 * target, then writes them all, so a target that fails leaves every output as it was.
 */
export interface TargetPlan {
  output: TargetOutput;
  /** Lines to show once written: what the write did, and what the user should know about it. `out` is the output as shown. */
  report(result: WriteResult, out: string): string[];
}

/** A folder with a manifest (sdk, handlers), or one generated file among the user's (mock, cfn). */
export type TargetOutput =
  | { kind: 'folder'; out: string; files: PlannedFile[]; force?: boolean }
  | { kind: 'file'; out: string; contents: string; isGenerated: (text: string) => boolean };

/** Writes a target's output; with `check`, writes nothing and reports what would change. */
export function writeTarget(output: TargetOutput, options: { check?: boolean } = {}): WriteResult {
  const check = options.check ?? false;
  if (output.kind === 'folder') return writePlan(output.out, output.files, { check, force: output.force ?? false });
  return writeGeneratedFile(output.out, output.contents, { isGenerated: output.isGenerated, check });
}

/** `3 written, 10 unchanged, 0 removed`: the counts every folder target reports. */
export function writeCounts(result: WriteResult): string {
  return `${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed`;
}
