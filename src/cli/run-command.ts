import { DocumentError, UsageError } from '../diagnostics/diagnostic.js';
import { formatHuman } from '../diagnostics/format-diagnostics.js';

/** Exit codes of every command. */
export const ExitCode = { ok: 0, documentErrors: 1, usage: 2, internal: 3 } as const;

/** Where a command writes: stdout carries requested data only; everything else goes to stderr. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
  /** stderr is a terminal: a line can be redrawn in place (progress); in CI every line stays. */
  interactive?: boolean;
}

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
  interactive: Boolean(process.stderr.isTTY),
};

/**
 * Runs a command body and maps what it throws to an exit code: document problems (1) print their
 * diagnostics, usage mistakes (2) one line, anything else (3) one line asking for a report, with
 * the stack only under --debug.
 */
export async function runCommand(body: () => Promise<number>, options: { io: CommandIo; debug: boolean }): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DocumentError) {
      options.io.stderr(formatHuman(error.diagnostics, { color: options.io.color }));
      return ExitCode.documentErrors;
    }
    if (error instanceof UsageError) {
      options.io.stderr(`apigw-gen: ${error.message}\n`);
      return ExitCode.usage;
    }
    const detail = options.debug && error instanceof Error ? `\n${error.stack ?? error.message}` : ' (run with --debug for details)';
    options.io.stderr(
      `apigw-gen: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\nPlease report it at https://github.com/apigw-gen/apigw-gen/issues with the command and document.\n`,
    );
    return ExitCode.internal;
  }
}
