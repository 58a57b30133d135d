import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** One finding of cfn-lint's JSON output. */
export interface CfnLintMatch {
  Level: string;
  Rule: { Id: string };
  Message: string;
  Filename: string;
}

/** Where cfn-lint is on PATH (it comes with the machine image, /root/.pyenv/shims/cfn-lint); undefined when it is not. */
export function whichCfnLint(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Everything cfn-lint finds in the files, in one run. A run that fails without findings throws. */
export async function runCfnLint(cfnLint: string, files: readonly string[]): Promise<CfnLintMatch[]> {
  const run = await promisify(execFile)(cfnLint, ['--format', 'json', '--', ...files], { maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; code?: unknown; message: string }) => {
      // cfn-lint exits 2, 4, 8 (or their sums) for findings; anything else, or no JSON, is a failed run.
      if (typeof error.code !== 'number' || !error.stdout?.trim()) throw new Error(`cfn-lint failed: ${error.message}`);
      return error.stdout;
    },
  );
  return JSON.parse(run || '[]') as CfnLintMatch[];
}
