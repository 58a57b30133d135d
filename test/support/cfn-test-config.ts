import type { ApiModel } from '../../src/model/types.js';

/**
 * A config for any document, as a user would write it: two stages (prod with a canary, a cache,
 * tracing, access logs and method settings; beta), and two usage plans with throttles, a quota
 * and API keys (one with its value from a parameter). Stage variables the document uses (to
 * pick Lambda functions, say) get a value in every stage.
 */
export function testConfigYaml(model: ApiModel, document: unknown): string {
  const variables = [
    ...new Set([...JSON.stringify(document).matchAll(/stageVariables\.([A-Za-z0-9_]+)/g)].map((match) => match[1]!)),
  ].sort();
  const stageVariables = (stage: string) => [`      stage: ${stage}`, ...variables.map((name) => `      ${name}: fn-${stage}`)].join('\n');
  const method = model.operations.find((operation) => !operation.isDefaultRoute);
  const methodKey = method ? JSON.stringify(`${method.path === '/' ? '/' : method.path}/${method.method}`) : undefined;
  return `# Two stages, a canary and two usage plans.
stages:
  prod:
    description: Production
    variables:
${stageVariables('prod')}
    methodSettings:
      /*/*:
        throttlingRateLimit: 100
        throttlingBurstLimit: 200
        loggingLevel: ERROR
        metricsEnabled: true
${
  methodKey
    ? `      ${methodKey}:
        throttlingRateLimit: 10
        cachingEnabled: true
        cacheTtlInSeconds: 60
`
    : ''
}    cacheClusterEnabled: true
    cacheClusterSize: 0.5
    tracingEnabled: true
    accessLogSetting:
      destinationArn: arn:aws:logs:us-east-1:123456789012:log-group:api-access-logs
      format: '{"requestId":"$context.requestId","status":"$context.status"}'
    canarySetting:
      percentTraffic: 10
      stageVariableOverrides:
        stage: canary
      useStageCache: false
  beta:
    variables:
${stageVariables('beta')}
usagePlans:
  free:
    description: Free tier
    stages: [beta, prod]
    throttle:
      rateLimit: 5
      burstLimit: 10
${
  methodKey
    ? `      ${methodKey}:
        rateLimit: 1
        burstLimit: 2
`
    : ''
}    quota:
      limit: 1000
      period: MONTH
      offset: 1
    apiKeys:
      - alice
      - name: partner
        description: Partner integration
        valueParameter: PartnerApiKeyValue
  gold:
    stages: [prod]
    quota:
      limit: 100000
      period: DAY
    apiKeys: [bob]
`;
}
