import type { TargetConfig } from '../config/types.js';

/** Whether a target writes a folder (its WriteResult paths are relative to `out`) or one file (they are `out` itself). */
export function writesFolder(target: TargetConfig): boolean {
  return target.type === 'sdk' || target.type === 'handlers';
}
