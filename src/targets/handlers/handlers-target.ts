import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../diagnostics/diagnostic.js';
import { recordedScaffolds } from '../../emit/write-plan.js';
import type { LoadedApi } from '../../pipeline/load-api.js';
import { planHandlers } from './index.js';
import { DEV_DEPENDENCIES, FORMATS_DEPENDENCY } from './package-files.js';
import type { ValidationMode } from './validators.js';
import { writeCounts, type TargetPlan } from '../target-plan.js';

export interface HandlersTargetOptions {
  out: string;
  /** Overwrite files at generated paths that apigw-gen did not write, and write again example tests the user deleted (the user's implementations are never touched). */
  force?: boolean;
  /** Which operations the routers validate (see `ValidationMode`). */
  validation?: ValidationMode;
  /** Operation ids the routers never validate. */
  skipValidation?: readonly string[];
  /** Check each JSON answer against the schema declared for its status (for tests and development). */
  responseValidation?: boolean;
}

/** The handlers in their folder: a package of their own, or only sources when the folder's package.json is the user's. */
export function planHandlersTarget(api: LoadedApi, options: HandlersTargetOptions): TargetPlan {
  const packagePath = join(options.out, 'package.json');
  const ownPackage = existsSync(packagePath) && !recordedScaffolds(options.out).includes('package.json');
  const unknown = (options.skipValidation ?? []).filter((id) => !api.model.operations.some((operation) => operation.id === id));
  if (unknown.length > 0) {
    throw new UsageError(`--skip-validation names no operation of the document: ${unknown.join(', ')} (give operationIds).`);
  }
  const files = planHandlers(api.model, {
    packageFiles: !ownPackage,
    document: api.document,
    ...(options.validation ? { validation: options.validation } : {}),
    ...(options.skipValidation ? { skipValidation: options.skipValidation } : {}),
    ...(options.responseValidation ? { responseValidation: true } : {}),
  });
  const missing = ownPackage ? missingDependencies(packagePath, DEV_DEPENDENCIES) : [];
  // Validators of function formats import ajv-formats' definitions at run time.
  const formats = files.some((file) => file.path.endsWith('/validators.gen.ts') && file.contents.includes("from 'ajv-formats/"));
  const missingRuntime = ownPackage && formats ? missingDependencies(packagePath, FORMATS_DEPENDENCY) : [];
  const nothingToImplement = !files.some((file) => /^src\/(functions|authorizers)\//.test(file.path));
  return {
    output: { kind: 'folder', out: options.out, files, force: options.force ?? false },
    report: (result, out) => [
      `${out}: ${writeCounts(result)}, ${result.kept.length} of your files kept`,
      ...(nothingToImplement
        ? ['no operation invokes a Lambda function and no Lambda authorizer is declared: there is nothing to implement.']
        : []),
      ...result.orphaned.map(
        (path) =>
          `${join(out, path)}: what it implements (an operation, function or authorizer) is no longer in the document; kept, delete it when you no longer need it.`,
      ),
      ...(missing.length > 0
        ? [
            `${join(out, 'package.json')} is yours, so only sources were written; add what they need to build: npm install --save-dev ${missing.join(' ')}`,
          ]
        : []),
      ...(missingRuntime.length > 0
        ? [
            `${join(out, 'package.json')} is yours; add what the request validators need at run time: npm install ${missingRuntime.join(' ')}`,
          ]
        : []),
    ],
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
