/** The entry point of the Lambda function `accounts-reports`: deploy it with the handler `functions/accounts-reports/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
