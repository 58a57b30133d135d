import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { formatCounts } from '../../diagnostics/format-diagnostics.js';
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
          const [{ loadApi }, { loadConfig }, { planCfnTarget }, { writeTarget }] = await Promise.all([
            import('../../index.js'),
            import('../../config/load-config.js'),
            import('../../targets/cfn/cfn-target.js'),
            import('../../targets/target-plan.js'),
          ]);
          const loadedConfig = await loadConfig(args.config === undefined ? {} : { path: args.config });
          const api = await loadApi(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            target: 'cfn',
            ...(loadedConfig.config.api.endpointType ? { endpointType: loadedConfig.config.api.endpointType } : {}),
            lenient: args.lenient,
            locate: false, // Warnings are only counted; a failing run locates everything.
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          const warnings = api.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
          if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document: args.document }));
          const plan = planCfnTarget(
            api,
            loadedConfig,
            { document: args.document, out: args.out, ...(args.format ? { format: args.format } : {}) },
            (message) => io.stderr(`apigw-gen cfn: warning: ${message}\n`),
          );
          for (const line of plan.report(writeTarget(plan.output), args.out)) io.stderr(`apigw-gen cfn: ${line}\n`);
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
