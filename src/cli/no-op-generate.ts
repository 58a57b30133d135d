import { resolve } from 'node:path';
import { findConfigFile, isCodeConfig } from '../config/find-config-file.js';
import { freshRecord } from '../generate/generate-cache.js';
import { fromRecord } from '../generate/generate.js';
import { printRun, upToDate } from './commands/generate.js';
import { processIo } from './run-command.js';

/**
 * The path a prebuild hook takes on almost every build: `apigw-gen generate [--check]
 * [--config file]` when nothing changed since the last run. It answers as the full command would,
 * without loading the command-line parser or the pipeline (most of the start-up time); anything
 * else (another option, a stale record, APIGW_GEN_ settings in the environment) returns false,
 * and the full CLI runs.
 */
export async function noOpGenerate(argv: string[]): Promise<boolean> {
  const options = simpleGenerateOptions(argv);
  if (!options || Object.keys(process.env).some((name) => name.startsWith('APIGW_GEN_'))) return false;
  const cwd = process.cwd();
  let configPath: string | undefined;
  try {
    configPath = options.config === undefined ? findConfigFile(cwd)?.path : resolve(cwd, options.config);
  } catch {
    return false; // The full CLI tells what is wrong.
  }
  // A config in code can read anything (other modules, the environment): only a full run can tell what it says.
  const record = configPath === undefined || isCodeConfig(configPath) ? undefined : freshRecord(configPath);
  if (!record) return false;
  const run = fromRecord(record, cwd);
  if (options.check) processIo.stderr(`apigw-gen generate: ${upToDate(run)}\n`);
  else await printRun(run, processIo);
  return true;
}

/** `generate` with only `--check` and `--config`, else undefined. */
function simpleGenerateOptions(argv: string[]): { check: boolean; config?: string } | undefined {
  const [command, ...rest] = argv;
  if (command !== 'generate') return undefined;
  const options: { check: boolean; config?: string } = { check: false };
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index]!;
    if (argument === '--check' && !options.check) options.check = true;
    else if (argument === '--config' && options.config === undefined && rest[index + 1] !== undefined) options.config = rest[++index];
    else if (argument.startsWith('--config=') && options.config === undefined) options.config = argument.slice('--config='.length);
    else return undefined;
  }
  return options;
}
