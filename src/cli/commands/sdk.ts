import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { formatHuman } from '../../diagnostics/format-diagnostics.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface SdkArgs extends SharedArgs {
  out: string;
  name?: string;
  packageVersion?: string;
}

/** `apigw-gen sdk <document> -o <folder>`: a typed client package. */
export function sdkCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, SdkArgs> {
  return {
    command: 'sdk <document>',
    describe: 'Generate a typed TypeScript client package',
    builder: (yargs: Argv) =>
      sharedDocumentOptions(yargs)
        .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Output folder of the package' })
        .option('name', { type: 'string', describe: 'npm package name (default: from the API title)' })
        .option('package-version', {
          type: 'string',
          describe: 'Package version (default: info.version when it is semver)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ loadApi }, { planSdk }, { formatFiles }, { writePlan }] = await Promise.all([
            import('../../index.js'),
            import('../../targets/sdk/index.js'),
            import('../../emit/format-code.js'),
            import('../../emit/write-plan.js'),
          ]);
          const { model, diagnostics } = await loadApi(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          if (diagnostics.some((diagnostic) => diagnostic.severity === 'warning')) io.stderr(formatHuman(diagnostics, { color: io.color }));
          const files = await formatFiles(
            planSdk(model, { ...(args.name ? { name: args.name } : {}), ...(args.packageVersion ? { version: args.packageVersion } : {}) }),
          );
          const result = writePlan(args.out, files);
          io.stderr(
            `apigw-gen sdk: ${args.out}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed\n`,
          );
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
