import type { Rule } from '../check-context.js';
import { operationIntegration } from '../../document/integrations.js';
import { buildIntegration } from '../../model/build-integration.js';

/** A route that invokes a function, and where its integration is. */
interface Invoker {
  label: string;
  pointer: string;
}

/**
 * A REST API Lambda function that some routes invoke for response streaming
 * (`…/response-streaming-invocations`, InvokeWithResponseStream) and others the buffered way
 * (Invoke): no handler answers both. Invoked the buffered way, a streaming handler's answer loses
 * its body; invoked for streaming, a buffered handler's answer is a 500. `handlers` writes the
 * buffered router for such a function, so its streaming routes fail, on AWS and under `serve`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 */
export const checkStreamingFunctions: Rule = (context) => {
  if (context.apiKind !== 'rest') return;
  const functions = new Map<string, { name: string; streamed: Invoker[]; buffered: Invoker[] }>();
  for (const site of context.operations) {
    const found = operationIntegration(context.document, site);
    if (!found || (found.type !== 'aws_proxy' && found.type !== 'aws')) continue;
    const integration = buildIntegration(found);
    const ref = integration.functionRef;
    if (!ref) continue;
    const entry = functions.get(ref.key) ?? { name: ref.functionName ?? ref.logicalId ?? ref.key, streamed: [], buffered: [] };
    functions.set(ref.key, entry);
    const streamed = integration.kind === 'lambdaProxy' && integration.responseTransferMode === 'STREAM';
    (streamed ? entry.streamed : entry.buffered).push({ label: site.label, pointer: found.pointer });
  }
  for (const { name, streamed, buffered } of functions.values()) {
    if (streamed.length === 0 || buffered.length === 0) continue;
    const list = (invokers: Invoker[]) => invokers.map((invoker) => `${invoker.label} (#${invoker.pointer})`).join(', ');
    context.report({
      code: 'APIGW_FUNCTION_MIXED_TRANSFER_MODES',
      pointer: streamed[0]!.pointer,
      message:
        `The Lambda function ${JSON.stringify(name)} is invoked for response streaming by ${list(streamed)} and the buffered way by ${list(buffered)}: ` +
        'no handler answers both, and the generated one is the buffered router, so the streaming routes answer 500.',
    });
  }
};
