import * as Runtime from '../../runtime/router.js';
import type { GetTenantUsageHandler } from './operations.gen.js';

/**
 * Get tenant usage
 *
 * Authorized by a Lambda request authorizer that reads a header and a query string.
 *
 * `GET /tenants/{tenantId}/usage`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const getTenantUsage: GetTenantUsageHandler = () => Runtime.notImplemented();
