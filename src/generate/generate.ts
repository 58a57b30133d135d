import { relative, resolve } from 'node:path';
import { findConfigFile, isCodeConfig } from '../config/find-config-file.js';
import { UsageError } from '../diagnostics/diagnostic.js';
import { freshRecord, hashOf, writeRecord, type CacheRecord } from './generate-cache.js';
import type { GenerateOptions, GenerateResult } from './generate-types.js';
import { writesFolder } from './written-paths.js';

/**
 * Generates every target of the config file (see runTargets). When neither the config, the
 * documents, the files they `$ref` nor the outputs changed since the last successful run (and
 * apigw-gen is the same version), returns at once without loading any document: this module
 * imports only what that check needs, and the pipeline is loaded when there is work.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const configPath = options.config === undefined ? findConfigFile(cwd)?.path : resolve(cwd, options.config);
  if (configPath === undefined) {
    throw new UsageError(`no config file in ${cwd}; create apigw-gen.config.yaml with its targets, or name one with --config.`);
  }
  // A config in code can read anything (other modules, the environment): only a run can tell what it says.
  const record = options.bump || isCodeConfig(configPath) ? undefined : freshRecord(configPath);
  if (record) return fromRecord(record, cwd);
  const { runTargets } = await import('./run-targets.js');
  const { run, inputs } = await runTargets({ ...options, cwd, configPath });
  if (!options.check || run.stale.length === 0)
    writeRecord(configPath, { targets: recordedTargets(run), outputs: recordedOutputs(run) }, inputs);
  return { ...run, inputs: inputs.map(({ path }) => path) };
}

function recordedTargets(run: Pick<GenerateResult, 'targets'>): CacheRecord['targets'] {
  return run.targets.map(({ target, result }) => ({
    target,
    generated: [...result.written, ...result.unchanged].sort(),
    scaffolds: result.kept,
  }));
}

function recordedOutputs(run: Pick<GenerateResult, 'targets'>): CacheRecord['outputs'] {
  const outputs: CacheRecord['outputs'] = {};
  for (const { target, result } of run.targets) {
    const pathOf = (path: string) => (writesFolder(target) ? resolve(target.out, path) : resolve(path));
    for (const path of [...result.written, ...result.unchanged]) outputs[pathOf(path)] = hashOf(pathOf(path)) ?? '';
    for (const path of result.kept) outputs[pathOf(path)] = null;
  }
  return outputs;
}

export function fromRecord(record: CacheRecord, cwd: string): GenerateResult {
  return {
    targets: record.targets.map(({ target, generated, scaffolds }) => ({
      target,
      result: { written: [], unchanged: generated, removed: [], kept: scaffolds, orphaned: [] },
      report: [`${relative(cwd, target.out) || '.'}: unchanged since the last run`],
      duration: 0,
    })),
    warnings: new Map(),
    stale: [],
    cached: true,
    inputs: Object.keys(record.inputs),
  };
}
