import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';

interface GenerateArgs {
  config?: string;
  check: boolean;
  debug: boolean;
}

/** `apigw-gen generate`: every target of the config file, for a prebuild hook or CI. */
export function generateCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, GenerateArgs> {
  return {
    command: 'generate',
    describe: 'Generate every target of the config file (sdk, handlers, mock, cfn)',
    builder: (yargs: Argv) =>
      yargs
        .option('config', {
          type: 'string',
          describe: 'Config file (default: apigw-gen.config.yaml/.yml/.json or "apigw-gen" in package.json)',
        })
        .option('check', {
          type: 'boolean',
          default: false,
          describe: 'Write nothing; exit 1 listing the files a run would write or remove',
        }) as unknown as Argv<GenerateArgs>,
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ generate }, { formatCounts }] = await Promise.all([
            import('../../generate/generate.js'),
            import('../../diagnostics/format-diagnostics.js'),
          ]);
          const say = (text: string) => io.stderr(`apigw-gen generate: ${text}\n`);
          const run = await generate({
            ...(args.config === undefined ? {} : { config: args.config }),
            check: args.check,
            onWarning: (target, message) => say(`${target.type} ${relative(process.cwd(), target.out)}: warning: ${message}`),
          });
          for (const [document, warnings] of run.warnings) {
            io.stderr(formatCounts(warnings, { color: io.color, document: relative(process.cwd(), document) }));
          }
          if (args.check) {
            if (run.stale.length === 0) {
              say(`${run.targets.length} target(s) up to date`);
              return ExitCode.ok;
            }
            say(`${run.stale.length} file(s) stale or missing; run apigw-gen generate:`);
            for (const path of run.stale) io.stderr(`  ${path}\n`);
            return ExitCode.documentErrors;
          }
          for (const { target, report, duration } of run.targets) {
            const [first, ...rest] = report;
            say(`${target.type} ${first ?? ''} (${Math.round(duration)} ms)`);
            for (const line of rest) say(`${target.type}: ${line}`);
          }
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
