import * as Runtime from '../../runtime/router.js';
import type { SubmitPartnerOrdersHandler } from './operations.gen.js';

/**
 * Submit partner orders
 *
 * Bulk order intake for partners, authorized by a Lambda authorizer on X-Api-Token.
 *
 * `POST /partner/orders`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const submitPartnerOrders: SubmitPartnerOrdersHandler = () => Runtime.notImplemented();
