import type { LoadedApi } from '../index.js';
import { planSdk } from '../targets/sdk/index.js';
import { writeCounts, type TargetPlan } from './target-plan.js';

export interface SdkTargetOptions {
  out: string;
  name?: string;
  packageVersion?: string;
}

/** The SDK package in its folder. */
export function planSdkTarget(api: LoadedApi, options: SdkTargetOptions): TargetPlan {
  const files = planSdk(api.model, {
    ...(options.name ? { name: options.name } : {}),
    ...(options.packageVersion ? { version: options.packageVersion } : {}),
  });
  return { output: { kind: 'folder', out: options.out, files }, report: (result, out) => [`${out}: ${writeCounts(result)}`] };
}
