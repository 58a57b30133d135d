import * as Runtime from '../../runtime/router.js';
import type { StartReindexHandler } from './operations.gen.js';

/**
 * Start a reindex
 *
 * Operator-only; callers sign the request with SigV4 (IAM authorization).
 *
 * `POST /admin/reindex`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const startReindex: StartReindexHandler = () => Runtime.notImplemented();
