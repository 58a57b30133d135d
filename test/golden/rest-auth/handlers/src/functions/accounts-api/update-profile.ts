import * as Runtime from '../../runtime/router.js';
import type { UpdateProfileHandler } from './operations.gen.js';

/**
 * Update my profile
 *
 * Needs both an API key and a Cognito identity token (one requirement, two schemes).
 *
 * `PUT /profile`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const updateProfile: UpdateProfileHandler = () => Runtime.notImplemented();
