import { printValue } from '../../emit/layout.js';
import { preferredMedia } from '../../emit/media.js';
import { synthesize } from '../../mock/synthesize.js';
import { payloadVersion } from '../../model/functions.js';
import type { ApiModel, OperationModel, ParameterModel } from '../../model/types.js';
import { planParameter, type SchemaLookup } from './parameters.js';

/** What an example test needs of the API: the model and the schemas its parameters and bodies refer to. */
export interface ExampleContext {
  model: ApiModel;
  schemas: SchemaLookup;
}

/**
 * The proxy event an example test sends to a function for an operation: the sample event of the
 * AWS documentation for its payload version, with the operation's route, its required parameters
 * and, when it takes one, a body, valued from the document's examples (else its defaults, enums,
 * or a value of the declared type).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function planSampleEvent(operation: OperationModel, context: ExampleContext): { event: string; payload: '1.0' | '2.0' } {
  const payload = payloadVersion(context.model, operation) === '1.0' ? '1.0' : '2.0';
  const method = operation.method === 'ANY' ? 'GET' : operation.method;
  const values = (parameters: readonly ParameterModel[]) =>
    Object.fromEntries(parameters.filter((parameter) => parameter.required).map((parameter) => [parameter.name, text(parameter, context)]));
  const pathParameters = values(operation.parameters.path);
  const query = values(operation.parameters.query);
  const headers: Record<string, string> = { Accept: 'application/json', ...values(operation.parameters.header) };
  const cookies = Object.entries(values(operation.parameters.cookie)).map(([name, value]) => `${name}=${value}`);
  const path = operation.isDefaultRoute
    ? '/'
    : operation.path.replace(/\{([^}+]+)\+?\}/g, (whole, name: string) => pathParameters[name] ?? whole);
  const body = sampleBody(operation, context);
  if (body) headers['Content-Type'] = body.type;
  const requestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678';
  const bodyValue = body?.text ?? null;
  const isBase64Encoded = body?.base64 ?? false;
  if (payload === '1.0') {
    if (cookies.length > 0) headers.Cookie = cookies.join('; ');
    const event = {
      resource: operation.path,
      path,
      httpMethod: method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      queryStringParameters: Object.keys(query).length > 0 ? query : null,
      multiValueQueryStringParameters:
        Object.keys(query).length > 0 ? Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])) : null,
      pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        apiId: '1234567890',
        authorizer: null,
        protocol: 'HTTP/1.1',
        httpMethod: method,
        identity: {
          accessKey: null,
          accountId: null,
          apiKey: null,
          apiKeyId: null,
          caller: null,
          clientCert: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: '127.0.0.1',
          user: null,
          userAgent: 'Custom User Agent String',
          userArn: null,
        },
        path: `/prod${path}`,
        stage: 'prod',
        requestId,
        requestTimeEpoch: 1428582896000,
        resourceId: '123456',
        resourcePath: operation.path,
      },
      body: bodyValue,
      isBase64Encoded,
    };
    return { event: printValue(event, 0, 40, 1), payload };
  }
  const routeKey = operation.isDefaultRoute ? '$default' : `${operation.method} ${operation.path}`;
  const event = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'id.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'id',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'agent' },
      requestId,
      routeKey,
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    },
    ...(bodyValue === null ? {} : { body: bodyValue }),
    isBase64Encoded,
  };
  return { event: printValue(event, 0, 40, 1), payload };
}

/** A parameter's value as the request carries it: text, lists joined with commas. */
function text(parameter: ParameterModel, context: ExampleContext): string {
  const { spec } = planParameter(parameter, { schemas: context.schemas, refName: (name) => name });
  const schema = parameter.schema.kind === 'ref' ? undefined : parameter.schema;
  const value =
    parameter.example ??
    schema?.example ??
    spec.default ??
    spec.enum?.[0] ??
    { string: 'example', integer: 1, number: 1, boolean: true }[spec.type];
  return Array.isArray(value)
    ? value.map(String).join(',')
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);
}

/** The body of the sample event: the media type's example, else a value built from its schema. */
function sampleBody(operation: OperationModel, context: ExampleContext): { type: string; text: string; base64: boolean } | undefined {
  const media = operation.requestBody ? preferredMedia(operation.requestBody.content) : undefined;
  if (!media) return undefined;
  const type = media.mediaType.includes('*') ? 'application/octet-stream' : media.mediaType;
  if (media.binary) return { type, text: Buffer.from('example').toString('base64'), base64: true };
  const value = media.examples[0]?.value ?? (media.schema ? synthesize(media.schema, context.schemas, { useExamples: true }) : 'example');
  return { type, text: typeof value === 'string' ? value : JSON.stringify(value), base64: false };
}
