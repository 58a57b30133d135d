import * as Runtime from '../../runtime/router.js';
import type { ListOrdersHandler } from './operations.gen.js';

/**
 * List my orders
 *
 * Lists the caller's orders; needs the orders/read scope.
 *
 * `GET /orders`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const listOrders: ListOrdersHandler = () => Runtime.notImplemented();
