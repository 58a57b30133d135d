import type { CheckContext, Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { operationIntegration } from '../../document/integrations.js';
import {
  authorizerPlaceholderFields,
  foreignPlaceholders,
  integrationPlaceholderFields,
  pseudoParameterOf,
  type PlaceholderField,
} from '../../document/placeholders.js';
import { isRecord } from '../../document/resolve-ref.js';
import { securitySchemes } from '../../document/security.js';

/**
 * Warns about `${name}` placeholders meant for another tool (a Terraform `templatefile`
 * variable, say) in integrations and authorizers: API Gateway would keep them as text.
 * An integration shared through `$ref` is reported once, where it is defined.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html
 */
export const checkPlaceholders: Rule = (context) => {
  const seen = new Set<string>();
  for (const site of context.operations) {
    const found = operationIntegration(context.document, site);
    if (!found || seen.has(found.pointer)) continue;
    seen.add(found.pointer);
    report(context, { pointer: found.pointer, label: site.label, fields: integrationPlaceholderFields(found.integration) });
  }
  for (const site of securitySchemes(context.document).values()) {
    const authorizer = site.scheme['x-amazon-apigateway-authorizer'];
    if (!isRecord(authorizer)) continue;
    const pointer = joinPointer(site.pointer, 'x-amazon-apigateway-authorizer');
    report(context, { pointer, label: `authorizer "${site.name}"`, fields: authorizerPlaceholderFields(authorizer) });
  }
};

function report(context: CheckContext, options: { pointer: string; label: string; fields: readonly PlaceholderField[] }): void {
  for (const field of options.fields) {
    const names = foreignPlaceholders(field.text, field.template);
    if (names.length === 0) continue;
    const written = (list: readonly string[]) => list.map((name) => '${' + name + '}').join(', ');
    const pseudo = names.filter((name) => pseudoParameterOf(name) !== undefined);
    const others = names.filter((name) => pseudoParameterOf(name) === undefined);
    const cfn = [
      ...(pseudo.length > 0 ? [`fills in ${pseudo.map((name) => `\${${name}} with \${${pseudoParameterOf(name)!}}`).join(', ')}`] : []),
      ...(others.length > 0 ? [`makes ${written(others)} ${others.length > 1 ? 'template parameters' : 'a template parameter'}`] : []),
    ];
    context.report({
      code: 'APIGW_UNRESOLVED_PLACEHOLDER',
      pointer: joinPointer(options.pointer, ...field.path),
      message:
        `${field.path.join('.')} of ${options.label} holds ${written(names)}: ` +
        `${names.length > 1 ? 'placeholders' : 'a placeholder'} for another tool (a Terraform templatefile variable?), which API Gateway keeps as written. ` +
        `apigw-gen cfn ${cfn.join(' and ')}.`,
    });
  }
}
