import * as Runtime from '../../runtime/router.js';
import type { CreateOrderHandler } from './operations.gen.js';

/**
 * Place an order (parameters and body validated)
 *
 * `POST /orders`. Answers 501 Not Implemented until implemented: replace the body, keep the type.
 */
export const createOrder: CreateOrderHandler = () => Runtime.notImplemented();
