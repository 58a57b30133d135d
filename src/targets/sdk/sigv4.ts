import type { ApiModel } from '../../model/types.js';

/**
 * The SigV4 signer generated packages depend on: the AWS SDK v3 signer and its SHA-256. The
 * repository pins the same versions as devDependencies, to test the runtime against them (a test
 * keeps the two in step).
 */
export const SIGV4_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@aws-crypto/sha256-js': '^5.2.0',
  '@smithy/signature-v4': '^5.7.5',
};

/** What an SDK package adds to sign the requests of operations authorized by AWS IAM. */
export interface SigV4Plan {
  /** True when some operation is authorized by AWS IAM. */
  enabled: boolean;
  /** Runtime files copied from `src/runtime/`. */
  runtimeFiles: string[];
  /** The package's runtime `dependencies`. */
  dependencies: Record<string, string>;
  /** Lines of `src/index.ts`. */
  exports: string[];
}

/**
 * SigV4 signing in an SDK package, only for APIs with IAM-authorized operations
 * (`x-amazon-apigateway-authtype: awsSigv4`): other packages keep no dependencies and no signing code.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
 */
export function planSigV4(model: ApiModel): SigV4Plan {
  const enabled = model.operations.some((operation) =>
    operation.security.some((requirement) => requirement.schemes.some((scheme) => scheme.kind === 'iam')),
  );
  if (!enabled) return { enabled, runtimeFiles: [], dependencies: {}, exports: [] };
  return {
    enabled,
    runtimeFiles: ['sigv4.ts'],
    dependencies: { ...SIGV4_DEPENDENCIES },
    // `SigV4ClientOptions` comes from the client file, typed with the API's own schemes.
    exports: [`export { sigv4Auth, type AwsCredentials, type AwsCredentialsProvider, type SigV4Options } from './runtime/sigv4.js';`],
  };
}
