import yargs from 'yargs';
import { handlersCommand } from './commands/handlers.js';
import { cfnCommand } from './commands/cfn.js';
import { generateCommand } from './commands/generate.js';
import { inspectCommand } from './commands/inspect.js';
import { mockCommand } from './commands/mock.js';
import { sdkCommand } from './commands/sdk.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { packageVersion } from '../package-root.js';
import { ExitCode, processIo, type CommandIo } from './run-command.js';

/**
 * Builds the CLI for an argument list. Nothing runs at import time; tests parse and run it in
 * process with their own `io`.
 */
export function createCli(argv: string[], io: CommandIo = processIo, setExitCode: (code: number) => void = () => {}) {
  const cli = yargs(argv);
  // yargs renders the help of every command it runs, in case the command fails; wrapping that
  // text to the terminal costs ~20 ms a run, so it is wrapped only when help is what was asked for.
  const helpWanted = argv.some((arg) => arg === '--help' || arg === '-h');
  return cli
    .wrap(helpWanted ? cli.terminalWidth() : null)
    .scriptName('apigw-gen')
    .usage('$0 <command> [options]')
    .command(validateCommand(io, setExitCode))
    .command(inspectCommand(io, setExitCode))
    .command(sdkCommand(io, setExitCode))
    .command(handlersCommand(io, setExitCode))
    .command(mockCommand(io, setExitCode))
    .command(serveCommand(io, setExitCode))
    .command(cfnCommand(io, setExitCode))
    .command(generateCommand(io, setExitCode))
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces of internal errors' })
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .strict()
    .env('APIGW_GEN')
    .help()
    .version(packageVersion())
    .epilog('Docs: https://github.com/apigw-gen/apigw-gen#readme')
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new CliUsageError(message);
    });
}

class CliUsageError extends Error {}

/** Runs the CLI and resolves to its exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  try {
    await createCli(argv, io, (code) => {
      exitCode = code;
    }).parseAsync();
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr(`apigw-gen: ${error.message}\nRun "apigw-gen --help" for usage.\n`);
    return ExitCode.usage;
  }
  return exitCode;
}
