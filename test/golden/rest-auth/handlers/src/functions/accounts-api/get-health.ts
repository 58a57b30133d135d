import * as Runtime from '../../runtime/router.js';
import type { GetHealthHandler } from './operations.gen.js';

/**
 * Health check
 *
 * Public liveness probe; needs no credentials.
 *
 * `GET /health`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const getHealth: GetHealthHandler = () => Runtime.notImplemented();
