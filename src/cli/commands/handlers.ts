import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { formatCounts } from '../../diagnostics/format-diagnostics.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface HandlersArgs extends SharedArgs {
  out: string;
  force: boolean;
  lenient: boolean;
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
          describe: 'Overwrite files at generated paths that apigw-gen did not write (your implementations are never touched)',
        })
        .option('lenient', {
          type: 'boolean',
          default: false,
          describe: 'Generate even when the document has errors API Gateway would reject (they are counted as warnings)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ loadApi }, { planHandlersTarget }, { writeTarget }] = await Promise.all([
            import('../../index.js'),
            import('../../targets/handlers/handlers-target.js'),
            import('../../targets/target-plan.js'),
          ]);
          const api = await loadApi(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            target: 'handlers',
            lenient: args.lenient,
            locate: false, // Warnings are only counted; a failing run locates everything.
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          const warnings = api.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
          if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document: args.document }));
          const plan = planHandlersTarget(api, { out: args.out, force: args.force });
          for (const line of plan.report(writeTarget(plan.output), args.out)) io.stderr(`apigw-gen handlers: ${line}\n`);
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
