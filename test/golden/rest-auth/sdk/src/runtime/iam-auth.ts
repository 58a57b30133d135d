/**
 * Operations authorized by AWS IAM, for generated SDKs: they are signed by the client's `signer`
 * (`sigv4Auth` of `sigv4.ts`) once every other header is set. This file is copied into an SDK
 * package only when the API has IAM-authorized operations; it holds no signing code, so that a
 * program that calls none of them bundles none.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
 */
import type { AuthKind } from './client.js';

/** Hands the call to the client's signer; calling such an operation without one throws. */
export const iamAuth: AuthKind = {
  ready: (_scheme, { options }) => options.signer !== undefined,
  send(_scheme, call) {
    const { spec, options } = call;
    if (options.signer === undefined)
      throw new TypeError(
        `${spec.method} ${spec.path} is authorized by AWS IAM: pass \`signer: sigv4Auth({ credentials })\` (or \`credentials\` to the client class) to sign it.`,
      );
    call.signer = options.signer;
  },
};
