import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/run-command.js';

/** Runs the CLI in process (`main`, which bin/apigw-gen.js calls) and captures what it prints. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = { stdout: '', stderr: '' };
  const io: CommandIo = { stdout: (text) => (output.stdout += text), stderr: (text) => (output.stderr += text), color: false };
  const code = await main(args, io);
  return { code, ...output };
}

/** `file[:line:column]  severity  CODE` of each diagnostic printed in full. */
export function diagnosticHeads(stderr: string): string[] {
  return [...stderr.matchAll(/^(\S.*?) {2}(error|warning|info) {2}(APIGW_[A-Z0-9_]+) {2}/gm)].map(
    (match) => `${match[1]}  ${match[2]}  ${match[3]}`,
  );
}
