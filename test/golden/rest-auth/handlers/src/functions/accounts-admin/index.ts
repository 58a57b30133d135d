/** The entry point of the Lambda function `accounts-admin`: deploy it with the handler `functions/accounts-admin/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
