import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';

/**
 * The write stage, the only one that touches the disk, shared by every generator.
 * - Files are `generated` (always rewritten, listed in the manifest) or `scaffold` (the user's:
 *   written once, never overwritten).
 * - All or nothing: every file is staged in a temporary folder first, then moved into place.
 * - A run killed at any moment (even `kill -9`) leaves nothing the next run refuses: the manifest
 *   lists every file the run may write before the first one appears, so the next run recognises
 *   them as its own, and it removes the stage folders that dead runs left behind.
 * - Unchanged files are not rewritten, so their modification time stays (watchers stay quiet).
 * - Generated files that are no longer planned are removed; files apigw-gen did not generate
 *   are never touched.
 * - Scaffolds are recorded in the manifest too, so that one no longer planned (its operation left
 *   the document) is reported as orphaned, run after run, and never deleted.
 */

/** One file a generator wants written, relative to the output folder, with `/` separators. */
export interface PlannedFile {
  path: string;
  contents: string;
  ownership: 'generated' | 'scaffold';
  /**
   * A scaffold nothing else needs (an example test): once written, deleting it is the user's
   * decision, which later runs respect (only `force` writes it again). Other scaffolds, which
   * generated code imports, come back when deleted.
   */
  optional?: true;
}

/** What a write did (or, with `check`, would do). */
export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Scaffolds that exist already and were left as they are. */
  kept: string[];
  /** Scaffolds written by an earlier run that the plan no longer has, still on disk: kept, for the user to delete. */
  orphaned: string[];
}

export const MANIFEST = '.apigw-gen-manifest.json';

interface Manifest {
  generator: 'apigw-gen';
  /** Generated files, with the hash of their contents. */
  files: Record<string, string>;
  /** Scaffolds written or kept, and orphaned ones still on disk (absent when there are none). */
  scaffolds?: string[];
  /** While a run writes: the scaffolds it has yet to write (left by a killed run; a finished run's manifest has none). */
  pending?: string[];
}

export interface WriteOptions {
  /** Write nothing; report what would change. */
  check?: boolean;
  /** Overwrite files at generated paths that apigw-gen did not generate, and write again optional scaffolds the user deleted. Scaffolds are never overwritten. */
  force?: boolean;
}

/** Writes a file plan into `outDir`. With `check`, writes nothing and reports what would change. */
export function writePlan(outDir: string, files: readonly PlannedFile[], options: WriteOptions = {}): WriteResult {
  const root = resolve(outDir);
  for (const file of files) assertInside(root, file.path);
  const previous = readManifest(root);
  const result: WriteResult = { written: [], unchanged: [], removed: [], kept: [], orphaned: [] };
  const toWrite: PlannedFile[] = [];
  // Scaffolds an earlier run wrote: a killed run's pending ones may never have been.
  const pending = new Set(previous.pending);
  const scaffolded = new Set(previous.scaffolds?.filter((path) => !pending.has(path)));
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const target = join(root, file.path);
    const exists = existsSync(target);
    if (file.ownership === 'scaffold' && exists) {
      result.kept.push(file.path);
    } else if (file.optional && !exists && scaffolded.has(file.path) && !options.force) {
      // Written by an earlier run, then deleted: the user's decision (the manifest goes on recording it).
    } else if (exists && readFileSync(target, 'utf8') === file.contents) {
      result.unchanged.push(file.path);
    } else {
      if (exists && file.ownership === 'generated' && !(file.path in previous.files) && !options.force) {
        throw notGenerated(join(outDir, file.path), 'folder');
      }
      toWrite.push(file);
      result.written.push(file.path);
    }
  }
  const planned = new Set(files.map((file) => file.path));
  result.removed = Object.keys(previous.files)
    .filter((path) => !planned.has(path) && isInside(root, path) && existsSync(join(root, path)))
    .sort();
  result.orphaned = (previous.scaffolds ?? [])
    .filter((path) => !planned.has(path) && isInside(root, path) && existsSync(join(root, path)))
    .sort();
  if (options.check) return result;
  removeDeadStages(dirname(root));
  const generated = files.filter((file) => file.ownership === 'generated');
  const scaffolds = [...files.filter((file) => file.ownership === 'scaffold').map((file) => file.path), ...result.orphaned].sort();
  const manifest: Manifest = {
    generator: 'apigw-gen',
    files: Object.fromEntries(generated.map((file) => [file.path, hash(file.contents)])),
    ...(scaffolds.length > 0 ? { scaffolds } : {}),
  };
  const manifestText = manifestJson(manifest);
  const manifestPath = join(root, MANIFEST);
  const current = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : undefined;
  if (toWrite.length === 0 && result.removed.length === 0) {
    if (current !== manifestText) commit(root, [{ path: MANIFEST, contents: manifestText, ownership: 'generated' }]);
    return result;
  }
  // Until the run ends, the manifest lists what it had, what it writes and what it still has to remove.
  const during: Manifest = {
    generator: 'apigw-gen',
    files: { ...previous.files, ...manifest.files },
    scaffolds: [...new Set([...(previous.scaffolds ?? []), ...scaffolds])].sort(),
    pending: toWrite.filter((file) => file.ownership === 'scaffold').map((file) => file.path),
  };
  commit(root, toWrite, dirname(root), { before: manifestJson(during), after: manifestText, removed: result.removed });
  return result;
}

function manifestJson(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * Writes one generated file that lives among the user's files (a CloudFormation template), with
 * writePlan's guarantees but no manifest: the file tells whether apigw-gen wrote it
 * (`isGenerated`, from a header or marker the generator puts in). A file apigw-gen did not write
 * is never overwritten; an unchanged file is not rewritten; the new contents are staged beside
 * the file, then renamed into place. With `check`, writes nothing and reports what would change.
 */
export function writeGeneratedFile(
  path: string,
  contents: string,
  options: { isGenerated: (text: string) => boolean; check?: boolean },
): WriteResult {
  const target = resolve(path);
  const result: WriteResult = { written: [], unchanged: [], removed: [], kept: [], orphaned: [] };
  if (!options.check) removeDeadStages(dirname(target));
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new UsageError(`${path} is a folder; name the file to write.`);
    const existing = readFileSync(target, 'utf8');
    if (existing === contents) {
      result.unchanged.push(path);
      return result;
    }
    if (!options.isGenerated(existing)) throw notGenerated(path, 'file');
  }
  result.written.push(path);
  if (!options.check) commit(dirname(target), [{ path: basename(target), contents, ownership: 'generated' }], dirname(target));
  return result;
}

function notGenerated(path: string, choose: 'file' | 'folder'): UsageError {
  return new UsageError(`${path} exists and was not generated by apigw-gen; move it away or choose another output ${choose}.`);
}

/**
 * Stages every file in a temporary folder (beside the output folder, or in `stageIn`), then moves
 * them in: a failure while staging leaves the output as it was. With `manifest`, its `before`
 * text is moved in first and its `after` text last, once the files it no longer lists are
 * `removed`: at every moment, the manifest covers every generated file in the folder.
 */
function commit(
  root: string,
  files: readonly PlannedFile[],
  stageIn = dirname(root),
  manifest?: { before: string; after: string; removed: readonly string[] },
): void {
  if (files.length === 0 && !manifest) return;
  mkdirSync(stageIn, { recursive: true });
  const stage = mkdtempSync(join(stageIn, `${STAGE_PREFIX}${process.pid}-`));
  try {
    for (const file of files) {
      const staged = join(stage, file.path);
      mkdirSync(dirname(staged), { recursive: true });
      writeFileSync(staged, file.contents);
    }
    if (manifest) moveIn(stage, root, MANIFEST, manifest.before);
    for (const file of files) {
      const target = join(root, file.path);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(stage, file.path), target);
    }
    if (manifest) {
      for (const path of manifest.removed) unlinkSync(join(root, path));
      moveIn(stage, root, MANIFEST, manifest.after);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Writes a file into the stage and renames it into place: readers see the old text or the new, never a part. */
function moveIn(stage: string, root: string, path: string, contents: string): void {
  const staged = join(stage, `${path}.next`);
  writeFileSync(staged, contents);
  mkdirSync(root, { recursive: true });
  renameSync(staged, join(root, path));
}

/** Stage folders are named after the process that made them: `.apigw-gen-stage-<pid>-XXXXXX`. */
const STAGE_PREFIX = '.apigw-gen-stage-';

/** Removes the stage folders of runs that died before they could (killed, or out of power). */
function removeDeadStages(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(STAGE_PREFIX)) continue;
    const pid = Number(/^\.apigw-gen-stage-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(join(folder, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A planned path must stay inside the output folder, whatever a document named things. */
function assertInside(root: string, path: string): void {
  if (!isInside(root, path)) throw new Error(`refusing to write outside the output folder: ${JSON.stringify(path)}`);
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, resolve(root, path));
  return !(
    path === '' ||
    path.includes('\0') ||
    isAbsolute(path) ||
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside) ||
    inside.split(sep).includes('..')
  );
}

/** The scaffolds an earlier run recorded in `outDir` (written, kept or orphaned). */
export function recordedScaffolds(outDir: string): string[] {
  return readManifest(resolve(outDir)).scaffolds ?? [];
}

function readManifest(root: string): Manifest {
  const path = join(root, MANIFEST);
  if (!existsSync(path)) return { generator: 'apigw-gen', files: {} };
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    const strings = (list: unknown) => (Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : []);
    return {
      generator: 'apigw-gen',
      files: typeof manifest.files === 'object' && manifest.files !== null ? manifest.files : {},
      scaffolds: strings(manifest.scaffolds),
      pending: strings(manifest.pending),
    };
  } catch {
    throw new UsageError(`${path} is not a valid apigw-gen manifest; delete it to regenerate from scratch.`);
  }
}

function hash(contents: string): string {
  return createHash('sha256').update(contents).digest('hex');
}
