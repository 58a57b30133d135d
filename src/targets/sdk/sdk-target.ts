import type { LoadedApi } from '../../pipeline/load-api.js';
import { planRelease, type SdkRelease } from '../../release/sdk-release.js';
import { planSdk } from './index.js';
import { writeCounts, type TargetPlan } from '../target-plan.js';

export interface SdkTargetOptions {
  out: string;
  name?: string;
  packageVersion?: string;
  /** `format: date-time` strings as `Date`s in the client (see SdkOptions of the SDK target). */
  dates?: boolean;
  /** Compare with the last release recorded in `out`, bump the version by what changed, add a CHANGELOG entry. */
  bump?: boolean;
}

/** The SDK package in its folder, with its release files (see planRelease); `release` is what readSdkRelease found there. */
export function planSdkTarget(api: LoadedApi, options: SdkTargetOptions, release: SdkRelease | undefined): TargetPlan {
  const plan = planRelease(api, release, {
    bump: options.bump ?? false,
    ...(options.packageVersion ? { packageVersion: options.packageVersion } : {}),
  });
  const version = plan.version ?? options.packageVersion;
  const files = [
    ...planSdk(api.model, {
      ...(options.name ? { name: options.name } : {}),
      ...(version ? { version } : {}),
      ...(options.dates ? { dates: true } : {}),
    }),
    ...plan.files,
  ];
  return {
    output: { kind: 'folder', out: options.out, files },
    report: (result, out) => [
      `${out}: ${writeCounts(result)}`,
      ...(plan.bump?.level === 'none'
        ? [`version ${plan.version!} kept: no change since the last release`]
        : plan.bump
          ? [
              `version ${plan.version!} (${plan.bump.level}, ${plan.bump.changes.length} change(s) since the last release; see CHANGELOG.md)`,
            ]
          : []),
    ],
  };
}
