import type { TargetConfig } from '../config/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { WriteResult } from '../emit/write-plan.js';

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
