import type { PlannedFile } from '../emit/write-plan.js';
import type { ApiModel } from '../model/types.js';

/** The contract of every generator: from the API model (and nothing else) to a plan of files. */
export type Target<Options> = (model: ApiModel, options: Options) => PlannedFile[];
