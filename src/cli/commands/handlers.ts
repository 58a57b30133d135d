import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { ApiKind } from '../../document/api-kind.js';
import { UsageError } from '../../diagnostics/diagnostic.js';
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
          const [{ loadApi }, { planHandlers }, { writePlan, recordedScaffolds }, { DEV_DEPENDENCIES }] = await Promise.all([
            import('../../index.js'),
            import('../../targets/handlers/index.js'),
            import('../../emit/write-plan.js'),
            import('../../targets/handlers/package-files.js'),
          ]);
          const { model, diagnostics } = await loadApi(args.document, {
            allowExternalRefs: args.allowExternalRefs,
            lenient: args.lenient,
            locate: false, // Warnings are only counted; a failing run locates everything.
            ...(args.apiKind ? { apiKind: args.apiKind as ApiKind } : {}),
          });
          const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
          if (warnings.length > 0) io.stderr(formatCounts(warnings, { color: io.color, document: args.document }));
          // A package.json of the user's own stays theirs: then only sources are written.
          const packagePath = join(args.out, 'package.json');
          const ownPackage = existsSync(packagePath) && !recordedScaffolds(args.out).includes('package.json');
          const missing = ownPackage ? missingDependencies(packagePath, DEV_DEPENDENCIES) : [];
          const files = planHandlers(model, { packageFiles: !ownPackage });
          const result = writePlan(args.out, files, { force: args.force });
          const say = (text: string) => io.stderr(`apigw-gen handlers: ${text}\n`);
          say(
            `${args.out}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed, ${result.kept.length} of your files kept`,
          );
          if (!files.some((file) => /^src\/(functions|authorizers)\//.test(file.path))) {
            say('no operation invokes a Lambda function and no Lambda authorizer is declared: there is nothing to implement.');
          }
          for (const path of result.orphaned) {
            say(
              `${join(args.out, path)}: what it implements (an operation, function or authorizer) is no longer in the document; kept, delete it when you no longer need it.`,
            );
          }
          if (missing.length > 0) {
            say(
              `${packagePath} is yours, so only sources were written; add what they need to build: npm install --save-dev ${missing.join(' ')}`,
            );
          }
          return ExitCode.ok;
        },
        { io, debug: args.debug },
      );
      setExitCode(code);
    },
  };
}

/** `name@range` of each needed package that a package.json declares neither as a dependency nor as a dev dependency. */
function missingDependencies(packagePath: string, needed: Readonly<Record<string, string>>): string[] {
  let declared: { dependencies?: object; devDependencies?: object };
  try {
    declared = JSON.parse(readFileSync(packagePath, 'utf8')) as typeof declared;
  } catch (error) {
    throw new UsageError(
      `${packagePath} cannot be read as JSON (${error instanceof Error ? error.message : String(error)}); fix it, or choose another output folder.`,
    );
  }
  const names = new Set([...Object.keys(declared.dependencies ?? {}), ...Object.keys(declared.devDependencies ?? {})]);
  return Object.entries(needed)
    .filter(([name]) => !names.has(name))
    .map(([name, range]) => `${name}@${range}`);
}
