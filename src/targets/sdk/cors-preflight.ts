import type { ApiModel, OperationModel } from '../../model/types.js';

const CORS_HEADER = /^method\.response\.header\.access-control-/i;

/**
 * True for an `OPTIONS` operation whose integration is a MOCK that answers only CORS headers:
 * the browser sends that preflight itself, a client never calls it.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/enable-cors-for-resource-using-swagger-importer-tool.html
 */
export function isCorsPreflight(operation: OperationModel): boolean {
  const integration = operation.integration;
  if (operation.method !== 'OPTIONS' || integration?.kind !== 'mock' || integration.responses.length === 0) return false;
  return integration.responses.every((response) => {
    const headers = Object.keys(response.responseParameters);
    const bodies = Object.values(response.responseTemplates).map((template) => template.trim());
    return (
      headers.length > 0 && headers.every((header) => CORS_HEADER.test(header)) && bodies.every((body) => body === '' || body === '{}')
    );
  });
}

/** The API as a client sees it: without the CORS preflight operations. */
export function clientOperations(model: ApiModel): ApiModel {
  const operations = model.operations.filter((operation) => !isCorsPreflight(operation));
  return operations.length === model.operations.length ? model : { ...model, operations };
}
