import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { formatCounts } from '../../diagnostics/format-diagnostics.js';
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
          const [{ loadApi }, { documentFormatOf }, { planMockTarget }, { writeTarget }] = await Promise.all([
            import('../../index.js'),
            import('../../emit/document-file.js'),
            import('../../targets/mock/mock-target.js'),
            import('../../targets/target-plan.js'),
          ]);
          documentFormatOf(args.out); // A usage mistake is told before the document is read.
          const api = await loadApi(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            target: 'mock',
            locate: false,
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          const warnings = api.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
          if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document: args.document }));
          const say = (text: string) => io.stderr(`apigw-gen mock: ${text}\n`);
          const plan = planMockTarget(api, { document: args.document, out: args.out, all: args.all }, say);
          for (const line of plan.report(writeTarget(plan.output), args.out)) say(line);
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}
