import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface SdkArgs extends SharedArgs {
  out: string;
  name?: string;
  packageVersion?: string;
  bump: boolean;
  dates: boolean;
  lenient: boolean;
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
        })
        .option('bump', {
          type: 'boolean',
          default: false,
          describe:
            'Release: compare with the last release recorded in the output folder, raise the version by what changed (major, minor or patch) and add a CHANGELOG.md entry',
        })
        .option('dates', {
          type: 'boolean',
          default: false,
          describe: 'format: date-time strings as Date objects in responses and requests (sent as ISO 8601 strings)',
        })
        .option('lenient', {
          type: 'boolean',
          default: false,
          describe: 'Generate even when the document has errors API Gateway would reject (they are counted as warnings)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ sdk }, { printTargetRun }] = await Promise.all([import('../../library/sdk.js'), import('../print-target-run.js')]);
          const run = await sdk({
            document: args.document,
            out: args.out,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
            ...(args.name ? { name: args.name } : {}),
            ...(args.packageVersion ? { packageVersion: args.packageVersion } : {}),
            bump: args.bump,
            dates: args.dates,
            lenient: args.lenient,
          });
          printTargetRun('sdk', run, { io, document: args.document });
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
