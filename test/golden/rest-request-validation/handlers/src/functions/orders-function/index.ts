/** The entry point of the Lambda function `orders-function`: deploy it with the handler `functions/orders-function/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
