/** The entry point of the Lambda function `orders-fallback`: deploy it with the handler `functions/orders-fallback/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
