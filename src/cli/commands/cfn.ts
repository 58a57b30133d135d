import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { ExitCode, runCommand, type CommandIo } from '../run-command.js';
import { sharedDocumentOptions, type SharedArgs } from './shared-options.js';

interface CfnArgs extends SharedArgs {
  out: string;
  config?: string;
  format?: 'yaml' | 'json';
  lenient: boolean;
}

/** `apigw-gen cfn <document> -o <template>`: a CloudFormation template for the API, its stages and usage plans. */
export function cfnCommand(io: CommandIo, setExitCode: (code: number) => void): CommandModule<object, CfnArgs> {
  return {
    command: 'cfn <document>',
    describe: 'Generate a CloudFormation template for the API, its deployment, stages and usage plans',
    builder: (yargs: Argv) =>
      sharedDocumentOptions(yargs)
        .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Template file to write' })
        .option('config', {
          type: 'string',
          describe:
            'Config file with stages, usage plans and API settings (default: apigw-gen.config.yaml/.json or "apigw-gen" in package.json)',
        })
        .option('format', { choices: ['yaml', 'json'] as const, describe: 'Template format (default: json for a .json file, else yaml)' })
        .option('lenient', {
          type: 'boolean',
          default: false,
          describe: 'Generate even when the document has errors API Gateway would reject (they are counted as warnings)',
        }),
    handler: async (args) => {
      const code = await runCommand(
        async () => {
          const [{ cfn }, { printTargetRun }] = await Promise.all([import('../../library/cfn.js'), import('../print-target-run.js')]);
          const run = await cfn({
            document: args.document,
            out: args.out,
            allowExternalRefs: args.allowExternalRefs,
            ...(args.api === undefined ? {} : { api: args.api }),
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
            ...(args.config === undefined ? {} : { config: args.config }),
            ...(args.format ? { format: args.format } : {}),
            lenient: args.lenient,
          });
          printTargetRun('cfn', run, { io, document: args.document, warningPrefix: 'warning: ' });
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
