import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TargetConfig } from '../config/types.js';
import type { ReadFileStamp } from '../load/load-document.js';
import { packageVersion } from '../package-root.js';

/**
 * What the last successful `generate` read and wrote, with the hash of each file: when every
 * file still hashes the same and apigw-gen is the same version, nothing can have changed, and
 * `generate` ends without parsing anything. Hashes, not modification times: a checkout or a
 * copy changes times but not contents. Imports only Node built-ins, since the no-op path is the
 * one a prebuild hook runs every time.
 */
export interface CacheRecord {
  version: string;
  targets: { target: TargetConfig; generated: string[]; scaffolds: string[] }[];
  /** Absolute path → sha256 of the config, the documents and the files they `$ref`. */
  inputs: Record<string, string>;
  /** Absolute path → sha256 of each generated file; `null` for a scaffold (the user's to edit, it only has to exist). */
  outputs: Record<string, string | null>;
}

/** One record per config file, in the project's `node_modules/.cache`, where build tools keep theirs. */
function cacheFileOf(configPath: string): string {
  const key = createHash('sha256').update(configPath).digest('hex').slice(0, 16);
  return join(dirname(configPath), 'node_modules/.cache/apigw-gen', `generate-${key}.json`);
}

/** The record of the last run when nothing it read or wrote has changed since, else undefined. */
export function freshRecord(configPath: string): CacheRecord | undefined {
  let record: CacheRecord;
  try {
    record = JSON.parse(readFileSync(cacheFileOf(configPath), 'utf8')) as CacheRecord;
  } catch {
    return undefined; // No record, or one that cannot be read: a full run writes a new one.
  }
  if (record.version !== packageVersion()) return undefined;
  const same = (path: string, expected: string | null) => {
    const actual = hashOf(path);
    return actual !== undefined && (expected === null || actual === expected);
  };
  const unchanged =
    Object.entries(record.inputs).every(([path, hash]) => same(path, hash)) &&
    Object.entries(record.outputs).every(([path, hash]) => same(path, hash));
  return unchanged ? record : undefined;
}

/**
 * Records a successful run. Not recorded when an input changed since the run read it: its hash
 * now would not be the one the outputs were generated from.
 */
export function writeRecord(configPath: string, record: Omit<CacheRecord, 'version' | 'inputs'>, inputs: ReadFileStamp[]): void {
  const changed = inputs.some(({ path, size, mtimeMs }) => {
    const now = statSync(path, { throwIfNoEntry: false });
    return now?.size !== size || now.mtimeMs !== mtimeMs;
  });
  if (changed) return;
  const hashed = Object.fromEntries(inputs.map(({ path }) => [path, hashOf(path)!]));
  const file = cacheFileOf(configPath);
  mkdirSync(dirname(file), { recursive: true });
  const staged = `${file}.${process.pid}.tmp`;
  writeFileSync(staged, JSON.stringify({ version: packageVersion(), ...record, inputs: hashed }) + '\n');
  renameSync(staged, file);
}

export function hashOf(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}
