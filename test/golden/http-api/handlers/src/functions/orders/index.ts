/** The entry point of the Lambda function `orders`: deploy it with the handler `functions/orders/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
