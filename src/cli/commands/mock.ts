import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface MockArgs extends SharedArgs {
  out: string;
  all: boolean;
}

/** `apigw-gen mock <document> -o <file>`: the document with MOCK integrations, ready to deploy. */
export function mockCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, MockArgs> {
  return {
    command: 'mock <document>',
    describe: 'Write a copy of the document whose operations answer with MOCK integrations',
    builder: (yargs: Argv) =>
      sharedDocumentOptions(yargs)
        .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Output document (.yaml, .yml or .json)' })
        .option('all', {
          type: 'boolean',
          default: false,
          describe: 'Mock every operation, replacing its integration (default: only operations without one)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ mock }, { printTargetRun }] = await Promise.all([import('../../library/mock.js'), import('../print-target-run.js')]);
          const run = await mock({
            document: args.document,
            out: args.out,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
            all: args.all,
          });
          printTargetRun('mock', run, { io, document: args.document });
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
