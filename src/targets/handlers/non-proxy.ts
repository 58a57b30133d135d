import { atom, type TypeTree } from '../../emit/layout.js';
import { codeBlock, inlineCode } from '../../emit/markdown.js';
import { bodyKind, preferredMedia } from '../../emit/media.js';
import type { OperationModel } from '../../model/types.js';
import type { NamespaceUse } from './namespaces.js';
import { bodyTree } from './bodies.js';

/** Templates that pass the request body through as it is. */
const PASSTHROUGH = new Set([`$input.json('$')`, `$input.json("$")`, '$input.body']);

/**
 * The event a non-proxy Lambda integration sends: the request body when it passes through
 * (no mapping template, or one that only copies the body), else whatever the mapping template
 * makes, which only the template tells: `unknown`, with the template quoted in the doc comment.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */
export function templateEvent(operation: OperationModel, types: NamespaceUse): { type: TypeTree; doc: string } {
  const integration = operation.integration!;
  const label = `\`${operation.name}\` (${inlineCode(`${operation.method} ${operation.path}`)})`;
  const templates = Object.entries(integration.requestTemplates);
  const passthrough =
    templates.length === 0
      ? integration.passthroughBehavior !== 'never'
      : templates.every(([, template]) => PASSTHROUGH.has(template.trim()));
  const media = operation.requestBody ? preferredMedia(operation.requestBody.content) : undefined;
  if (passthrough && media?.schema && bodyKind(media) === 'json') {
    return { type: bodyTree(media, 'request', types), doc: `What ${label} sends: the request body, passed through as it is.` };
  }
  if (templates.length === 0)
    return { type: atom('unknown'), doc: `What ${label} sends: the request body, as API Gateway passes it through.` };
  const quoted = templates.map(([mediaType, template]) => `For ${inlineCode(mediaType)} requests:\n\n${codeBlock('vtl', template)}`);
  return { type: atom('unknown'), doc: [`What ${label} sends: what its request mapping template makes.`, ...quoted].join('\n\n') };
}
