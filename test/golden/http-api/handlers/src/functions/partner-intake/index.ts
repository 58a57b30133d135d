/** The entry point of the Lambda function `partner-intake`: deploy it with the handler `functions/partner-intake/index.handler`. This file is yours: wrap `handler` here to add middleware. */
export { handler } from './handler.gen.js';
