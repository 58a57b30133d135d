import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi } from '../../src/index.js';
import { LocalGateway } from '../../src/serve/gateway.js';
import { LambdaHandlers } from '../../src/serve/lambda-proxy.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { fixturesRoot } from '../support/paths.js';

/**
 * The developer guide's mapping-template examples, run by `serve` over HTTP on 127.0.0.1. Each
 * template, input and expected output is read from the guide's own Markdown source
 * (fixtures/aws-docs/, awsdocs/amazon-api-gateway-developer-guide at 781597d, see its MANIFEST.tsv),
 * found by the anchor of its section, so nothing is retyped here. Request templates go through an
 * HTTP integration to a local backend that answers what it received (`/echo`: the body;
 * `/inspect`: headers and body as JSON); response templates transform what `/echo` sends back,
 * or what the tutorial's own Lambda function answers behind a Lambda custom integration.
 *
 * Where the guide's stated output is not what API Gateway renders, the case asserts what API
 * Gateway renders and says why (see `things`).
 */

const DOCS = join(fixturesRoot, '../aws-docs');
const PAGE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/';

/** The text of a guide page from the `<a name="anchor">` of a section to the next section's. */
function section(page: string, anchor: string): string {
  const markdown = readFileSync(join(DOCS, `${page}.md`), 'utf8');
  const start = markdown.indexOf(`<a name="${anchor}"></a>`);
  if (start < 0) throw new Error(`${page}.md has no anchor ${anchor}`);
  const end = markdown.indexOf('<a name="', start + anchor.length + 12);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks of a section, without the indentation of numbered steps. */
function codeBlocks(page: string, anchor: string): string[] {
  return [...section(page, anchor).matchAll(/^( *)```\n([\s\S]*?)\n *```$/gm)].map(([, indent, code]) =>
    code!
      .split('\n')
      .map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line))
      .join('\n'),
  );
}

/** The `<pre>` blocks of a reference table row (in table cells, lines are `<br />`). */
function tableRowBlocks(page: string, anchor: string, row: string): string[] {
  const line = section(page, anchor)
    .split('\n')
    .find((candidate) => candidate.startsWith(`| ${row} |`));
  if (!line) throw new Error(`${page}.md: no table row ${row}`);
  return [...line.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map(([, code]) => code!.replace(/<br \/>/g, '\n'));
}

/** The text after `start` up to `end` (or the end), trimmed. */
const between = (text: string, start: string, end: string | undefined) =>
  text.slice(text.indexOf(start) + start.length, end === undefined ? undefined : text.indexOf(end)).trim();

const firstBlock = (page: string, anchor: string) => codeBlocks(page, anchor)[0]!;

interface GuideCase {
  name: string;
  /** The guide page (and section) the template and the expected output come from. */
  source: string;
  path: string;
  method?: string;
  requestTemplate?: string;
  responseTemplate?: string;
  /** Where the integration goes: the local HTTP backend, or (`lambda`) the guide's GetPetsInfo function as a Lambda custom integration. */
  backend: 'echo' | 'inspect' | 'lambda';
  /** The resource's method request: its path and header parameters, whether it requires an API key. */
  pathParameters?: string[];
  headerParameters?: string[];
  apiKeyRequired?: boolean;
  requestParameters?: Record<string, string>;
  request: { path: string; body?: string; headers?: Record<string, string> };
  /** `json` may hold `expect.objectContaining` where only some values are the guide's. */
  expected: { status?: number; json?: unknown; text?: string };
}

/** The four "models and mapping templates" example pages: their input templates keep the original data, their output templates make the transformed data. */
const MODEL_EXAMPLES = ['photos', 'news-article', 'invoice', 'employee'].flatMap((example): GuideCase[] => {
  const page = `example-${example}`;
  const original = firstBlock(page, `${page}-original-data`);
  return [
    {
      name: `${example}: the input mapping template maps the original data to the input model's shape`,
      source: `${PAGE}${page}.html#${page}-input-mapping`,
      path: `/${example}/input`,
      requestTemplate: firstBlock(page, `${page}-input-mapping`),
      backend: 'echo',
      request: { path: `/${example}/input`, body: original },
      expected: { status: 200, json: JSON.parse(original) },
    },
    {
      name: `${example}: the output mapping template makes the transformed data`,
      source: `${PAGE}${page}.html#${page}-output-mapping`,
      path: `/${example}/output`,
      responseTemplate: firstBlock(page, `${page}-output-mapping`),
      backend: 'echo',
      request: { path: `/${example}/output`, body: original },
      expected: { status: 200, json: JSON.parse(firstBlock(page, `${page}-transformed-data`)) },
    },
  ];
});

/**
 * The tutorial "Build a REST API with HTTP non-proxy integration", "Map response payload": the
 * GetPetsInfo Lambda function (its code, from the tutorial) behind Lambda custom integrations
 * whose response templates flatten its pets four ways; each template is followed by the
 * response body the console's test showed.
 */
const TUTORIAL = 'api-gateway-create-api-step-by-step';
const tutorialBlocks = codeBlocks(TUTORIAL, 'getting-started-models-set-methods');
const GET_PETS_INFO = firstBlock(TUTORIAL, 'getting-started-models-lambda');
const TUTORIAL_CASES = [0, 2, 4, 6].map((index): GuideCase => ({
  name: `Lambda custom integration, response template ${index / 2 + 1} of the tutorial's "Map response payload"`,
  source: `${PAGE}${TUTORIAL}.html#getting-started-models-set-methods`,
  path: `/petstorewalkthrough/${index / 2 + 1}`,
  method: 'GET',
  responseTemplate: tutorialBlocks[index]!,
  backend: 'lambda',
  request: { path: `/petstorewalkthrough/${index / 2 + 1}` },
  expected: { status: 200, json: JSON.parse(tutorialBlocks[index + 1]!) },
}));

const REFERENCE = 'api-gateway-mapping-template-reference';
const OVERRIDES = 'apigateway-override-request-response-parameters';
const [parseJsonPayload, parseJsonTemplate, parseJsonOutput] = tableRowBlocks(
  REFERENCE,
  'util-template-reference',
  '$util\\.parseJson\\(\\)',
);
const [overrideErrorBody] = codeBlocks(OVERRIDES, 'apigateway-override-request-response-parameters-override-response');
const overrideStatusTemplate = codeBlocks(OVERRIDES, 'apigateway-override-request-response-parameters-override-response')[1]!;
const overrideHeaderTemplate = codeBlocks(OVERRIDES, 'apigateway-override-request-response-parameters-override-request')[0]!;
const thingsExample = firstBlock(REFERENCE, 'input-example-request-and-response');

const CASES: GuideCase[] = [
  ...MODEL_EXAMPLES,
  ...TUTORIAL_CASES,
  {
    name: '$input.params(name) and the whole body as $input.json($)',
    source: `${PAGE}${REFERENCE}.html#input-example-json-mapping-template`,
    path: '/input-json',
    requestTemplate: firstBlock(REFERENCE, 'input-example-json-mapping-template'),
    backend: 'echo',
    request: { path: '/input-json?name=Ada', body: '{"mykey": "my value", "n": [1, 2]}' },
    expected: { json: { name: 'Ada', body: { mykey: 'my value', n: [1, 2] } } },
  },
  {
    name: "$input.json('$.mykey') reads one property of the body",
    source: `${PAGE}${REFERENCE}.html#input-example-inputs-mapping-template`,
    path: '/input-json-path',
    requestTemplate: codeBlocks(REFERENCE, 'input-example-inputs-mapping-template')[0]!,
    backend: 'echo',
    request: { path: '/input-json-path?name=Ada', body: '{"mykey": {"deep": true}, "other": 1}' },
    expected: { json: { name: 'Ada', body: { deep: true } } },
  },
  {
    // The guide's "Response" shows `things` as JSON, but its template passes `$input.json` through
    // `$util.escapeJavaScript`, which "escapes the characters in a string using JavaScript string
    // rules" (the $util table; Java's StringEscapeUtils.escapeJavaScript, whose `"` becomes `\"`),
    // so API Gateway sends the quotes escaped: the id and the map's size() are as the guide says.
    name: "$input.params('id'), $input.path('$.things').size() and $util.escapeJavaScript($input.json('$.things'))",
    source: `${PAGE}${REFERENCE}.html#input-example-request-and-response`,
    path: '/things/{id}',
    pathParameters: ['id'],
    requestTemplate: between(thingsExample, 'With input template:', 'POST /things/abc'),
    backend: 'echo',
    request: { path: '/things/abc', body: between(thingsExample, 'POST /things/abc', undefined) },
    expected: { text: '{\n    "id" : "abc",\n    "count" : "3",\n    "things" : {\\"1\\":{},\\"2\\":{},\\"3\\":{}}\n}' },
  },
  {
    name: '$input.params() with #foreach and $foreach.hasNext passes every parameter by location',
    source: `${PAGE}${REFERENCE}.html#context-example-param-map-template`,
    path: '/params/{petId}',
    pathParameters: ['petId'],
    requestTemplate: firstBlock(REFERENCE, 'context-example-param-map-template'),
    backend: 'echo',
    request: { path: '/params/42?color=brown&size=small', body: '{}', headers: { 'x-trace': 'say "hi" \\ bye' } },
    expected: {
      json: {
        params: {
          path: { petId: '42' },
          querystring: { color: 'brown', size: 'small' },
          header: expect.objectContaining({ 'x-trace': 'say "hi" \\ bye', 'content-type': 'application/json' }) as unknown,
        },
      },
    },
  },
  {
    // The variables table: `apiKey` is the method's key when it requires one; `caller`, `user`
    // and `userArn` only exist under IAM authorization, and `accountId` is the caller's, so they
    // are null here: empty text, as a null reference renders.
    name: '$context variables passed to the backend under other names (the method requires an API key)',
    source: `${PAGE}${REFERENCE}.html#context-variables-template-example`,
    path: '/context',
    method: 'GET',
    apiKeyRequired: true,
    requestTemplate: firstBlock(REFERENCE, 'context-variables-template-example'),
    backend: 'echo',
    request: { path: '/context', headers: { 'x-api-key': 'MyTestKey', 'user-agent': 'curl/7.84.0' } },
    expected: {
      json: expect.objectContaining({
        stage: 'prod',
        resource_path: '/context',
        http_method: 'GET',
        source_ip: '127.0.0.1',
        'user-agent': 'curl/7.84.0',
        account_id: '',
        api_key: 'MyTestKey',
        caller: '',
        user: '',
        user_arn: '',
      }) as unknown,
    },
  },
  {
    name: '$util.parseJson of a stringified errorMessage, then a value deep in it',
    source: `${PAGE}${REFERENCE}.html#util-template-reference`,
    path: '/parse-json',
    responseTemplate: parseJsonTemplate!,
    backend: 'echo',
    request: { path: '/parse-json', body: parseJsonPayload! },
    expected: { json: JSON.parse(parseJsonOutput!) },
  },
  {
    name: '$context.responseOverride.status set from the body in a response template',
    source: `${PAGE}${OVERRIDES}.html#apigateway-override-request-response-parameters-override-response`,
    path: '/override-status',
    responseTemplate: overrideStatusTemplate,
    backend: 'echo',
    request: { path: '/override-status', body: overrideErrorBody! },
    expected: { status: 400, json: JSON.parse(overrideErrorBody!) },
  },
  {
    // The tutorial's log line: `Endpoint request headers: {header3=header1Valheader2Val,
    // header2=header2Val, header1=foo, ..., multivalueheader=foo,header1Valheader2Val}`.
    name: '$context.requestOverride.header: a new header from two others, an overridden one, a list',
    source: `${PAGE}${OVERRIDES}.html#apigateway-override-request-response-parameters-override-request`,
    path: '/override-headers',
    headerParameters: ['header1', 'header2'],
    // The console's default mappings of the method request's headers ("Mapped from").
    requestParameters: {
      'integration.request.header.header1': 'method.request.header.header1',
      'integration.request.header.header2': 'method.request.header.header2',
    },
    requestTemplate: overrideHeaderTemplate,
    backend: 'inspect',
    request: { path: '/override-headers', body: '{}', headers: { header1: 'header1Val', header2: 'header2Val' } },
    expected: {
      json: expect.objectContaining({
        headers: expect.objectContaining({
          header3: 'header1Valheader2Val',
          header2: 'header2Val',
          header1: 'foo',
          multivalueheader: 'foo,header1Valheader2Val',
        }) as unknown,
      }) as unknown,
    },
  },
  {
    // The $util table: escapeJavaScript turns `'` into `\'`, which JSON does not allow, so the guide
    // turns them back with `.replaceAll("\\'","'")`; `"` stays escaped, valid in a JSON string.
    name: '$util.escapeJavaScript(data).replaceAll("\\\\\'","\'") makes a JSON string value',
    source: `${PAGE}${REFERENCE}.html#util-template-reference`,
    path: '/escape-javascript',
    requestTemplate: `{"data": "${/<pre> (\$util\.escapeJavaScript\(data\)\.replaceAll\(.*?\))<\/pre>/.exec(section(REFERENCE, 'util-template-reference'))![1]!.replace('(data)', "($input.path('$.data'))")}"}`,
    backend: 'echo',
    request: { path: '/escape-javascript', body: '{"data": "it\'s \\"quoted\\""}' },
    expected: { json: { data: 'it\'s "quoted"' } },
  },
  {
    // The $util table: base64Encode "encodes the data into a base64-encoded string", base64Decode
    // decodes one; the values are RFC 4648's test vectors (https://www.rfc-editor.org/rfc/rfc4648#section-10).
    name: '$util.base64Encode and $util.base64Decode',
    source: `${PAGE}${REFERENCE}.html#util-template-reference`,
    path: '/base64',
    requestTemplate: `{"encoded": "$util.base64Encode($input.path('$.text'))", "decoded": "$util.base64Decode($input.path('$.base64'))"}`,
    backend: 'echo',
    request: { path: '/base64', body: '{"text": "foobar", "base64": "Zm9vYg=="}' },
    expected: { json: { encoded: 'Zm9vYmFy', decoded: 'foob' } },
  },
];

let backend: Server;
let server: RunningServer;
let handlers: LambdaHandlers;

beforeAll(async () => {
  backend = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = request.url === '/inspect' ? JSON.stringify({ headers: request.headers, body }) : body;
      response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-vtl-guide-'));
  const documentPath = join(folder, 'guide-examples.json');
  writeFileSync(documentPath, JSON.stringify(guideDocument(CASES)));
  // The built handlers folder of the tutorial's function, as `apigw-gen handlers` names it.
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(folder, 'dist/functions/get-pets-info'), { recursive: true });
  writeFileSync(join(folder, 'dist/functions/get-pets-info/index.js'), `${GET_PETS_INFO}\n`);
  const { model, document } = await loadApi(documentPath);
  handlers = new LambdaHandlers(model, folder);
  const gateway = new LocalGateway(model, {
    document,
    stage: 'prod',
    stageVariables: { backend: `127.0.0.1:${(backend.address() as AddressInfo).port}` },
    handlers,
  });
  server = await startServer(gateway, { port: 0, host: '127.0.0.1', log: () => undefined });
}, 60_000);

afterAll(async () => {
  await server.close();
  await handlers.close();
  await new Promise((resolve) => backend.close(resolve));
});

/** One REST API with a route per case: an HTTP integration to the local backend with the case's templates. */
function guideDocument(cases: GuideCase[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const entry of cases) {
    const method = (entry.method ?? 'POST').toLowerCase();
    paths[entry.path] = {
      [method]: {
        operationId: `case${Object.keys(paths).length}`,
        parameters: [
          ...(entry.pathParameters ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
          ...(entry.headerParameters ?? []).map((name) => ({ name, in: 'header', required: false, schema: { type: 'string' } })),
        ],
        ...(entry.apiKeyRequired ? { security: [{ api_key: [] }] } : {}),
        responses: { '200': { description: 'the template output' } },
        'x-amazon-apigateway-integration': {
          type: entry.backend === 'lambda' ? 'aws' : 'http',
          httpMethod: 'POST',
          uri:
            entry.backend === 'lambda'
              ? 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetPetsInfo/invocations'
              : `http://\${stageVariables.backend}/${entry.backend}`,
          ...(entry.requestParameters ? { requestParameters: entry.requestParameters } : {}),
          ...(entry.requestTemplate === undefined ? {} : { requestTemplates: { 'application/json': entry.requestTemplate } }),
          responses: {
            default: {
              statusCode: '200',
              ...(entry.responseTemplate === undefined ? {} : { responseTemplates: { 'application/json': entry.responseTemplate } }),
            },
          },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Developer guide mapping template examples', version: '1.0.0' },
    paths,
    components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
  };
}

describe(`serve: ${CASES.length} mapping-template examples of the developer guide`, () => {
  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', async (_, entry) => {
    const response = await fetch(`${server.url}${entry.request.path}`, {
      method: entry.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...entry.request.headers },
      ...(entry.request.body === undefined ? {} : { body: entry.request.body }),
    });
    const text = await response.text();
    const answer: Record<string, unknown> = {};
    for (const key of Object.keys(entry.expected)) {
      answer[key] = key === 'status' ? response.status : key === 'text' ? text : parseJson(text);
    }
    expect(answer, `${entry.source}`).toStrictEqual(entry.expected);
  });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
