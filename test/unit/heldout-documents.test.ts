import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAtPointer } from '../../src/diagnostics/json-pointer.js';
import { loadApi, validate } from '../../src/index.js';
import { corpusRoot } from '../support/paths.js';

/**
 * Real documents outside the corpus that apigw-gen refused or got wrong (issue 13, held-out run),
 * vendored into fixtures/corpus/apigw (sources, commits and licenses in fixtures/corpus/MANIFEST.tsv).
 */

const corpus = (name: string) => join(corpusRoot, 'apigw', name);

/** `severity CODE` of each finding that is not a note. */
async function findings(path: string): Promise<string[]> {
  const { diagnostics } = await validate(path);
  return diagnostics.filter(({ severity }) => severity !== 'info').map(({ severity, code }) => `${severity} ${code}`);
}

describe('a requestParameters value that is not a string', () => {
  // LocalStack imports tests/aws/files/openapi-basepath-url.yaml into real API Gateway; the recorded
  // response (localstack/localstack tests/aws/services/apigateway/test_apigateway_import.snapshot.json,
  // AWS-validated) carries the warning "Invalid format for 'requestParameters'. Expected type string
  // for property 'integration.request.header.nothing' …" and the imported method has no such mapping.
  const document = corpus('localstack__localstack__tests_aws_files_openapi-basepath-url.yaml');
  const pointer = '/paths/~1test/get/x-amazon-apigateway-integration/requestParameters';

  it('is a warning, as API Gateway imports the document', async () => {
    expect(await findings(document)).toStrictEqual(['warning APIGW_REQUEST_PARAMETER_DROPPED']);
  });

  it('is dropped from what cfn, mock and serve use, the other mappings kept', async () => {
    for (const target of ['cfn', 'mock', 'sdk'] as const) {
      const { document: used, model } = await loadApi(document, { target });
      const expected = {
        'integration.request.header.X-Amz-Invocation-Type': "'Event'",
        'integration.request.header.double-single': "'True'",
      };
      expect(getAtPointer(used, pointer)).toStrictEqual(expected);
      const get = model.operations.find((operation) => operation.method === 'GET');
      expect(get?.integration?.requestParameters).toStrictEqual(expected);
    }
  });
});
