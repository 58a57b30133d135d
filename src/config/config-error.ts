import { compareStrings, UsageError } from '../diagnostics/diagnostic.js';

/** One problem in the config file, at a key. */
export interface ConfigProblem {
  /** The config file, as shown to users. */
  file: string;
  /** RFC 6901 pointer into the file. */
  pointer: string;
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:column  /pointer: message`, the form every config problem is printed in. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const place = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${place}  ${problem.pointer === '' ? '(root)' : problem.pointer}: ${problem.message}`;
}

/** Mistakes in the config file: a usage error (exit code 2) that lists every problem found, in file order. */
export class ConfigError extends UsageError {
  readonly problems: ConfigProblem[];
  constructor(found: ConfigProblem[]) {
    const problems = [...found].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareStrings(a.pointer, b.pointer),
    );
    const file = problems[0]?.file ?? 'config';
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`invalid config ${file} (${count}):\n${problems.map((problem) => `  ${formatConfigProblem(problem)}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Where the config came from, to point at its keys. */
export interface ConfigSource {
  /** As shown to users. */
  file: string;
  /** Where the config sits in the file: `/apigw-gen` in package.json, else the root. */
  root: string;
  /** A problem at a pointer of the config (relative to `root`), with its line when known. */
  problemAt(pointer: string, message: string): ConfigProblem;
}
