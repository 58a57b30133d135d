/**
 * The JSON Schema of the config file, as written (before `readConfig` shapes it). Strict about
 * unknown keys, since a mistyped key would otherwise be silently ignored; commands that read
 * more of the file extend this schema.
 * Limits are API Gateway's: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */

const STAGE_VARIABLES = {
  type: 'object',
  maxProperties: 100,
  propertyNames: { pattern: '^[A-Za-z0-9_]{1,64}$', errorText: 'stage variable names are letters, digits and _ (at most 64)' },
  additionalProperties: {
    type: 'string',
    pattern: '^[A-Za-z0-9\\-._~:/?#&=,]{1,512}$',
    errorText: 'stage variable values are 1 to 512 of the characters A-Z a-z 0-9 - . _ ~ : / ? # & = ,',
  },
} as const;

const NON_NEGATIVE_INTEGER = { type: 'integer', minimum: 0 } as const;
const NON_NEGATIVE_NUMBER = { type: 'number', minimum: 0 } as const;

const METHODS = 'GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|ANY';
/** `/path/METHOD`, with `//METHOD` for the root. */
const METHOD_KEY = `^/.*/(${METHODS})$`;
/** A method key, or `/*\/*` for every method. */
const METHOD_SETTINGS_KEY = `^(/\\*/\\*|/.*/(${METHODS}|\\*))$`;

const METHOD_SETTING = {
  type: 'object',
  additionalProperties: false,
  properties: {
    throttlingRateLimit: NON_NEGATIVE_NUMBER,
    throttlingBurstLimit: NON_NEGATIVE_INTEGER,
    cachingEnabled: { type: 'boolean' },
    cacheTtlInSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
    cacheDataEncrypted: { type: 'boolean' },
    loggingLevel: { enum: ['OFF', 'ERROR', 'INFO'] },
    dataTraceEnabled: { type: 'boolean' },
    metricsEnabled: { type: 'boolean' },
  },
} as const;

const THROTTLE_PROPERTIES = { rateLimit: NON_NEGATIVE_NUMBER, burstLimit: NON_NEGATIVE_INTEGER } as const;

const STAGE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    description: { type: 'string' },
    variables: STAGE_VARIABLES,
    methodSettings: {
      type: 'object',
      propertyNames: {
        pattern: METHOD_SETTINGS_KEY,
        errorText: 'method settings keys are "/*/*" or "/path/METHOD", such as "/pets/{id}/GET"',
      },
      additionalProperties: METHOD_SETTING,
    },
    cacheClusterEnabled: { type: 'boolean' },
    cacheClusterSize: {
      enum: [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237, '0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'],
      errorText: 'must be one of the cache sizes in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237',
    },
    tracingEnabled: { type: 'boolean' },
    accessLogSetting: {
      type: 'object',
      additionalProperties: false,
      required: ['destinationArn', 'format'],
      properties: {
        destinationArn: {
          type: 'string',
          pattern: '^arn:',
          errorText: 'must be the ARN of a CloudWatch Logs log group or Firehose stream',
        },
        format: { type: 'string', minLength: 1 },
      },
    },
    canarySetting: {
      type: 'object',
      additionalProperties: false,
      required: ['percentTraffic'],
      properties: {
        percentTraffic: { type: 'number', minimum: 0, maximum: 100 },
        stageVariableOverrides: STAGE_VARIABLES,
        useStageCache: { type: 'boolean' },
      },
    },
  },
} as const;

const API_KEY = {
  anyOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        enabled: { type: 'boolean' },
        valueParameter: {
          type: 'string',
          pattern: '^[A-Za-z0-9]{1,255}$',
          errorText: 'must be a CloudFormation parameter name (letters and digits)',
        },
      },
    },
  ],
} as const;

const USAGE_PLAN = {
  type: 'object',
  additionalProperties: false,
  required: ['stages'],
  properties: {
    description: { type: 'string' },
    stages: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
    throttle: {
      type: 'object',
      properties: THROTTLE_PROPERTIES,
      patternProperties: { [METHOD_KEY]: { type: 'object', additionalProperties: false, properties: THROTTLE_PROPERTIES } },
      additionalProperties: false,
    },
    quota: {
      type: 'object',
      additionalProperties: false,
      required: ['limit', 'period'],
      properties: { limit: NON_NEGATIVE_INTEGER, period: { enum: ['DAY', 'WEEK', 'MONTH'] }, offset: NON_NEGATIVE_INTEGER },
    },
    apiKeys: { type: 'array', items: API_KEY },
  },
} as const;

/**
 * A function: where its ARN comes from (at most one source: see checkConfig) and, for `serve`, how it runs, with
 * Lambda's names and limits (timeout 1 to 900 seconds; variable names start with a letter).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
const FUNCTION = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  errorText: 'must name a source (parameter, importValue or arn), an environment or a timeout',
  properties: {
    parameter: {
      type: 'string',
      pattern: '^[A-Za-z0-9]{1,255}$',
      errorText: 'must be a CloudFormation parameter name (letters and digits)',
    },
    importValue: { type: 'string', minLength: 1 },
    arn: { type: 'string', pattern: '^arn:[^:]+:lambda:', errorText: 'must be a Lambda function ARN' },
    environment: {
      type: 'object',
      propertyNames: {
        pattern: '^[A-Za-z][A-Za-z0-9_]*$',
        errorText: 'environment variable names are a letter, then letters, digits and _',
      },
      additionalProperties: { type: 'string' },
    },
    timeout: { type: 'integer', minimum: 1, maximum: 900 },
  },
} as const;

/** What every target takes: the document it reads and where it writes. */
const TARGET_BASE = {
  type: { enum: ['sdk', 'handlers', 'mock', 'cfn'] },
  document: { type: 'string', minLength: 1 },
  out: { type: 'string', minLength: 1 },
  api: { type: 'string', minLength: 1 },
  apiKind: { enum: ['rest', 'http'] },
  allowExternalRefs: { type: 'boolean' },
} as const;

const LENIENT = { lenient: { type: 'boolean' } } as const;

/** Each kind of target's options: the options of its command, in camelCase. */
const TARGET_OPTIONS = {
  sdk: { ...LENIENT, name: { type: 'string', minLength: 1 }, packageVersion: { type: 'string', minLength: 1 }, dates: { type: 'boolean' } },
  handlers: {
    ...LENIENT,
    force: { type: 'boolean' },
    validation: { enum: ['document', 'all', 'off'] },
    skipValidation: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
    responseValidation: { type: 'boolean' },
  },
  mock: { all: { type: 'boolean' } },
  cfn: { ...LENIENT, format: { enum: ['yaml', 'json'] } },
} as const;

const TARGET = {
  type: 'object',
  required: ['type', 'document', 'out'],
  properties: TARGET_BASE,
  allOf: Object.entries(TARGET_OPTIONS).map(([type, options]) => ({
    if: { properties: { type: { const: type } } },
    then: { properties: { ...TARGET_BASE, ...options }, additionalProperties: false },
  })),
} as const;

/** `serve`'s authorization settings. */
const SERVE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    verifyTokens: { type: 'boolean' },
    authorizers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          jwks: { type: 'string', minLength: 1 },
          issuer: { type: 'string', minLength: 1 },
          audience: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
    iamCredentials: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['accessKeyId', 'secretAccessKey'],
        properties: {
          accessKeyId: {
            type: 'string',
            pattern: '^[A-Z0-9]{16,128}$',
            errorText: 'must be an access key id (16 to 128 upper-case letters and digits)',
          },
          secretAccessKey: { type: 'string', minLength: 1 },
          sessionToken: { type: 'string', minLength: 1 },
          userId: { type: 'string', minLength: 1 },
          expiration: {
            type: 'string',
            pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+-]\\d\\d:\\d\\d)$',
            errorText: 'must be an ISO 8601 date and time, such as 2030-01-01T00:00:00Z',
          },
          userArn: { type: 'string', pattern: '^arn:aws[a-z-]*:(iam|sts)::\\d{12}:', errorText: 'must be an IAM or STS ARN' },
        },
      },
    },
  },
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    targets: { type: 'array', items: TARGET },
    stages: {
      type: 'object',
      propertyNames: {
        pattern: '^(\\$default|[A-Za-z0-9_-]{1,128})$',
        errorText: 'stage names are letters, digits, - and _ (at most 128), or $default on HTTP APIs',
      },
      additionalProperties: STAGE,
    },
    usagePlans: { type: 'object', propertyNames: { minLength: 1 }, additionalProperties: USAGE_PLAN },
    api: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        endpointType: { enum: ['EDGE', 'REGIONAL', 'PRIVATE'] },
        vpcEndpointIds: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^vpce-' } },
        functions: { type: 'object', additionalProperties: FUNCTION },
      },
    },
    serve: SERVE,
  },
} as const;
