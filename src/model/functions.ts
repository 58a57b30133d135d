import { createHash } from 'node:crypto';
import { assignUniqueNames, splitWords } from './names.js';
import type { ApiModel, LambdaFunctionRef, OperationModel } from './types.js';

/** The event format a Lambda proxy integration sends; `either` when the document does not say (a CloudFormation parameter, say). */
export type PayloadVersion = '1.0' | '2.0' | 'either';

/** The operations one Lambda function serves: one module per function. */
export interface FunctionGroup {
  /** Folder name under `src/functions/`: kebab case, unique, safe on every file system. */
  folder: string;
  ref: LambdaFunctionRef;
  /** Lambda proxy operations, routed by the generated handler. */
  proxy: OperationModel[];
  /** Non-proxy (`aws`) Lambda operations: the event is what their mapping templates make. */
  nonProxy: OperationModel[];
}

/**
 * Groups the operations that invoke Lambda functions by function (`LambdaFunctionRef.key`), in
 * the model's order of operations. Operations with other integrations have no handler here.
 */
export function groupByFunction(model: ApiModel): FunctionGroup[] {
  const groups = new Map<string, Omit<FunctionGroup, 'folder'>>();
  for (const operation of model.operations) {
    const integration = operation.integration;
    if (!integration?.functionRef || (integration.kind !== 'lambdaProxy' && integration.kind !== 'lambda')) continue;
    const ref = integration.functionRef;
    const group = groups.get(ref.key) ?? { ref, proxy: [], nonProxy: [] };
    groups.set(ref.key, group);
    (integration.kind === 'lambdaProxy' ? group.proxy : group.nonProxy).push(operation);
  }
  const folders = assignUniqueNames([...groups.keys()].map((key) => ({ key, identifier: functionFolder(groups.get(key)!.ref) })));
  return [...groups]
    .map(([key, group]) => ({ folder: folders.get(key)!, ...group }))
    .sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

/**
 * A folder name for a function: its name without stage variables or other `${…}` placeholders
 * (`catalog-${stageVariables.alias}` is `catalog`), else its CloudFormation logical id, else the
 * name of the placeholder that stands for it (`${lambda_arn}`).
 */
export function functionFolder(ref: LambdaFunctionRef): string {
  const logicalId = ref.logicalId ?? /\$\{([A-Za-z0-9]+)\.Arn\}/.exec(ref.key)?.[1];
  const candidates = [
    ref.functionName?.replace(/\$\{[^}]*\}/g, ''),
    logicalId,
    ...[...ref.key.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]),
  ];
  for (const candidate of candidates) {
    const name = kebabCase(candidate ?? '');
    if (name !== '') return name;
  }
  return 'function';
}

/** Names Windows reserves for devices, which cannot be file or folder names there. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * File systems allow 255 bytes a name and some tools far less a path, and names from a document
 * have no limit: a longer name keeps its first words and ends with a hash of the whole name, so it stays
 * the same from run to run and distinct from every other.
 */
const MAX_FILE_NAME = 64;

/** `GetBook`, `get_book` → `get-book`: lower-case ASCII words joined by dashes, safe as a file or folder name. */
export function kebabCase(text: string): string {
  const name = splitWords(text)
    .map((word) => word.toLowerCase())
    .join('-');
  if (name.length > MAX_FILE_NAME) return shortened(name);
  return DEVICE_NAMES.test(name) ? `${name}-` : name;
}

function shortened(name: string): string {
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 10);
  const keep = MAX_FILE_NAME - digest.length - 1;
  return `${name.slice(0, keep).replace(/-+$/, '')}-${digest}`;
}

/** The payload format of a proxy operation: always 1.0 on REST APIs; on HTTP APIs, what the integration says. */
export function payloadVersion(model: ApiModel, operation: OperationModel): PayloadVersion {
  if (model.kind === 'rest') return '1.0';
  const version = operation.integration?.payloadFormatVersion;
  return version === '1.0' || version === '2.0' ? version : 'either';
}
