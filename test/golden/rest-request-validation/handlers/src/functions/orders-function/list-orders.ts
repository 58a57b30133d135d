import * as Runtime from '../../runtime/router.js';
import type { ListOrdersHandler } from './operations.gen.js';

/**
 * List orders (the API's default validator checks parameters only)
 *
 * `GET /orders`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const listOrders: ListOrdersHandler = () => Runtime.notImplemented();
