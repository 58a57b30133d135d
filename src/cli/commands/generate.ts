import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { TargetConfig } from '../../config/types.js';
import { UsageError } from '../../diagnostics/diagnostic.js';
import type { GenerateResult } from '../../generate/generate-types.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';

interface GenerateArgs {
  config?: string;
  check: boolean;
  watch: boolean;
  bump: boolean;
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
        })
        .option('bump', {
          type: 'boolean',
          default: false,
          describe: 'Release the SDK targets: raise each version by what changed since its last release, with a CHANGELOG.md entry',
        })
        .option('watch', {
          type: 'boolean',
          default: false,
          describe: 'Generate again whenever the config, a document or a file it $refs changes (Ctrl-C stops)',
        }) as unknown as Argv<GenerateArgs>,
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          if (args.watch && (args.check || args.bump))
            throw new UsageError('--watch goes with neither --check nor --bump, which run once.');
          const say = (text: string) => io.stderr(`apigw-gen generate: ${text}\n`);
          const options = {
            ...(args.config === undefined ? {} : { config: args.config }),
            onWarning: (target: TargetConfig, message: string) =>
              say(`${target.type} ${relative(process.cwd(), target.out)}: warning: ${message}`),
          };
          if (args.watch) {
            const { watchGenerate } = await import('../../generate/watch.js');
            const controller = new AbortController();
            process.once('SIGINT', () => controller.abort());
            await watchGenerate({
              ...options,
              signal: controller.signal,
              onRun: async (outcome) => {
                // A failed run is told as a run of its own would tell it; watching goes on.
                if ('error' in outcome)
                  await runCommand(
                    () => {
                      throw outcome.error;
                    },
                    { io, debug: args.debug },
                  );
                else await printRun(outcome.result, io);
              },
            });
            return ExitCode.ok;
          }
          const { generate } = await import('../../generate/generate.js');
          // On a terminal, one line redrawn in place while targets are written; CI logs get only the results.
          const progress = (done: number, total: number) => io.stderr(`\r\x1b[2Kapigw-gen generate: ${done}/${total} targets`);
          let run: GenerateResult;
          try {
            run = await generate({
              ...options,
              check: args.check,
              bump: args.bump,
              ...(io.interactive ? { onProgress: progress } : {}),
            });
          } finally {
            if (io.interactive) io.stderr('\r\x1b[2K');
          }
          if (!args.check) {
            await printRun(run, io);
            return ExitCode.ok;
          }
          if (run.stale.length === 0) {
            say(upToDate(run));
            return ExitCode.ok;
          }
          say(`${run.stale.length} file(s) stale or missing; run apigw-gen generate:`);
          for (const path of run.stale) io.stderr(`  ${path}\n`);
          return ExitCode.documentErrors;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}

/** The documents' warnings, counted, then one line per target: what changed and how long it took. */
export async function printRun(run: GenerateResult, io: CommandIo): Promise<void> {
  if (run.warnings.size > 0) {
    const { formatCounts } = await import('../../diagnostics/format-diagnostics.js');
    for (const [document, warnings] of run.warnings) {
      io.stderr(formatCounts(warnings, { color: io.color, document: relative(process.cwd(), document) }));
    }
  }
  for (const { target, report, duration } of run.targets) {
    const [first, ...rest] = report;
    io.stderr(`apigw-gen generate: ${target.type} ${first ?? ''} (${Math.round(duration)} ms)\n`);
    for (const line of rest) io.stderr(`apigw-gen generate: ${target.type}: ${line}\n`);
  }
}

export function upToDate(run: GenerateResult): string {
  return `${run.targets.length} target(s) up to date`;
}
