import { operationIntegration } from './integrations.js';
import { listOperations } from './operations.js';
import { isRecord } from './resolve-ref.js';

/**
 * A REST integration's `requestParameters` entry whose value is not a string or a CloudFormation
 * value: API Gateway imports the document with a warning and leaves the mapping out.
 * @see https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/apigateway/test_apigateway_import.snapshot.json (AWS-validated import of openapi-basepath-url.yaml: "Invalid format for 'requestParameters'")
 */
export function isDroppedRequestParameter(value: unknown): boolean {
  return typeof value !== 'string' && !isRecord(value);
}

/**
 * Removes from a document what API Gateway drops or ignores on import, so that `cfn`, `mock`,
 * `serve` and the model deploy and run what API Gateway would (the checks warn about each one):
 * `servers` that is not a list, and REST request mappings that are not strings.
 */
export function dropIgnoredValues(document: Record<string, unknown>, apiKind: 'rest' | 'http'): void {
  if ('servers' in document && !Array.isArray(document.servers)) delete document.servers;
  if (apiKind !== 'rest') return;
  for (const site of listOperations(document)) {
    const parameters = operationIntegration(document, site)?.integration.requestParameters;
    if (!isRecord(parameters)) continue;
    for (const [key, value] of Object.entries(parameters)) if (isDroppedRequestParameter(value)) delete parameters[key];
  }
}
