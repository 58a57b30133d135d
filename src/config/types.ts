/**
 * The project config (`apigw-gen.config.yaml`): what OpenAPI cannot say about a deployment,
 * read by `cfn` (and by `serve` and `generate`, which extend it). Settings use CloudFormation's
 * own names in camelCase, so that its documentation explains each one.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-usageplan.html
 */

export interface ApigwGenConfig {
  /** Stages by name, in name order. Empty when the file names none (a default stage applies). */
  stages: StageConfig[];
  /** The stage the file names first, which `serve` serves without `--stage`. */
  firstStage?: string;
  /** Usage plans by name, in name order. */
  usagePlans: UsagePlanConfig[];
  api: ApiConfig;
  /** What `generate` writes, in the order written. */
  targets: TargetConfig[];
  /** How `serve` checks tokens and signatures; absent: the defaults. */
  serve?: ServeConfig;
}

/** `serve`'s authorization settings: keys for Cognito and JWT authorizers, credentials for IAM. */
export interface ServeConfig {
  /** Check JWT signatures against the JWKS (`--no-verify-tokens` turns it off). Default true. */
  verifyTokens?: boolean;
  /** Cognito and JWT authorizers, by security scheme name. */
  authorizers: Record<string, ServeAuthorizerConfig>;
  /** The credentials SigV4-signed requests may use (IAM authorization). */
  iamCredentials: IamCredentialConfig[];
}

export interface ServeAuthorizerConfig {
  /** A JWKS: a file (resolved against the config's folder) or an http(s) URL. Default: `<issuer>/.well-known/jwks.json`. */
  jwks?: string;
  /** Instead of the document's issuer (Cognito: from the user pool ARN). */
  issuer?: string;
  /** Accepted audiences (Cognito: app client ids), instead of the document's `jwtConfiguration.audience`. */
  audience?: string[];
}

export interface IamCredentialConfig {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials' token: then requests must carry it in `X-Amz-Security-Token`. */
  sessionToken?: string;
  /** The caller, as `requestContext.identity.userArn`. */
  userArn?: string;
  /** The caller's unique id (`AIDA…`), as `requestContext.identity.caller` and `user`; default: the access key id. */
  userId?: string;
  /** When temporary credentials expire (ISO 8601): later requests get 403 EXPIRED_TOKEN. */
  expiration?: string;
}

/** Options every target takes. `document` and `out` are resolved against the config file's folder. */
interface TargetConfigBase {
  document: string;
  out: string;
  /** The logical id of the API resource to read when `document` is a SAM or CloudFormation template with several. */
  api?: string;
  apiKind?: 'rest' | 'http';
  allowExternalRefs?: boolean;
}

interface SdkTargetConfig extends TargetConfigBase {
  type: 'sdk';
  lenient?: boolean;
  /** npm package name (default: from the API title). */
  name?: string;
  /** Package version (default: info.version when it is semver). */
  packageVersion?: string;
  /** `format: date-time` strings as `Date`s in the client (default: false). */
  dates?: boolean;
}

interface HandlersTargetConfig extends TargetConfigBase {
  type: 'handlers';
  lenient?: boolean;
  force?: boolean;
  /** Which operations the routers validate with API Gateway's request validator rules (`--validation`). */
  validation?: 'document' | 'all' | 'off';
  /** Operation ids the routers never validate (`--skip-validation`). */
  skipValidation?: string[];
  /** Check answers against their declared schemas (`--response-validation`), for tests and development. */
  responseValidation?: boolean;
}

interface MockTargetConfig extends TargetConfigBase {
  type: 'mock';
  all?: boolean;
}

interface CfnTargetConfig extends TargetConfigBase {
  type: 'cfn';
  lenient?: boolean;
  format?: 'yaml' | 'json';
}

export type TargetConfig = SdkTargetConfig | HandlersTargetConfig | MockTargetConfig | CfnTargetConfig;

export interface StageConfig {
  /** Letters, digits, `-` and `_` (or `$default` on HTTP APIs). */
  name: string;
  description?: string;
  variables: Record<string, string>;
  /** By key: `/*\/*` for every method, else `/path/METHOD`; in key order. */
  methodSettings: MethodSettingConfig[];
  cacheClusterEnabled?: boolean;
  /** In GB, as CloudFormation writes it: `0.5`, `1.6`, `6.1`, `13.5`, `28.4`, `58.2`, `118`, `237`. */
  cacheClusterSize?: CacheClusterSize;
  tracingEnabled?: boolean;
  accessLogSetting?: { destinationArn: string; format: string };
  canarySetting?: CanarySettingConfig;
}

export type CacheClusterSize = '0.5' | '1.6' | '6.1' | '13.5' | '28.4' | '58.2' | '118' | '237';

export interface MethodSettingConfig {
  /** `/*\/*`, or `/path/METHOD` as in the document (`//GET` for the root). */
  key: string;
  /** `/*` for every resource, else the document path. */
  resourcePath: string;
  /** `*` for every method. */
  httpMethod: string;
  throttlingRateLimit?: number;
  throttlingBurstLimit?: number;
  cachingEnabled?: boolean;
  cacheTtlInSeconds?: number;
  cacheDataEncrypted?: boolean;
  loggingLevel?: 'OFF' | 'ERROR' | 'INFO';
  dataTraceEnabled?: boolean;
  metricsEnabled?: boolean;
}

interface CanarySettingConfig {
  percentTraffic: number;
  stageVariableOverrides: Record<string, string>;
  useStageCache?: boolean;
}

export interface UsagePlanConfig {
  name: string;
  description?: string;
  /** Names of stages of `stages` (or the default stage). */
  stages: string[];
  throttle?: ThrottleConfig;
  /** Per-method throttles, by `/path/METHOD`, in key order. */
  methodThrottles: (ThrottleConfig & { key: string })[];
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH'; offset?: number };
  /** In the order written. */
  apiKeys: ApiKeyConfig[];
}

export interface ThrottleConfig {
  rateLimit?: number;
  burstLimit?: number;
}

export interface ApiKeyConfig {
  name: string;
  description?: string;
  enabled?: boolean;
  /** A CloudFormation parameter that holds the key's value: values are never written in a template. */
  valueParameter?: string;
}

export interface ApiConfig {
  name?: string;
  description?: string;
  endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  vpcEndpointIds: string[];
  /** The Lambda functions the document names as `${X.Arn}`, by logical id. */
  functions: Record<string, FunctionConfig>;
}

/**
 * A function: where the template takes its ARN from (a template parameter, the default; another
 * stack's export; or a fixed ARN: at most one), and how `serve` runs it.
 */
export interface FunctionConfig {
  parameter?: string;
  importValue?: string;
  arn?: string;
  /** Environment variables of the function (`serve` sets them in its worker). */
  environment?: Record<string, string>;
  /** Lambda's timeout in seconds (1 to 900); `serve` stops the function after it. */
  timeout?: number;
}

/** The config when there is no file: one default stage, no usage plans. */
export const EMPTY_CONFIG: ApigwGenConfig = { stages: [], usagePlans: [], api: { vpcEndpointIds: [], functions: {} }, targets: [] };

/**
 * The config as written (`apigw-gen.config.ts` with `defineConfig`, or YAML/JSON): stages and
 * usage plans are maps by name, and paths are relative to the config file.
 */
export interface ConfigFile {
  stages?: Record<string, ConfigFileStage>;
  usagePlans?: Record<string, ConfigFileUsagePlan>;
  api?: Partial<ApiConfig>;
  targets?: TargetConfig[];
  serve?: Partial<ServeConfig>;
}

export type ConfigFileStage = Omit<StageConfig, 'name' | 'variables' | 'methodSettings' | 'cacheClusterSize' | 'canarySetting'> & {
  variables?: Record<string, string>;
  methodSettings?: Record<string, Omit<StageConfig['methodSettings'][number], 'key' | 'resourcePath' | 'httpMethod'>>;
  cacheClusterSize?: number | string;
  canarySetting?: { percentTraffic: number; stageVariableOverrides?: Record<string, string>; useStageCache?: boolean };
};

export type ConfigFileUsagePlan = Omit<UsagePlanConfig, 'name' | 'throttle' | 'methodThrottles' | 'apiKeys'> & {
  throttle?: Record<string, unknown>;
  apiKeys?: (string | ApiKeyConfig)[];
};
