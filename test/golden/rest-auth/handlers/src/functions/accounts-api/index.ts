/** The entry point of the Lambda function `accounts-api`: deploy it with the handler `functions/accounts-api/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
