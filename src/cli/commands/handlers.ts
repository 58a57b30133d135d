import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';
import type { ValidationMode } from '../../targets/handlers/validators.js';

interface HandlersArgs extends SharedArgs {
  out: string;
  force: boolean;
  lenient: boolean;
  validation: ValidationMode;
  skipValidation?: string[];
  responseValidation?: boolean;
}

/** `apigw-gen handlers <document> -o <folder>`: typed Lambda handlers. */
export function handlersCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, HandlersArgs> {
  return {
    command: 'handlers <document>',
    describe: 'Generate typed Lambda handlers: a router per function, stubs to implement, authorizer stubs',
    builder: (yargs: Argv) =>
      sharedDocumentOptions(yargs)
        .option('out', {
          alias: 'o',
          type: 'string',
          demandOption: true,
          describe: 'Output folder (a package of its own, or sources for yours)',
        })
        .option('force', {
          type: 'boolean',
          default: false,
          describe:
            'Overwrite files at generated paths that apigw-gen did not write, and write again example tests you deleted (your implementations are never touched)',
        })
        .option('lenient', {
          type: 'boolean',
          default: false,
          describe: 'Generate even when the document has errors API Gateway would reject (they are counted as warnings)',
        })
        .option('validation', {
          choices: ['document', 'all', 'off'] as const,
          default: 'document' as const,
          describe:
            "Which operations the routers validate with API Gateway's request validator rules: as the document's validators say, all operations, or none",
        })
        .option('skip-validation', {
          type: 'string',
          array: true,
          describe: 'Operation ids whose requests (and answers) the routers never validate',
        })
        .option('response-validation', {
          type: 'boolean',
          default: false,
          describe:
            'Check each JSON answer against the schema declared for its status: a 500 saying where it does not match (for tests and development)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ handlers }, { printTargetRun }] = await Promise.all([
            import('../../library/handlers.js'),
            import('../print-target-run.js'),
          ]);
          const run = await handlers({
            document: args.document,
            out: args.out,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
            force: args.force,
            lenient: args.lenient,
            validation: args.validation,
            ...(args.skipValidation ? { skipValidation: args.skipValidation } : {}),
            responseValidation: args.responseValidation === true,
          });
          printTargetRun('handlers', run, { io, document: args.document });
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
