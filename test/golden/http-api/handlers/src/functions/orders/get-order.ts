import * as Runtime from '../../runtime/router.js';
import type { GetOrderHandler } from './operations.gen.js';

/**
 * Get an order
 *
 * Returns one of the caller's orders.
 *
 * `GET /orders/{orderId}`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const getOrder: GetOrderHandler = () => Runtime.notImplemented();
