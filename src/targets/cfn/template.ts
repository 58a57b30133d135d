/**
 * CloudFormation as typed objects: the template and the resources `cfn` writes, with the
 * properties it sets. Property names and order are CloudFormation's; the serializer keeps the
 * order in which these objects are built.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */

/** An intrinsic function: an object with one `Ref` or `Fn::*` key. */
export type Intrinsic =
  | { Ref: string }
  | { 'Fn::GetAtt': [string, string] }
  | { 'Fn::Sub': string | [string, Record<string, CfnValue>] }
  | { 'Fn::ImportValue': CfnValue }
  | { 'Fn::Equals': [CfnValue, CfnValue] }
  | { 'Fn::Join': [string, CfnValue[]] }
  | { 'Fn::Select': [number, CfnValue] }
  | { 'Fn::Split': [string, CfnValue] };

/** A value where CloudFormation accepts an intrinsic function. */
export type CfnValue = string | number | boolean | Intrinsic | CfnValue[] | { [key: string]: CfnValue };

export type CfnString = string | Intrinsic;

export interface Template {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata: { 'apigw-gen': { generatedFrom: string; note: string } };
  Parameters?: Record<string, Parameter>;
  Conditions?: Record<string, Intrinsic>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, Output>;
}

export interface Parameter {
  Type: 'String';
  Description: string;
  AllowedPattern?: string;
  AllowedValues?: string[];
  Default?: string;
  MinLength?: number;
  MaxLength?: number;
  NoEcho?: true;
}

export interface Output {
  Description: string;
  Value: CfnString;
}

interface ResourceOf<Type extends string, Properties> {
  Type: Type;
  DependsOn?: string[];
  Properties: Properties;
}

export type Resource =
  | RestApiResource
  | DeploymentResource
  | StageResource
  | UsagePlanResource
  | ApiKeyResource
  | UsagePlanKeyResource
  | HttpApiResource
  | HttpStageResource
  | PermissionResource;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html */
export type RestApiResource = ResourceOf<
  'AWS::ApiGateway::RestApi',
  {
    Body: Record<string, unknown>;
    Name?: string;
    Description?: string;
    EndpointConfiguration?: { Types: string[]; VpcEndpointIds?: unknown[]; IpAddressType?: unknown };
    DisableExecuteApiEndpoint?: unknown;
    BinaryMediaTypes?: string[];
    MinimumCompressionSize?: number;
    ApiKeySourceType?: string;
    Policy?: unknown;
  }
>;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-deployment.html */
export type DeploymentResource = ResourceOf<'AWS::ApiGateway::Deployment', { RestApiId: CfnString; Description: string }>;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html */
export type StageResource = ResourceOf<
  'AWS::ApiGateway::Stage',
  {
    RestApiId: CfnString;
    StageName: string;
    DeploymentId: CfnString;
    Description?: string;
    Variables?: Record<string, string>;
    MethodSettings?: MethodSetting[];
    CacheClusterEnabled?: boolean;
    CacheClusterSize?: string;
    TracingEnabled?: boolean;
    AccessLogSetting?: { DestinationArn: string; Format: string };
    CanarySetting?: {
      DeploymentId: CfnString;
      PercentTraffic: number;
      StageVariableOverrides?: Record<string, string>;
      UseStageCache?: boolean;
    };
  }
>;

export interface MethodSetting {
  ResourcePath: string;
  HttpMethod: string;
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
  CachingEnabled?: boolean;
  CacheTtlInSeconds?: number;
  CacheDataEncrypted?: boolean;
  LoggingLevel?: string;
  DataTraceEnabled?: boolean;
  MetricsEnabled?: boolean;
}

export interface ThrottleSettings {
  RateLimit?: number;
  BurstLimit?: number;
}

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-usageplan.html */
export type UsagePlanResource = ResourceOf<
  'AWS::ApiGateway::UsagePlan',
  {
    UsagePlanName: CfnString;
    Description?: string;
    ApiStages: { ApiId: CfnString; Stage: CfnString; Throttle?: Record<string, ThrottleSettings> }[];
    Throttle?: ThrottleSettings;
    Quota?: { Limit: number; Period: string; Offset?: number };
  }
>;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-apikey.html */
export type ApiKeyResource = ResourceOf<
  'AWS::ApiGateway::ApiKey',
  { Name: CfnString; Description?: string; Enabled: boolean; Value?: CfnString }
>;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-usageplankey.html */
export type UsagePlanKeyResource = ResourceOf<
  'AWS::ApiGateway::UsagePlanKey',
  { KeyId: CfnString; KeyType: 'API_KEY'; UsagePlanId: CfnString }
>;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html */
export type HttpApiResource = ResourceOf<
  'AWS::ApiGatewayV2::Api',
  { Body: Record<string, unknown>; Name?: string; Description?: string; DisableExecuteApiEndpoint?: unknown }
>;

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html */
export type HttpStageResource = ResourceOf<
  'AWS::ApiGatewayV2::Stage',
  {
    ApiId: CfnString;
    StageName: string;
    AutoDeploy: true;
    Description?: string;
    StageVariables?: Record<string, string>;
    AccessLogSettings?: { DestinationArn: string; Format: string };
    DefaultRouteSettings?: HttpRouteSettings;
    RouteSettings?: Record<string, HttpRouteSettings>;
  }
>;

export interface HttpRouteSettings {
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
  DetailedMetricsEnabled?: boolean;
}

/** @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html */
export type PermissionResource = ResourceOf<
  'AWS::Lambda::Permission',
  { Action: 'lambda:InvokeFunction'; FunctionName: CfnString; Principal: 'apigateway.amazonaws.com'; SourceArn: CfnString }
>;

export const ref = (name: string): Intrinsic => ({ Ref: name });
export const sub = (text: string, variables?: Record<string, CfnValue>): Intrinsic =>
  variables && Object.keys(variables).length > 0 ? { 'Fn::Sub': [text, variables] } : { 'Fn::Sub': text };

/** Names of the functions CloudFormation evaluates inside any value (all intrinsics, plus `Condition` in conditions). */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** The text and the declared variables of a `Fn::Sub` argument (`'text'` or `['text', { … }]`). */
export function subParts(argument: unknown): { text: unknown; declared: unknown } {
  if (!Array.isArray(argument)) return { text: argument, declared: undefined };
  const [text, declared] = argument as unknown[];
  return { text, declared };
}
