import type { Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { listed, operationParameters, parameterKey, templateNames } from '../../document/parameters.js';

/**
 * Checks that path templates and `in: path` parameters agree, and that no operation lists a
 * parameter twice.
 * @see https://spec.openapis.org/oas/v3.0.3#parameter-object
 */
export const checkPathParameters: Rule = (context) => {
  for (const site of context.operations) {
    const parameters = operationParameters(context.document, site);
    const names = templateNames(site.path);
    for (const name of names) {
      if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
        // API Gateway creates it from the resource path (see effectiveParameters): OpenAPI tools other than ours reject it.
        context.report({
          code: 'APIGW_PATH_PARAMETER_MISMATCH',
          pointer: site.pointer,
          operation: site.label,
          severity: 'warning',
          message: `${site.label} has {${name}} in its path but no "in: path" parameter named "${name}": API Gateway takes it from the path, and apigw-gen types it as a string, but OpenAPI requires it declared.`,
        });
      }
    }
    for (const parameter of parameters) {
      if (parameter.in !== 'path') continue;
      if (!names.includes(parameter.name)) {
        context.report({
          code: 'APIGW_PATH_PARAMETER_MISMATCH',
          pointer: parameter.pointer,
          operation: site.label,
          message: `${site.label} declares path parameter "${parameter.name}", which its path does not contain.`,
        });
      } else if (parameter.parameter.required !== true) {
        context.report({
          code: 'APIGW_PATH_PARAMETER_MISMATCH',
          pointer: joinPointer(parameter.definitionPointer, 'required'),
          operation: site.label,
          message: `Path parameter "${parameter.name}" of ${site.label} must be "required: true".`,
        });
      }
    }
    for (const [holder, pointer] of [
      [site.operation, site.pointer],
      [site.pathItem, site.pathItemPointer],
    ] as const) {
      const seen = new Set<string>();
      for (const parameter of listed(context.document, holder, pointer)) {
        const key = parameterKey(parameter.in, parameter.name);
        if (seen.has(key)) {
          context.report({
            code: 'APIGW_DUPLICATE_PARAMETER',
            pointer: parameter.pointer,
            operation: site.label,
            message: `${parameter.in} parameter "${parameter.name}" is listed twice.`,
          });
        }
        seen.add(key);
      }
    }
  }
};
