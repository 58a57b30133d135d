import { relative, resolve } from 'node:path';
import { findConfigFile, isCodeConfig } from '../config/find-config-file.js';
import type { TargetConfig } from '../config/types.js';
import { UsageError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { WriteResult } from '../emit/write-plan.js';
import { freshRecord, hashOf, writeRecord, type CacheRecord } from './generate-cache.js';
import { writesFolder } from './target-plan.js';

export interface GenerateOptions {
  /** The config file (default: apigw-gen.config.yaml/.yml/.json or "apigw-gen" in package.json, in `cwd`). */
  config?: string;
  /** Where the config is looked for and paths are shown from. Default: the working directory. */
  cwd?: string;
  /** Write nothing; `stale` lists what a run would write or remove. */
  check?: boolean;
  /** Release the SDK targets: see `sdk --bump`. A release always runs: the no-op record is not trusted. */
  bump?: boolean;
  /** Hears how many targets are written, once the documents are loaded and after each target. */
  onProgress?: (done: number, total: number) => void;
  /** Hears what a target leaves out or warns about. */
  onWarning?: (target: TargetConfig, message: string) => void;
}

/** What `generate` did to one target. */
export interface TargetResult {
  target: TargetConfig;
  /** Paths relative to the target's output folder (or the output file itself, as given). */
  result: WriteResult;
  /** What the write did and what the user should know, one line each. */
  report: string[];
  /** Milliseconds spent planning and writing this target (loading a shared document is not counted). */
  duration: number;
}

export interface GenerateResult {
  targets: TargetResult[];
  /** The warnings of each document read (each once, however many targets read it), by document path. */
  warnings: Map<string, Diagnostic[]>;
  /** Files a run would write or remove, relative to `cwd`, sorted: empty when every output is fresh. */
  stale: string[];
  /** True when nothing changed since the last run, which was trusted without reading any document. */
  cached: boolean;
  /** Absolute paths of the files the outputs come from: the config, the documents and the files they `$ref`. */
  inputs: string[];
}

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
