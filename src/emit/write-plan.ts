import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';

/**
 * The write stage, the only one that touches the disk, shared by every generator.
 * - Files are `generated` (always rewritten, listed in the manifest) or `scaffold` (the user's:
 *   written once, never overwritten).
 * - All or nothing: every file is staged in a temporary folder first, then moved into place.
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
}

export interface WriteOptions {
  /** Write nothing; report what would change. */
  check?: boolean;
  /** Overwrite files at generated paths that apigw-gen did not generate. Scaffolds are never overwritten. */
  force?: boolean;
}

/** Writes a file plan into `outDir`. With `check`, writes nothing and reports what would change. */
export function writePlan(outDir: string, files: readonly PlannedFile[], options: WriteOptions = {}): WriteResult {
  const root = resolve(outDir);
  for (const file of files) assertInside(root, file.path);
  const previous = readManifest(root);
  const result: WriteResult = { written: [], unchanged: [], removed: [], kept: [], orphaned: [] };
  const toWrite: PlannedFile[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const target = join(root, file.path);
    const exists = existsSync(target);
    if (file.ownership === 'scaffold' && exists) {
      result.kept.push(file.path);
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
  commit(root, toWrite);
  for (const path of result.removed) unlinkSync(join(root, path));
  const generated = files.filter((file) => file.ownership === 'generated');
  const scaffolds = [...files.filter((file) => file.ownership === 'scaffold').map((file) => file.path), ...result.orphaned].sort();
  const manifest: Manifest = {
    generator: 'apigw-gen',
    files: Object.fromEntries(generated.map((file) => [file.path, hash(file.contents)])),
    ...(scaffolds.length > 0 ? { scaffolds } : {}),
  };
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  const manifestPath = join(root, MANIFEST);
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifestText) writeFileSync(manifestPath, manifestText);
  return result;
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
 * them in: a failure while staging leaves the output as it was.
 */
function commit(root: string, files: readonly PlannedFile[], stageIn = dirname(root)): void {
  if (files.length === 0) return;
  mkdirSync(stageIn, { recursive: true });
  const stage = mkdtempSync(join(stageIn, '.apigw-gen-stage-'));
  try {
    for (const file of files) {
      const staged = join(stage, file.path);
      mkdirSync(dirname(staged), { recursive: true });
      writeFileSync(staged, file.contents);
    }
    for (const file of files) {
      const target = join(root, file.path);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(stage, file.path), target);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
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
    const scaffolds = Array.isArray(manifest.scaffolds) ? manifest.scaffolds.filter((entry) => typeof entry === 'string') : [];
    return {
      generator: 'apigw-gen',
      files: typeof manifest.files === 'object' && manifest.files !== null ? manifest.files : {},
      scaffolds,
    };
  } catch {
    throw new UsageError(`${path} is not a valid apigw-gen manifest; delete it to regenerate from scratch.`);
  }
}

function hash(contents: string): string {
  return createHash('sha256').update(contents).digest('hex');
}
