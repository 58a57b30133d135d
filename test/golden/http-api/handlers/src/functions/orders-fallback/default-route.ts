import * as Runtime from '../../runtime/router.js';
import type { DefaultRouteHandler } from './operations.gen.js';

/**
 * Catch-all route
 *
 * Receives every request that no other route matches.
 *
 * `ANY /$default`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const defaultRoute: DefaultRouteHandler = () => Runtime.notImplemented();
