import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { formatHuman } from '../../diagnostics/format-diagnostics.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

/** `apigw-gen inspect <document>`: the API model as JSON on stdout. */
export function inspectCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, SharedArgs> {
  return {
    command: 'inspect <document>',
    describe: 'Print the API model that the generators read, as JSON',
    builder: (yargs: Argv) => sharedDocumentOptions(yargs),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const { inspect } = await import('../../library/inspect.js');
          const { model, diagnostics } = await inspect({
            document: args.document,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          if (diagnostics.some((diagnostic) => diagnostic.severity !== 'info')) io.stderr(formatHuman(diagnostics, { color: io.color }));
          io.stdout(JSON.stringify(model, null, 2) + '\n');
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
