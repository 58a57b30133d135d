import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface ValidateArgs extends SharedArgs {
  strict: boolean;
  format: 'human' | 'json';
}

/** `apigw-gen validate <document>`: everything API Gateway would reject, ignore or change. */
export function validateCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate <document>',
    describe: 'Check an OpenAPI document and its API Gateway extensions before you deploy',
    builder: (yargs: Argv) =>
      sharedDocumentOptions(yargs)
        .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as errors' })
        .option('format', {
          choices: ['human', 'json'] as const,
          default: 'human' as const,
          describe: 'Output format (json goes to stdout)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const { validate } = await import('../../pipeline/validate.js');
          const result = await validate(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            strict: args.strict,
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          if (args.format === 'json') {
            const { summarize } = await import('../../diagnostics/format-diagnostics.js');
            io.stdout(JSON.stringify({ ...result, summary: summarize(result.diagnostics) }, null, 2) + '\n');
          } else {
            const { formatHuman } = await import('../../diagnostics/format-diagnostics.js');
            io.stderr(formatHuman(result.diagnostics, { color: io.color }));
          }
          return result.valid ? ExitCode.ok : ExitCode.documentErrors;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
