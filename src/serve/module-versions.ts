import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * The versions (modification times) of built handler modules, for FunctionPool: a rebuilt module
 * serves the next request. Reading the file's version for every turn of the event loop that
 * invokes it cost ~5% of the server thread on bench:serve's Lambda route (a `stat` system call), so
 * a watcher on the module's folder (inotify on Linux) says when the file changes, and a version is
 * read again only then, or once it is `TRUST_MS` old (in case a change went unreported). Where no
 * watcher can be set up, the version is read for every invocation.
 *
 * On Linux, a request sent after a rebuild has finished meets the new module: the watcher's event
 * was queued when the file was written, before the request's bytes arrived, and the event loop
 * takes the events in that order.
 * @see https://nodejs.org/docs/latest-v20.x/api/fs.html#caveats
 */
export class ModuleVersions {
  readonly #known = new Map<string, { version: number; readAt: number }>();
  /** Watchers by module path; null where watching failed. */
  readonly #watchers = new Map<string, FSWatcher | null>();

  /** The module's version, or undefined when its file is missing. */
  of(modulePath: string): number | undefined {
    const now = performance.now();
    const known = this.#known.get(modulePath);
    if (known && now - known.readAt < TRUST_MS) return known.version;
    const stats = statSync(modulePath, { throwIfNoEntry: false });
    if (!stats) {
      // Its folder may have gone too: the next version read watches afresh.
      this.#unwatch(modulePath);
      return undefined;
    }
    if (this.#watch(modulePath)) this.#known.set(modulePath, { version: stats.mtimeMs, readAt: now });
    return stats.mtimeMs;
  }

  /** Stops watching. */
  close(): void {
    for (const watcher of this.#watchers.values()) watcher?.close();
    this.#watchers.clear();
    this.#known.clear();
  }

  /** Forgets the module's version and its watcher (set up again on the next read). */
  #unwatch(modulePath: string): void {
    this.#watchers.get(modulePath)?.close();
    this.#watchers.delete(modulePath);
    this.#known.delete(modulePath);
  }

  /** Whether a watcher reports changes to the module's file (one is set up on first use). */
  #watch(modulePath: string): boolean {
    let watcher = this.#watchers.get(modulePath);
    if (watcher !== undefined) return watcher !== null;
    const folder = dirname(modulePath);
    const file = basename(modulePath);
    try {
      // The folder, not the file: a build that replaces the file (a new inode) keeps being seen.
      watcher = watch(folder, { persistent: false }, (_event, name) => {
        // The folder itself removed or moved (`rm -rf dist` before a build): this watcher sees no more; watch afresh.
        if (name === basename(folder)) this.#unwatch(modulePath);
        else if (name === null || name === file) this.#known.delete(modulePath);
      });
      watcher.on('error', () => {
        watcher?.close();
        this.#watchers.set(modulePath, null);
        this.#known.delete(modulePath);
      });
    } catch {
      watcher = null;
    }
    this.#watchers.set(modulePath, watcher);
    return watcher !== null;
  }
}

/** How long a version is trusted without a watcher's word (ms). */
const TRUST_MS = 100;
