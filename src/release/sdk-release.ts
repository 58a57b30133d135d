import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedFile } from '../emit/write-plan.js';
import { loadApi, type LoadedApi } from '../pipeline/load-api.js';
import type { ApiModel } from '../model/types.js';
import { bumpVersion, changelogEntry, prependEntry } from './changelog.js';
import { bumpFor, compareApis, type ApiChange, type ChangeLevel } from './compare-apis.js';
import { releasedDocument } from './named-schemas.js';

/** The document of the last release, kept in the SDK folder (not in the published package) to compare the next one with. */
const RELEASED_DOCUMENT = '.apigw-gen/released-openapi.json';
const CHANGELOG = 'CHANGELOG.md';

/** The last release of an SDK, as `--bump` recorded it in its folder. */
export interface SdkRelease {
  /** Its API, read only for a bump: regenerating between releases parses no second document. */
  model?: ApiModel;
  /** The package version then (from its package.json). */
  version?: string;
  changelog?: string;
  /** The recorded document, as written. */
  document: string;
}

/** What a run plans for the release files, and the version the package gets. */
export interface ReleasePlan {
  /** Undefined: the version is chosen as without releases (`--package-version`, else `info.version`). */
  version?: string;
  files: PlannedFile[];
  /** With `--bump`: what changed since the last release, and the level of the bump (`none`: nothing changed, the release stays). */
  bump?: { level: ChangeLevel | 'none'; changes: ApiChange[] };
}

/** The release recorded in an SDK folder, if any; its API with `bump` only. */
export async function readSdkRelease(out: string, options: { bump: boolean }): Promise<SdkRelease | undefined> {
  const path = join(out, RELEASED_DOCUMENT);
  if (!existsSync(path)) return undefined;
  const changelogPath = join(out, CHANGELOG);
  return {
    ...(options.bump ? { model: (await loadApi(path, { lenient: true, locate: false })).model } : {}),
    version: packageVersionIn(out),
    document: readFileSync(path, 'utf8'),
    ...(existsSync(changelogPath) ? { changelog: readFileSync(changelogPath, 'utf8') } : {}),
  };
}

function packageVersionIn(out: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined; // No package yet: the version comes from the document.
  }
}

/**
 * Without `bump`, a recorded release stays as it is: its version, changelog and document, so that
 * regenerating between releases changes neither. With `bump`, the API is compared with the last
 * release's: when nothing changed, the release stays as it is too; else the version goes up by
 * the level of the changes (or is `packageVersion`), the
 * changelog gets an entry listing them, and this document becomes the release's. The first
 * release has nothing to compare with: it keeps its version and says so.
 */
export function planRelease(
  api: LoadedApi,
  release: SdkRelease | undefined,
  options: { bump: boolean; packageVersion?: string },
): ReleasePlan {
  if (!options.bump) return release ? keep(release, options) : { files: [] };
  const changes = release?.model ? compareApis(release.model, api.model) : [];
  if (release?.version !== undefined && changes.length === 0 && options.packageVersion === undefined)
    return { ...keep(release, options), bump: { level: 'none', changes } };
  const level = bumpFor(changes);
  const version = options.packageVersion ?? (release?.version === undefined ? api.model.version : bumpVersion(release.version, level));
  const entry = release ? changelogEntry(version, changes) : `## ${version}\n\nFirst release.\n`;
  return {
    version,
    files: [
      generated(RELEASED_DOCUMENT, JSON.stringify(releasedDocument(api), null, 2) + '\n'),
      generated(CHANGELOG, prependEntry(release?.changelog, entry)),
    ],
    bump: { level, changes },
  };
}

/** The recorded release as it is: its version, changelog and document. */
function keep(release: SdkRelease, options: { packageVersion?: string }): ReleasePlan {
  return {
    ...(options.packageVersion === undefined && release.version !== undefined ? { version: release.version } : {}),
    files: [
      generated(RELEASED_DOCUMENT, release.document),
      ...(release.changelog === undefined ? [] : [generated(CHANGELOG, release.changelog)]),
    ],
  };
}

function generated(path: string, contents: string): PlannedFile {
  return { path, contents, ownership: 'generated' };
}
