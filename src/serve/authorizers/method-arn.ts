/** Where the local API stands in ARNs: the account and region of AWS's sample events, the API id `local`. */
export const LOCAL_ARN = { region: 'us-east-1', accountId: '123456789012', apiId: 'local' } as const;

/**
 * The ARN of the method a request calls (`methodArn` of REST authorizer events, `routeArn` of
 * HTTP API ones): `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`, with
 * the path as requested (without its leading slash).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 */
export function methodArn(stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${LOCAL_ARN.region}:${LOCAL_ARN.accountId}:${LOCAL_ARN.apiId}/${stage}/${method}/${path.replace(/^\//, '')}`;
}
