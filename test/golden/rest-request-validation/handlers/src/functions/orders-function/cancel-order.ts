import * as Runtime from '../../runtime/router.js';
import type { CancelOrderHandler } from './operations.gen.js';

/**
 * Cancel an order (a validator that checks nothing)
 *
 * `DELETE /orders/{orderId}`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const cancelOrder: CancelOrderHandler = () => Runtime.notImplemented();
