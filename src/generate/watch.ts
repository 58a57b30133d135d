import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { findConfigFile } from '../config/find-config-file.js';
import { generate } from './generate.js';
import type { GenerateOptions, GenerateResult } from './generate-types.js';

export interface WatchOptions extends Omit<GenerateOptions, 'check'> {
  /** Quiet time after the last change before a run starts: an editor's save is often several writes. Default: 100 ms. */
  debounceMs?: number;
  /** Stops watching. */
  signal: AbortSignal;
  /** Hears each run: its result, or what it threw (a document with errors, a bad config). */
  onRun: (outcome: { result: GenerateResult } | { error: unknown }) => void | Promise<void>;
}

/**
 * Generates, then again whenever the config, a document or a file it `$ref`s changes, until
 * `signal` aborts. Folders are watched rather than files, since editors often save by replacing
 * a file, which ends a watch on the file itself. A run that fails keeps watching what the last
 * successful run read (and the config), so that fixing the mistake starts the next run.
 */
export async function watchGenerate(options: WatchOptions): Promise<void> {
  const { debounceMs = 100, signal, onRun, ...generateOptions } = options;
  const cwd = generateOptions.cwd ?? process.cwd();
  const configPath = generateOptions.config === undefined ? findConfigFile(cwd)?.path : resolve(cwd, generateOptions.config);
  let watched = new Set(configPath === undefined ? [] : [configPath]);
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();

  const run = async () => {
    try {
      const result = await generate(generateOptions);
      watched = new Set([...(configPath === undefined ? [] : [configPath]), ...result.inputs]);
      await onRun({ result });
    } catch (error) {
      await onRun({ error });
    }
    if (!signal.aborted) rewatch();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(run);
    }, debounceMs);
  };
  const rewatch = () => {
    for (const watcher of watchers) watcher.close();
    const byFolder = new Map<string, Set<string>>();
    for (const path of watched) byFolder.set(dirname(path), (byFolder.get(dirname(path)) ?? new Set()).add(basename(path)));
    watchers = [...byFolder].map(([folder, names]) =>
      watch(folder, (_event, name) => {
        if (name === null || names.has(name.toString())) schedule();
      }),
    );
  };

  await new Promise<void>((done) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      void running.then(() => done());
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    running = run();
  });
}
