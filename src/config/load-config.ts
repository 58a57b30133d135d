import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { ajvErrorPointer, describeAjvError, reduceAjvErrors } from '../checks/ajv-errors.js';
import { DocumentError } from '../diagnostics/diagnostic.js';
import { readSourceFile } from '../load/source-file.js';
import { checkConfig } from './check-config.js';
import { displayPathOf } from '../load/display-path.js';
import { findConfigFile, isCodeConfig, PACKAGE_JSON_KEY } from './find-config-file.js';
import { ConfigError, type ConfigSource } from './config-error.js';
import { configSchema } from './config-schema.js';
import {
  EMPTY_CONFIG,
  type ApigwGenConfig,
  type CacheClusterSize,
  type ConfigFile,
  type ConfigFileStage,
  type ConfigFileUsagePlan,
  type ServeConfig,
  type StageConfig,
  type UsagePlanConfig,
} from './types.js';

export interface LoadedConfig {
  config: ApigwGenConfig;
  /** Undefined when no config file was found (the defaults apply). */
  source?: ConfigSource;
}

/**
 * Finds, reads and checks the config: the file named, else the one found from `cwd` upward, else
 * the defaults. A TypeScript or JavaScript config is run, and its default export is the config.
 * Throws a ConfigError (exit code 2) listing every problem, each at its key and line.
 */
export async function loadConfig(options: { path?: string; cwd?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const found = options.path === undefined ? findConfigFile(cwd) : { path: resolve(cwd, options.path), root: '' };
  if (!found) return { config: EMPTY_CONFIG };
  const { value, source } = isCodeConfig(found.path) ? await runConfigModule(found.path) : readConfigFile(found.path, found.root);
  const validate = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true })
    .addKeyword({ keyword: 'errorText', schemaType: 'string' })
    .compile(configSchema);
  if (!validate(value)) {
    throw new ConfigError(reduceAjvErrors(validate.errors ?? []).map((error) => source.problemAt(ajvErrorPointer(error), describe(error))));
  }
  const config = shapeConfig(value as ConfigFile, dirname(found.path));
  const problems = checkConfig(config, source);
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, source };
}

/**
 * Runs a config written in TypeScript or JavaScript with jiti (which compiles TypeScript on the
 * fly, as Nuxt, ESLint and Tailwind load theirs) and takes its default export: an object, or a
 * function (sync or async) returning one. Problems are reported at their key, without a line.
 */
async function runConfigModule(path: string): Promise<{ value: unknown; source: ConfigSource }> {
  const file = displayPathOf(path);
  const source: ConfigSource = { file, root: '', problemAt: (pointer, message) => ({ file, pointer, message }) };
  if (!existsSync(path)) throw new ConfigError([{ file, pointer: '', message: 'no such file' }]);
  const { createJiti } = await import('jiti');
  let value: unknown;
  try {
    const exported = await createJiti(import.meta.url, { moduleCache: false, fsCache: false }).import(pathToFileURL(path).href, {
      default: true,
    });
    value = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  } catch (error) {
    throw new ConfigError([{ file, pointer: '', message: `running it failed: ${(error as Error).message}` }]);
  }
  return { value: value ?? {}, source };
}

function readConfigFile(path: string, root: string): { value: unknown; source: ConfigSource } {
  let file;
  try {
    file = readSourceFile(path);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    throw new ConfigError(
      error.diagnostics.map(({ file: shown, pointer, line, column, message }) => ({ file: shown, pointer, line, column, message })),
    );
  }
  const source: ConfigSource = {
    file: file.displayPath,
    root,
    problemAt: (pointer, message) => {
      const [position] = file.findPositions([root + pointer]);
      return { file: file.displayPath, pointer: root + pointer, ...position, message };
    },
  };
  const value = root === '' ? file.value : (file.value as Record<string, unknown>)[PACKAGE_JSON_KEY];
  if (value === null || value === undefined) return { value: {}, source }; // An empty file: the defaults.
  return { value, source };
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'maxProperties') {
    const count = Object.keys(error.data as object).length;
    return `has ${count} entries; at most ${String((error.params as { limit: number }).limit)} are allowed`;
  }
  if (error.keyword === 'enum' && typeof error.data !== 'object') return `${describeAjvError(error)} (got ${JSON.stringify(error.data)})`;
  if (error.keyword === 'minimum' || error.keyword === 'maximum') return `${describeAjvError(error)} (got ${JSON.stringify(error.data)})`;
  return describeAjvError(error);
}

/** Shapes what the schema accepted into the typed config: maps become sorted lists, defaults are filled in. */
function shapeConfig(raw: ConfigFile, folder: string): ApigwGenConfig {
  return {
    stages: sortedEntries(raw.stages ?? {}).map(([name, stage]) => shapeStage(name, stage)),
    ...(raw.stages && Object.keys(raw.stages).length > 0 ? { firstStage: Object.keys(raw.stages)[0]! } : {}),
    usagePlans: sortedEntries(raw.usagePlans ?? {}).map(([name, plan]) => shapeUsagePlan(name, plan)),
    api: { ...raw.api, vpcEndpointIds: raw.api?.vpcEndpointIds ?? [], functions: raw.api?.functions ?? {} },
    // Paths are the config file's, wherever apigw-gen runs from.
    targets: (raw.targets ?? []).map((target) => ({
      ...target,
      document: resolve(folder, target.document),
      out: resolve(folder, target.out),
    })),
    ...(raw.serve ? { serve: shapeServe(raw.serve, folder) } : {}),
  };
}

/** JWKS files are the config file's, like targets' paths; URLs stay as written. */
function shapeServe(raw: Partial<ServeConfig>, folder: string): ServeConfig {
  const authorizers = Object.fromEntries(
    sortedEntries(raw.authorizers ?? {}).map(([name, authorizer]) => [
      name,
      authorizer.jwks === undefined || /^https?:\/\//.test(authorizer.jwks)
        ? authorizer
        : { ...authorizer, jwks: resolve(folder, authorizer.jwks) },
    ]),
  );
  return { ...raw, authorizers, iamCredentials: raw.iamCredentials ?? [] };
}

function shapeStage(name: string, raw: ConfigFileStage): StageConfig {
  const { variables, methodSettings, cacheClusterSize, canarySetting, ...rest } = raw;
  const stage: StageConfig = {
    name,
    ...rest,
    variables: sortedRecord(variables ?? {}),
    methodSettings: sortedEntries(methodSettings ?? {}).map(([key, settings]) => ({ key, ...splitMethodKey(key), ...settings })),
  };
  if (cacheClusterSize !== undefined) stage.cacheClusterSize = String(cacheClusterSize) as CacheClusterSize;
  if (canarySetting) {
    stage.canarySetting = { ...canarySetting, stageVariableOverrides: sortedRecord(canarySetting.stageVariableOverrides ?? {}) };
  }
  return stage;
}

function shapeUsagePlan(name: string, raw: ConfigFileUsagePlan): UsagePlanConfig {
  const { throttle, apiKeys, ...rest } = raw;
  const plan: UsagePlanConfig = {
    name,
    ...rest,
    methodThrottles: sortedEntries(throttle ?? {})
      .filter(([key]) => key.startsWith('/'))
      .map(([key, value]) => ({ key, ...(value as object) })),
    apiKeys: (apiKeys ?? []).map((key) => (typeof key === 'string' ? { name: key } : key)),
  };
  if (throttle && ('rateLimit' in throttle || 'burstLimit' in throttle)) {
    plan.throttle = { ...(throttle.rateLimit === undefined ? {} : { rateLimit: throttle.rateLimit as number }) };
    if (throttle.burstLimit !== undefined) plan.throttle.burstLimit = throttle.burstLimit as number;
  }
  return plan;
}

/** `/pets/{id}/GET` → `/pets/{id}` and `GET`; `/*\/*` → `/*` and `*`; `//GET` (the root) → `/` and `GET`. */
function splitMethodKey(key: string): { resourcePath: string; httpMethod: string } {
  const slash = key.lastIndexOf('/');
  const path = key.slice(0, slash);
  return { resourcePath: path === '' ? '/' : path, httpMethod: key.slice(slash + 1) };
}

function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(sortedEntries(record));
}
