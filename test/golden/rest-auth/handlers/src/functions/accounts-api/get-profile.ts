import * as Runtime from '../../runtime/router.js';
import type { GetProfileHandler } from './operations.gen.js';

/**
 * Get my profile
 *
 * Returns the profile of the signed-in Cognito user.
 *
 * `GET /profile`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const getProfile: GetProfileHandler = () => Runtime.notImplemented();
