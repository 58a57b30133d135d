import type { IntegrationResponseModel } from '../../model/types.js';
import { jsonPathText, sourceValue, type MethodRequestValues } from './request-parameters.js';
import { ownField, setOwn } from '../own-fields.js';

/**
 * The integration response that answers: the first whose selection pattern matches the whole
 * subject (the backend's status code for HTTP and MOCK integrations, the error message for
 * Lambda ones, none when the function answered), else the default one (`default`, or an empty
 * pattern).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */
export class ResponseSelector {
  /** Compiled selection patterns: the same few are tested on every request. */
  readonly #patterns = new Map<string, RegExp | null>();

  select(responses: IntegrationResponseModel[], subject: string | undefined): IntegrationResponseModel | undefined {
    const isDefault = (entry: IntegrationResponseModel) => entry.pattern === 'default' || entry.pattern === '';
    const matching =
      subject === undefined ? undefined : responses.find((entry) => !isDefault(entry) && this.#matches(entry.pattern, subject));
    return matching ?? responses.find(isDefault);
  }

  /** API Gateway anchors a pattern at both ends; an invalid one matches nothing. */
  #matches(pattern: string, subject: string): boolean {
    let regex = this.#patterns.get(pattern);
    if (regex === undefined) {
      try {
        regex = new RegExp(`^(?:${pattern})$`, 's');
      } catch {
        regex = null;
      }
      this.#patterns.set(pattern, regex);
    }
    return regex?.test(subject) ?? false;
  }
}

/** What the backend answered, for the response's parameters and template. */
export interface BackendAnswer {
  body: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/**
 * `responseParameters`: method response headers from a `'literal'`, the backend's answer
 * (`integration.response.header.name`, `integration.response.body[.JSONPath]`), stage
 * variables or the context.
 */
export function mapResponseParameters(
  responseParameters: Record<string, string>,
  answer: BackendAnswer,
  values: MethodRequestValues,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [target, source] of Object.entries(responseParameters)) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    if (!name) continue;
    const header = /^integration\.response\.(?:multivalue)?header\.(.+)$/.exec(source)?.[1];
    const bodyPath = /^integration\.response\.body\.(.+)$/.exec(source)?.[1];
    const value =
      header !== undefined
        ? ownField(answer.headers, header.toLowerCase())
        : source === 'integration.response.body'
          ? answer.body
          : bodyPath !== undefined
            ? jsonPathText(answer.body, `$.${bodyPath}`)
            : sourceValue(source, values);
    if (value !== undefined) setOwn(headers, name.toLowerCase(), value);
  }
  return headers;
}
