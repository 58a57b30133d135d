import { joinPointer } from '../diagnostics/json-pointer.js';
import { cfnText, withPlaceholders } from './cfn-values.js';
import type { OperationSite } from './operations.js';
import { wholePlaceholder } from './placeholders.js';
import { isRecord, resolveRef } from './resolve-ref.js';

export const INTEGRATION = 'x-amazon-apigateway-integration';

/** An operation's integration, with `$ref`s to `components/x-amazon-apigateway-integrations` followed. */
export interface IntegrationSite {
  integration: Record<string, unknown>;
  /** Where the integration object lives. */
  pointer: string;
  /** Lower-case type (`aws_proxy`, …), or '' when missing. */
  type: string;
}

/** The integration of an operation, if it has one. */
export function operationIntegration(document: Record<string, unknown>, site: OperationSite): IntegrationSite | undefined {
  const raw = site.operation[INTEGRATION];
  if (raw === undefined) return undefined;
  const resolved = resolveRef<unknown>(document, raw, joinPointer(site.pointer, INTEGRATION));
  if (!resolved || !isRecord(resolved.value)) return undefined;
  const type = typeof resolved.value.type === 'string' ? resolved.value.type.toLowerCase() : '';
  return { integration: resolved.value, pointer: resolved.pointer, type };
}

/**
 * True when the integration invokes a Lambda function (through API Gateway's Lambda path, or a
 * bare function ARN on HTTP APIs), or is an `aws_proxy` integration whose whole uri is a
 * placeholder for another tool (`${lambda_invoke_arn}`): `aws_proxy` reaches nothing but
 * Lambda unless an HTTP API names a service with `integrationSubtype`.
 */
export function invokesLambda(integration: Record<string, unknown>): boolean {
  const uri = cfnText(integration.uri);
  if (uri === undefined) return false;
  const text = withPlaceholders(uri);
  const invocationPath = /^arn:[^:]+:apigateway:[^:]*:lambda:path\//.test(text);
  const functionArn = /^arn:[^:]+:lambda:/.test(text);
  // `${MyFunction.Arn}` alone: the HTTP API form with a CloudFormation function.
  const functionReference = text === 'X' && /\.Arn\}$/.test(uri);
  const placeholder =
    String(integration.type).toLowerCase() === 'aws_proxy' &&
    integration.integrationSubtype === undefined &&
    wholePlaceholder(integration.uri) !== undefined;
  return invocationPath || functionArn || functionReference || placeholder;
}
