import { loadApi } from '../pipeline/load-api.js';
import { readSdkRelease } from '../release/sdk-release.js';
import { planSdkTarget } from '../targets/sdk/sdk-target.js';
import { finishTarget, loadOptionsOf, type TargetOptions, type TargetRunResult } from './document-options.js';

export interface SdkOptions extends TargetOptions {
  /** npm package name. Default: from the API's title. */
  name?: string;
  /** Package version. Default: the document's `info.version` when it is semver. */
  packageVersion?: string;
  /**
   * Release: compare with the last release recorded in `out`, raise the version by what changed
   * (major, minor or patch) and add a CHANGELOG.md entry.
   */
  bump?: boolean;
  /**
   * `format: date-time` strings as `Date`s: operations resolve to bodies with `Date`s, take
   * `Date`s in parameters and bodies and send them as ISO 8601 strings. Default: false (strings).
   */
  dates?: boolean;
  /** Generate even when the document has errors API Gateway would reject; they come back as warnings. */
  lenient?: boolean;
}

/**
 * Generates a typed TypeScript client package for the API into the folder `out`.
 * @throws DocumentError when the document has errors that make the SDK wrong (unless `lenient`).
 * @throws UsageError when `out` holds files at generated paths that apigw-gen did not write.
 */
export async function sdk(options: SdkOptions): Promise<TargetRunResult> {
  const api = await loadApi(options.document, { ...loadOptionsOf(options, 'sdk'), lenient: options.lenient ?? false });
  const bump = options.bump ?? false;
  const plan = planSdkTarget(
    api,
    {
      out: options.out,
      ...(options.name ? { name: options.name } : {}),
      ...(options.packageVersion ? { packageVersion: options.packageVersion } : {}),
      ...(options.dates ? { dates: true } : {}),
      bump,
    },
    await readSdkRelease(options.out, { bump }),
  );
  return finishTarget(plan, options, { diagnostics: api.diagnostics, warnings: [] });
}
