import { diagnosticCatalog, OUTPUTS, type CodeInfo, type Output } from './codes.js';
import type { Diagnostic } from './diagnostic.js';

/** Outputs that run against any server, so that API Gateway's own rules are noise for a document written for another one. */
const CLIENT_SIDE: readonly Output[] = ['sdk', 'handlers'];

/**
 * The diagnostics as one output sees them: an error whose code does not make that output wrong
 * (a model name API Gateway refuses, for a client) becomes a warning, and a document without any
 * `x-amazon-apigateway-*` extension gets its client and handlers without API Gateway findings.
 */
export function scopeDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: { output: Output; apiGatewayDocument: boolean },
): Diagnostic[] {
  const quiet = !options.apiGatewayDocument && CLIENT_SIDE.includes(options.output);
  return diagnostics.flatMap((diagnostic) => {
    const info: CodeInfo = diagnosticCatalog[diagnostic.code];
    if (quiet && info.apiGateway) return [];
    if (diagnostic.severity === 'error' && !info.blocks.includes(options.output)) return [{ ...diagnostic, severity: 'warning' as const }];
    return [diagnostic];
  });
}

/** The outputs an error stops, for `validate` to show; the others generate with it as a warning. */
export function blockedOutputs(diagnostic: Diagnostic): Output[] {
  if (diagnostic.severity !== 'error') return [];
  const { blocks } = diagnosticCatalog[diagnostic.code];
  return OUTPUTS.filter((output) => blocks.includes(output));
}
