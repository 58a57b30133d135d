import type { Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { isRecord } from '../../document/resolve-ref.js';

const VALIDATOR = 'x-amazon-apigateway-request-validator';

/**
 * `x-amazon-apigateway-request-validator` (root default or per operation) must name a validator
 * of `x-amazon-apigateway-request-validators`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validator.html
 */
export const checkRequestValidators: Rule = (context) => {
  const defined = context.document['x-amazon-apigateway-request-validators'];
  const names = new Set(isRecord(defined) ? Object.keys(defined) : []);
  const check = (value: unknown, pointer: string, operation?: string) => {
    if (typeof value !== 'string' || names.has(value)) return;
    context.report({
      code: 'APIGW_REQUEST_VALIDATOR_UNDEFINED',
      pointer,
      message: `Request validator "${value}" is not defined in x-amazon-apigateway-request-validators${names.size ? ` (defined: ${[...names].sort().join(', ')})` : ''}.`,
      ...(operation ? { operation } : {}),
    });
  };
  check(context.document[VALIDATOR], joinPointer('', VALIDATOR));
  for (const site of context.operations) check(site.operation[VALIDATOR], joinPointer(site.pointer, VALIDATOR), site.label);
};
