import * as Runtime from '../../runtime/router.js';
import type { ReplaceOrderHandler } from './operations.gen.js';

/**
 * Replace an order (body validated, parameters not)
 *
 * `PUT /orders/{orderId}`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const replaceOrder: ReplaceOrderHandler = () => Runtime.notImplemented();
