import type { ConfigFile } from './types.js';

/**
 * Types a config written in TypeScript or JavaScript (`apigw-gen.config.ts`), as Vite's and
 * Vitest's `defineConfig` do: it returns its argument unchanged; the editor checks and completes
 * it. The default export may also be a function, sync or async, that returns the config.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'apigw-gen';
 * export default defineConfig({
 *   stages: { prod: { tracingEnabled: true } },
 *   targets: [{ type: 'sdk', document: 'openapi.yaml', out: 'packages/client' }],
 * });
 * ```
 */
export function defineConfig<Config extends ConfigFile | (() => ConfigFile | Promise<ConfigFile>)>(config: Config): Config {
  return config;
}
