import type { Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';

const LITERAL = /^[A-Za-z0-9_\-.,:]*$/;
const PARAMETER = /^\{[A-Za-z0-9_\-.]+\+?\}$/;

/**
 * REST resource paths accept only letters, digits and `_-.,:{}`, and a path parameter must be a
 * whole segment.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 */
export const checkPathSegments: Rule = (context) => {
  if (context.apiKind !== 'rest' || typeof context.document.paths !== 'object' || context.document.paths === null) return;
  for (const path of Object.keys(context.document.paths)) {
    if (!path.startsWith('/')) continue;
    const bad = path
      .split('/')
      .slice(1)
      .find((segment) => !LITERAL.test(segment) && !PARAMETER.test(segment));
    if (bad === undefined) continue;
    const reason = bad.includes('{') ? 'a path parameter must be a whole segment' : 'only letters, digits and _-.,: are allowed';
    context.report({
      code: 'APIGW_PATH_SEGMENT_INVALID',
      pointer: joinPointer('/paths', path),
      message: `Path ${path} has segment "${bad}" that API Gateway rejects: ${reason}.`,
    });
  }
};
