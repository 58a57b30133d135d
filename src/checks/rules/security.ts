import type { Rule } from '../check-context.js';
import { joinPointer } from '../../diagnostics/json-pointer.js';
import { effectiveSecurity, securitySchemes, type SchemeSite } from '../../document/security.js';
import { classifyScheme } from '../../document/auth-kind.js';
import { isRecord } from '../../document/resolve-ref.js';

/**
 * Security requirements as API Gateway applies them: names that must exist, the root `security`
 * that REST import ignores, one requirement per HTTP API route, and schemes API Gateway does not
 * enforce.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 */
export const checkSecurity: Rule = (context) => {
  const schemes = securitySchemes(context.document);
  const rootSecurity = context.document.security;
  const apiGateway = context.scan.extensions.length > 0;
  if (Array.isArray(rootSecurity)) {
    rootSecurity.forEach((requirement, index) => checkNames(requirement, joinPointer('/security', index)));
    if (
      context.apiKind === 'rest' &&
      apiGateway &&
      rootSecurity.some((requirement: unknown) => isRecord(requirement) && Object.keys(requirement).length > 0)
    ) {
      context.report({
        code: 'APIGW_ROOT_SECURITY_IGNORED',
        pointer: '/security',
        message: 'REST API import ignores the root "security"; operations without their own "security" get no authorization.',
      });
    }
  }
  const used = new Set<string>();
  for (const site of context.operations) {
    const security = effectiveSecurity(context.document, site, { kind: context.apiKind, apiGateway });
    if (!security.fromRoot)
      security.requirements.forEach((requirement, index) => checkNames(requirement, joinPointer(security.pointer, index), site.label));
    for (const requirement of security.requirements) for (const name of Object.keys(requirement)) used.add(name);
    const schemeCount = security.requirements.reduce((count, requirement) => count + Object.keys(requirement).length, 0);
    if (context.apiKind === 'http' && (security.requirements.length > 1 || schemeCount > 1)) {
      context.report({
        code: 'APIGW_MULTIPLE_SECURITY_REQUIREMENTS',
        pointer: security.pointer,
        operation: site.label,
        message: `${site.label} has ${schemeCount} security schemes in ${security.requirements.length} requirements; an HTTP API route takes exactly one.`,
      });
    }
  }
  // A document not meant for API Gateway is not checked against what API Gateway enforces.
  for (const name of apiGateway ? [...used].sort() : []) {
    const site = schemes.get(name);
    if (site && classifyScheme(site.scheme) === 'other') reportUnenforced(site);
  }

  function checkNames(requirement: unknown, pointer: string, operation?: string): void {
    for (const name of Object.keys(requirement ?? {})) {
      if (schemes.has(name)) continue;
      context.report({
        code: 'APIGW_SECURITY_SCHEME_UNDEFINED',
        pointer: joinPointer(pointer, name),
        message: `Security requirement names "${name}", which is not in components.securitySchemes.`,
        ...(operation ? { operation } : {}),
      });
    }
  }

  function reportUnenforced(site: SchemeSite): void {
    context.report({
      code: 'APIGW_SECURITY_NOT_ENFORCED',
      pointer: site.pointer,
      message: `Security scheme "${site.name}" (${String(site.scheme.type)}) has no API Gateway meaning: API Gateway will not check it.`,
    });
  }
};
