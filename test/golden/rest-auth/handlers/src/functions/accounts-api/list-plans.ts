import * as Runtime from '../../runtime/router.js';
import type { ListPlansHandler } from './operations.gen.js';

/**
 * List plans
 *
 * Lists subscription plans; callers need an API key from a usage plan.
 *
 * `GET /plans`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const listPlans: ListPlansHandler = () => Runtime.notImplemented();
