import type { ApiChange, ChangeLevel } from './compare-apis.js';

/** `1.2.3` bumped: the next version at that level (pre-release and build parts are dropped). */
export function bumpVersion(version: string, level: ChangeLevel): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`not a semver version: ${JSON.stringify(version)}`);
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

const HEADINGS: [ChangeLevel, string][] = [
  ['major', 'Breaking changes'],
  ['minor', 'Features'],
  ['patch', 'Documentation'],
];

/** A CHANGELOG.md entry for a version: its changes grouped by level, the most breaking first. */
export function changelogEntry(version: string, changes: readonly ApiChange[]): string {
  const sections = HEADINGS.flatMap(([level, heading]) => {
    const lines = changes.filter((change) => change.level === level).map((change) => `- ${change.message}`);
    return lines.length > 0 ? [`### ${heading}\n\n${lines.join('\n')}\n`] : [];
  });
  return `## ${version}\n\n${sections.length > 0 ? sections.join('\n') : 'No change to the API.\n'}`;
}

/** A changelog with a new entry on top, below the title. */
export function prependEntry(changelog: string | undefined, entry: string): string {
  const title = '# Changelog\n';
  const rest = changelog?.startsWith(title) ? changelog.slice(title.length).replace(/^\n+/, '') : (changelog ?? '');
  return `${title}\n${entry}${rest ? `\n${rest}` : ''}`;
}
