/**
 * Response helpers named after HTTP statuses (`ok`, `notFound`…), typed from an operation's
 * declared responses: a helper exists only for a status the operation declares (exactly, by its
 * class such as `4XX`, or by `default`), and takes the body and headers declared for it. This
 * file is copied verbatim into every handlers package.
 */
import type { OperationResult } from './result.js';

/** The statuses that have a helper, by helper name (RFC 9110 reason phrases, in camelCase). */
export const STATUS_NAMES = {
  ok: 200,
  created: 201,
  accepted: 202,
  noContent: 204,
  movedPermanently: 301,
  found: 302,
  seeOther: 303,
  notModified: 304,
  temporaryRedirect: 307,
  permanentRedirect: 308,
  badRequest: 400,
  unauthorized: 401,
  paymentRequired: 402,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  notAcceptable: 406,
  conflict: 409,
  gone: 410,
  preconditionFailed: 412,
  contentTooLarge: 413,
  unsupportedMediaType: 415,
  unprocessableContent: 422,
  tooManyRequests: 429,
  internalServerError: 500,
  notImplemented: 501,
  badGateway: 502,
  serviceUnavailable: 503,
  gatewayTimeout: 504,
} as const;

type StatusNames = typeof STATUS_NAMES;

/** The declared answers whose status covers `Status` (`404` is covered by `404`, `4XX` and `default`). */
export type AnswerFor<Response extends OperationResult, Status extends number> = Response extends { statusCode: infer Code }
  ? Status extends Code
    ? Response
    : never
  : never;

/** What a helper takes after the body: headers and cookies, required when the response declares required headers. */
type Rest<Answer extends OperationResult> = Omit<Answer, 'statusCode' | 'body'>;

/** The arguments of a helper: the body (optional when the response may have none), then the rest. */
type HelperArguments<Answer extends OperationResult> = [undefined] extends [Answer['body']]
  ? Partial<Rest<Answer>> extends Rest<Answer>
    ? [body?: Answer['body'], rest?: Rest<Answer>]
    : [body: Answer['body'], rest: Rest<Answer>]
  : Partial<Rest<Answer>> extends Rest<Answer>
    ? [body: Answer['body'], rest?: Rest<Answer>]
    : [body: Answer['body'], rest: Rest<Answer>];

/** A helper per declared status, plus `status(code, body)` for statuses without a name. */
export type ResponseHelpers<Response extends OperationResult> = {
  [Name in keyof StatusNames as [AnswerFor<Response, StatusNames[Name]>] extends [never] ? never : Name]: (
    ...args: HelperArguments<AnswerFor<Response, StatusNames[Name]>>
  ) => AnswerFor<Response, StatusNames[Name]> & { statusCode: StatusNames[Name] };
} & {
  status<Status extends Response['statusCode']>(
    statusCode: Status,
    ...args: HelperArguments<AnswerFor<Response, Status>>
  ): AnswerFor<Response, Status> & { statusCode: Status };
};

/** The helpers of an operation's `Response` type; generated per operation as `<Operation>Responses`. */
export function responseHelpers<Response extends OperationResult>(): ResponseHelpers<Response> {
  const answer = (statusCode: number, body?: unknown, rest?: object): OperationResult => ({
    statusCode,
    ...(body === undefined ? {} : { body }),
    ...rest,
  });
  const helpers: Record<string, unknown> = { status: answer };
  for (const [name, statusCode] of Object.entries(STATUS_NAMES)) {
    helpers[name] = (body?: unknown, rest?: object) => answer(statusCode, body, rest);
  }
  return helpers as ResponseHelpers<Response>;
}
