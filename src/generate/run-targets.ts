import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigError } from '../config/config-error.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { TargetConfig } from '../config/types.js';
import { compareDiagnostics, DocumentError, UsageError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { apiFor, checkApi, type CheckedApi, type LoadedApi } from '../pipeline/load-api.js';
import type { EndpointType } from '../document/endpoint-type.js';
import type { ReadFileStamp } from '../load/load-document.js';
import { planCfnTarget } from '../targets/cfn/cfn-target.js';
import { planHandlersTarget } from '../targets/handlers/handlers-target.js';
import { planMockTarget } from '../targets/mock/mock-target.js';
import { planSdkTarget } from '../targets/sdk/sdk-target.js';
import { readSdkRelease, type SdkRelease } from '../release/sdk-release.js';
import type { GenerateOptions, GenerateResult, TargetResult } from './generate-types.js';
import { writeTarget, type TargetPlan } from '../targets/target-plan.js';
import { writesFolder } from './written-paths.js';

/**
 * Runs every target of the config. Each document is loaded once, however many targets read it;
 * every target is planned before any is written, so a document with errors (a DocumentError
 * listing the problems of every document) or a file apigw-gen did not write (a UsageError) leaves
 * every output as it was. Also returns every file the run read (the config, the documents and
 * the files they `$ref`).
 */
export async function runTargets(
  options: GenerateOptions & { cwd: string; configPath: string },
): Promise<{ run: Omit<GenerateResult, 'inputs'>; inputs: ReadFileStamp[] }> {
  const { cwd } = options;
  const configStamp = stampOf(options.configPath);
  const loadedConfig = await loadConfig({ cwd, ...(options.config === undefined ? {} : { path: options.config }) });
  const { targets } = loadedConfig.config;
  if (targets.length === 0)
    throw new UsageError(`${loadedConfig.source?.file ?? options.configPath} has no targets; add them under "targets".`);
  const apis = apisFor(targets, await loadDocuments(targets, loadedConfig.config.api.endpointType));
  const releases = await Promise.all(
    targets.map((target) =>
      target.type === 'sdk' ? readSdkRelease(target.out, { bump: options.bump ?? false }) : Promise.resolve(undefined),
    ),
  );
  const planned = targets.map((target, index) => {
    if (target.type === 'handlers') checkSkipValidation(target, { index, api: apis[index]!, config: loadedConfig, cwd });
    const started = performance.now();
    const warn = (message: string) => options.onWarning?.(target, message);
    return {
      target,
      plan: planTarget(target, apis[index]!, { config: loadedConfig, release: releases[index], bump: options.bump ?? false }, warn),
      started,
    };
  });
  // Every conflict (a file apigw-gen did not write) is found before anything is written.
  const checked = planned.map(({ plan }) => writeTarget(plan.output, { check: true }));
  options.onProgress?.(0, planned.length);
  const results = planned.map(({ target, plan, started }, index): TargetResult => {
    const result = options.check ? checked[index]! : writeTarget(plan.output);
    options.onProgress?.(index + 1, planned.length);
    return { target, result, report: plan.report(result, relative(cwd, target.out) || '.'), duration: performance.now() - started };
  });
  const warnings = new Map<string, Diagnostic[]>();
  targets.forEach((target, index) => {
    const found = apis[index]!.diagnostics.filter(({ severity }) => severity === 'warning');
    if (found.length > 0) warnings.set(target.document, uniqueDiagnostics([...(warnings.get(target.document) ?? []), ...found]));
  });
  const inputs = [...new Map([configStamp, ...apis.flatMap((api) => api.files)].map((file) => [file.path, file])).values()];
  return { run: { targets: results, warnings, stale: staleFiles(results, cwd), cached: false }, inputs };
}

/** The operation ids a handlers target skips are its document's: else a config error at each unknown one. */
function checkSkipValidation(
  target: Extract<TargetConfig, { type: 'handlers' }>,
  { index, api, config, cwd }: { index: number; api: LoadedApi; config: LoadedConfig; cwd: string },
): void {
  const ids = new Set(api.model.operations.map((operation) => operation.id));
  const problems = (target.skipValidation ?? []).flatMap((id, at) => {
    if (ids.has(id)) return [];
    const pointer = `/targets/${index}/skipValidation/${at}`;
    const message = `names no operation of ${relative(cwd, target.document)} (give operationIds)`;
    return [config.source?.problemAt(pointer, message) ?? { file: '(no config file)', pointer, message }];
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Targets that read a document with the same options share one load and check. */
function loadKey(target: TargetConfig): string {
  return JSON.stringify([target.document, target.api ?? null, target.apiKind ?? null, target.allowExternalRefs ?? false]);
}

async function loadDocuments(
  targets: TargetConfig[],
  endpointType: EndpointType | undefined,
): Promise<Map<string, CheckedApi | DocumentError>> {
  const unique = new Map(targets.map((target) => [loadKey(target), target]));
  const settled = await Promise.all(
    [...unique].map(async ([key, target]) => {
      try {
        const checked = await checkApi(target.document, {
          allowExternalRefs: target.allowExternalRefs ?? false,
          locate: false, // Warnings are only counted; a failing run locates everything.
          ...(endpointType ? { endpointType } : {}),
          ...(target.apiKind ? { apiKind: target.apiKind } : {}),
          ...(target.api === undefined ? {} : { api: target.api }),
        });
        return [key, checked] as [string, CheckedApi | DocumentError];
      } catch (error) {
        if (error instanceof DocumentError) return [key, error] as [string, CheckedApi | DocumentError];
        throw error;
      }
    }),
  );
  return new Map(settled);
}

/** Each target's API, as its output sees the findings; throws every problem that stops a target, of every document, at once. */
function apisFor(targets: TargetConfig[], checked: Map<string, CheckedApi | DocumentError>): LoadedApi[] {
  const failing: Diagnostic[] = [];
  const apis = targets.map((target) => {
    const entry = checked.get(loadKey(target))!;
    try {
      if (entry instanceof DocumentError) throw entry;
      return apiFor(entry, { target: target.type, lenient: 'lenient' in target && target.lenient === true });
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      failing.push(...error.diagnostics);
      return undefined;
    }
  });
  if (failing.length > 0) throw new DocumentError(uniqueDiagnostics(failing).sort(compareDiagnostics));
  return apis as LoadedApi[];
}

/** A document loaded with two sets of options fails twice with the same problems: each is told once. */
function uniqueDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...new Map(diagnostics.map((diagnostic) => [JSON.stringify(diagnostic), diagnostic])).values()];
}

function planTarget(
  target: TargetConfig,
  api: LoadedApi,
  { config, release, bump }: { config: LoadedConfig; release: SdkRelease | undefined; bump: boolean },
  warn: (message: string) => void,
): TargetPlan {
  switch (target.type) {
    case 'sdk':
      return planSdkTarget(api, { ...target, bump }, release);
    case 'handlers':
      return planHandlersTarget(api, target);
    case 'mock':
      return planMockTarget(api, target, warn);
    case 'cfn':
      return planCfnTarget(api, config, target, warn);
  }
}

function staleFiles(results: TargetResult[], cwd: string): string[] {
  return results
    .flatMap(({ target, result }) => {
      const changed = [...result.written, ...result.removed];
      return writesFolder(target) ? changed.map((path) => join(target.out, path)) : changed;
    })
    .map((path) => relative(cwd, path))
    .sort();
}

/** The config's stamp before it is read (a missing file is reported by the loader). */
function stampOf(path: string): ReadFileStamp {
  const stats = statSync(path, { throwIfNoEntry: false });
  return { path, size: stats?.size ?? -1, mtimeMs: stats?.mtimeMs ?? -1 };
}
