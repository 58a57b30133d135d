import * as Runtime from '../../runtime/router.js';
import type { ListReportsHandler } from './operations.gen.js';

/**
 * List reports
 *
 * Authorized by a Lambda token authorizer that reads a bearer token.
 *
 * `GET /reports`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const listReports: ListReportsHandler = () => Runtime.notImplemented();
