import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { diagnosticCatalog, type DiagnosticCode } from '../diagnostics/codes.js';
import { DocumentError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { getAtPointer, pointerOf } from '../diagnostics/json-pointer.js';
import { swagger2PointerFor } from './swagger2-pointers.js';
import { rewrapConditionalObjects, unwrapConditionalObjects } from './conditional-operations.js';
import { readSourceFile, type FileStamp, type SourceFile } from './source-file.js';
import type { SourcePosition } from './source-positions.js';
import { findTemplateApi, isTemplate, templateError, type TemplateApi } from './template-api.js';
import { scanDocument, type DocumentScan, type RefOccurrence } from '../document/scan-document.js';

/** Options of the load stage. */
export interface LoadOptions {
  /** Allow `$ref`s to files outside the root document's folder. */
  allowExternalRefs?: boolean;
  /** The logical id of the API resource to read when the document is a SAM or CloudFormation template with several. */
  api?: string;
}

export type ReadFileStamp = FileStamp & { path: string };

/** Where a pointer of the loaded document comes from. */
interface SourceLocation {
  file: string;
  pointer: string;
  line?: number;
  column?: number;
}

/** An OpenAPI 3.x document ready to check: parsed, converted from Swagger 2.0 if needed, external files bundled in. */
export interface LoadedDocument {
  /** The bundled document: external files inlined, internal `$ref`s kept so schema names survive. */
  document: Record<string, unknown>;
  /** `3.0` or `3.1`, after conversion. */
  openapiVersion: '3.0' | '3.1';
  /** The version the file declared (`2.0` for Swagger). */
  declaredVersion: string;
  /** The root file, as shown to users. */
  file: string;
  /** The file and pointer a pointer of `document` came from, without reading positions. */
  sourceOf(pointer: string): { file: string; pointer: string };
  /** Maps pointers of `document` to the file, pointer and line they came from. */
  locate(pointers: readonly string[]): SourceLocation[];
  /** The `$ref`s and extensions of `document`, found in one walk. */
  scan: DocumentScan;
  /** Notes from loading (for example, that a Swagger 2.0 document was converted). */
  notes: Diagnostic[];
  /** Every file read (the root and the files its `$ref`s name), by absolute path, with its stamp when read. */
  files: ReadFileStamp[];
  /** The API resource read, when the file given was a SAM or CloudFormation template. */
  template?: TemplateApiResource;
}

/** The API resource of a template that a document was read from. */
type TemplateApiResource = Pick<TemplateApi, 'logicalId' | 'resourceType' | 'kind'>;

/**
 * Loads an OpenAPI document: YAML or JSON, Swagger 2.0 converted to 3.0, external `$ref`s
 * bundled with swagger-parser (refused outside the document folder unless allowed).
 * Throws a DocumentError listing every problem that prevents loading.
 */
export async function loadDocument(path: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const { root, template } = readRoot(resolve(path), options.api);
  const version = readVersion(root);
  const notes: Diagnostic[] = [];
  let document = root.value as Record<string, unknown>;
  const unwrapped = unwrapConditionalObjects(document);
  for (const { pointer, sourcePointer, condition } of unwrapped.conditional) {
    notes.push(
      noteAt(
        root,
        'APIGW_CONDITIONAL_OPERATION',
        `${pointer} exists only when the template's condition ${JSON.stringify(condition)} holds (Fn::If); apigw-gen reads it as present, and keeps the condition in the template cfn writes.`,
        sourcePointer,
      ),
    );
  }
  if (version.swagger2) {
    // Loaded only when needed: most documents are OpenAPI 3 and need no converter.
    const { convertSwagger2 } = await import('./convert-swagger2.js');
    // The converter converts what each condition stands for; the conditions are put back around it.
    const converted = await convertSwagger2(unwrapped.document, root);
    document = converted.document;
    rewrapConditionalObjects(document, unwrapped.conditional);
    notes.push(noteAt(root, 'APIGW_SWAGGER2_CONVERTED', 'Converted from Swagger 2.0 to OpenAPI 3.0 before checking.'));
    for (const { pointer, ref, expanded } of converted.bareNames) {
      notes.push(
        noteAt(root, 'APIGW_REF_BARE_NAME', `$ref ${JSON.stringify(ref)} is read as "${expanded}", as API Gateway reads it.`, pointer),
      );
    }
  }
  const sources = new Map<string, SourceFile>([[root.path, root]]);
  if (template && template.file.path !== root.path) sources.set(template.file.path, template.file);
  const origins: Origin[] = [];
  // One walk finds the external `$ref`s and, when there are none, serves the checks as well.
  let scan = scanDocument(document);
  const externalRefs = scan.refs.filter((occurrence) => !occurrence.ref.startsWith('#'));
  if (externalRefs.length > 0) {
    document = await bundleExternalRefs({
      document,
      root,
      sources,
      origins,
      externalRefs,
      allowExternalRefs: options.allowExternalRefs ?? false,
      swagger2: version.swagger2,
    });
    scan = scanDocument(document);
  }
  const openapi = String(document.openapi);
  const mapSource = createSourceMapper({ root, origins, swagger2: version.swagger2 });
  return {
    document,
    openapiVersion: openapi.startsWith('3.1') ? '3.1' : '3.0',
    declaredVersion: version.declared,
    file: root.displayPath,
    sourceOf: (pointer) => {
      const { file, filePointer } = mapSource(pointer);
      return { file: file.displayPath, pointer: filePointer };
    },
    locate: createLocator(mapSource),
    scan,
    notes,
    files: [...sources].map(([path, source]) => ({ path, ...source.stamp })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    ...(template ? { template: template.api } : {}),
  };
}

/**
 * Reads the file given. A SAM or CloudFormation template stands for the OpenAPI definition of its
 * API resource: written in it (reported from the template's root) or in a local file it names.
 */
function readRoot(path: string, api: string | undefined): { root: SourceFile; template?: { file: SourceFile; api: TemplateApiResource } } {
  const file = readSourceFile(path);
  if (!isTemplate(file.value)) return { root: file };
  const found = findTemplateApi(file, api);
  const template = { file, api: { logicalId: found.logicalId, resourceType: found.resourceType, kind: found.kind } };
  if ('path' in found) return { root: readIncludedFile(file, found), template };
  return { root: { ...file, value: found.value, base: found.pointer }, template };
}

function readVersion(root: SourceFile): { declared: string; swagger2: boolean } {
  const value = root.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DocumentError([noteAt(root, 'APIGW_NOT_OPENAPI', `${shownAs(root)} is not an OpenAPI document: its root is not an object.`)]);
  }
  const record = value as Record<string, unknown>;
  if (record.swagger !== undefined) {
    // YAML reads a bare `swagger: 2.0` as the number 2.
    if (String(record.swagger) === '2.0' || record.swagger === 2) return { declared: '2.0', swagger2: true };
    throw new DocumentError([
      noteAt(
        root,
        'APIGW_UNSUPPORTED_VERSION',
        `Unsupported Swagger version ${JSON.stringify(record.swagger)}; apigw-gen reads Swagger 2.0 and OpenAPI 3.0.x/3.1.x.`,
        '/swagger',
      ),
    ]);
  }
  if (record.openapi === undefined) {
    throw new DocumentError([noteAt(root, 'APIGW_NOT_OPENAPI', `${shownAs(root)} is not an OpenAPI document: it has no "openapi" field.`)]);
  }
  if (typeof record.openapi === 'number') {
    throw new DocumentError([
      noteAt(
        root,
        'APIGW_UNSUPPORTED_VERSION',
        `"openapi" must be a string such as "3.0.3"; YAML reads an unquoted ${record.openapi} as a number.`,
        '/openapi',
      ),
    ]);
  }
  const declared = String(record.openapi);
  if (typeof record.openapi !== 'string' || !/^3\.[01](\.\d+)?(-.+)?$/.test(declared)) {
    throw new DocumentError([
      noteAt(
        root,
        'APIGW_UNSUPPORTED_VERSION',
        `Unsupported OpenAPI version ${JSON.stringify(record.openapi)}; apigw-gen reads OpenAPI 3.0.x and 3.1.x (and Swagger 2.0).`,
        '/openapi',
      ),
    ]);
  }
  return { declared, swagger2: false };
}

/** The file a template names for its definition; a missing one is reported where the template names it. */
function readIncludedFile(template: SourceFile, found: { path: string; locationPointer: string }): SourceFile {
  try {
    return readSourceFile(found.path);
  } catch (error) {
    const [first] = error instanceof DocumentError ? error.diagnostics : [];
    if (first?.code !== 'APIGW_FILE_UNREADABLE') throw error;
    throw templateError(template, `The API's definition cannot be read: ${first.message}`, found.locationPointer);
  }
}

/** The file, or the place in a template, that holds the definition. */
function shownAs(root: SourceFile): string {
  return root.base === undefined ? root.displayPath : `${root.displayPath}#${root.base}`;
}

/** A subtree of the bundled document that was inlined from another file. */
interface Origin {
  pointer: string;
  file: SourceFile;
  filePointer: string;
}

interface BundleContext {
  document: Record<string, unknown>;
  root: SourceFile;
  sources: Map<string, SourceFile>;
  origins: Origin[];
  allowExternalRefs: boolean;
  externalRefs: RefOccurrence[];
  /** The root was converted from Swagger 2.0: its pointers are mapped back to the file's. */
  swagger2: boolean;
}

/** Why the reader refused or failed to read a referenced file. */
type ReadFailure = { kind: 'outside' } | { kind: 'remote' } | { kind: 'unreadable'; error: DocumentError };

async function bundleExternalRefs(context: BundleContext): Promise<Record<string, unknown>> {
  const { root, sources, externalRefs } = context;
  const rootDir = realpathSync(dirname(root.path));
  // The resolver drops the errors a reader throws, so the reader remembers why it failed.
  const readFailures = new Map<string, ReadFailure>();
  const fail = (url: string, failure: ReadFailure): never => {
    readFailures.set(url, failure);
    throw new Error(failure.kind);
  };
  const readFile = (url: string): string => {
    if (/^[a-z][a-z0-9+.-]+:/i.test(url) && !url.startsWith('file:')) return fail(url, { kind: 'remote' });
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    const inside = relative(rootDir, realPathOrSelf(path));
    if (!context.allowExternalRefs && (inside.startsWith('..') || isAbsolute(inside))) return fail(url, { kind: 'outside' });
    try {
      const source = readSourceFile(path);
      sources.set(path, source);
      return JSON.stringify(source.value);
    } catch (error) {
      if (error instanceof DocumentError) return fail(url, { kind: 'unreadable', error });
      throw error;
    }
  };
  // Loaded only when needed: most documents have no external `$ref`s.
  const { default: parser } = await import('@apidevtools/swagger-parser');
  let bundled: Record<string, unknown>;
  try {
    bundled = (await parser.bundle(
      root.path,
      context.document as unknown as OpenAPI.Document,
      {
        continueOnError: true,
        resolve: {
          external: true,
          http: false,
          file: { order: 1, canRead: true, read: (file: { url: string }) => readFile(file.url) },
        },
        parse: {
          json: { order: 1, canParse: true, parse: (file: { data: string | Buffer }) => JSON.parse(String(file.data)) as unknown },
          yaml: false,
          text: false,
          binary: false,
        },
      } as SwaggerParser.Options,
    )) as unknown as Record<string, unknown>;
  } catch (error) {
    throw new DocumentError(bundleDiagnostics({ error, context, externalRefs, readFailures }));
  }
  for (const occurrence of externalRefs) {
    const inlined = getAtPointer(bundled, occurrence.pointer) as Record<string, unknown> | undefined;
    if (inlined && typeof inlined === 'object' && typeof inlined.$ref !== 'string') {
      const file = sources.get(refTarget(root, occurrence.ref));
      const fragment = decodeURIComponent(occurrence.ref.split('#')[1] ?? '');
      if (file) context.origins.push({ pointer: occurrence.pointer, file, filePointer: fragment });
    }
  }
  return bundled;
}

function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // A missing file is reported as not found by the reader.
  }
}

function bundleDiagnostics(options: {
  error: unknown;
  context: BundleContext;
  externalRefs: { pointer: string; ref: string }[];
  readFailures: Map<string, ReadFailure>;
}): Diagnostic[] {
  const { error, context, externalRefs, readFailures } = options;
  const diagnostics: Diagnostic[] = [];
  for (const item of (error as { errors?: unknown[] }).errors ?? [error]) {
    const failure = item as { message?: string; path?: (string | number)[] | null; source?: string };
    const message = failure.message ?? String(item);
    const pointer = failure.path ? pointerOf(failure.path) : '';
    // Report at the `$ref` in the root document when the failure lies under one.
    const occurrence = externalRefs.find((ref) => pointer === ref.pointer || pointer.startsWith(ref.pointer + '/'));
    const sourcePath = (failure.source ?? '').split('#')[0] ?? '';
    const source = occurrence ? context.root : (context.sources.get(toPath(sourcePath)) ?? context.root);
    const converted = occurrence?.pointer ?? pointer;
    const at = source === context.root && context.swagger2 ? swagger2PointerFor(converted) : converted;
    const ref = JSON.stringify(occurrence?.ref ?? refFromMessage(message));
    const read = readFailures.get(occurrence ? refTarget(context.root, occurrence.ref) : toPath(sourcePath));
    if (read?.kind === 'outside') {
      diagnostics.push(noteAt(source, 'APIGW_REF_OUTSIDE_ROOT', `$ref ${ref} reaches outside the document folder.`, at));
    } else if (read?.kind === 'remote') {
      diagnostics.push(noteAt(source, 'APIGW_REF_REMOTE', `$ref ${ref} points at a URL; apigw-gen does not download documents.`, at));
    } else if (read?.kind === 'unreadable' && read.error.diagnostics[0]?.code === 'APIGW_PARSE_ERROR') {
      diagnostics.push(...read.error.diagnostics); // Report the referenced file where it is broken.
    } else if (read?.kind === 'unreadable') {
      const reason = read.error.diagnostics[0]?.message ?? message;
      diagnostics.push(noteAt(source, 'APIGW_REF_NOT_FOUND', `$ref ${ref} cannot be resolved: ${reason}`, at));
    } else {
      diagnostics.push(noteAt(source, 'APIGW_REF_NOT_FOUND', `$ref ${ref} cannot be resolved: ${firstLine(message)}`, at));
    }
  }
  return dedupe(diagnostics);
}

/** The URL or absolute path a root-document `$ref` reads, as the resolver hands it to the reader. */
function refTarget(root: SourceFile, ref: string): string {
  const filePart = ref.split('#')[0] ?? '';
  return /^[a-z][a-z0-9+.-]+:/i.test(filePart) ? filePart : resolve(dirname(root.path), decodeURIComponent(filePart));
}

function toPath(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

function refFromMessage(message: string): string {
  return /"([^"]+)"/.exec(message)?.[1] ?? message;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.code}${diagnostic.file}${diagnostic.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function noteAt(source: SourceFile, code: DiagnosticCode, message: string, valuePointer = ''): Diagnostic {
  const pointer = (source.base ?? '') + valuePointer;
  const diagnostic: Diagnostic = {
    code,
    severity: diagnosticCatalog[code].severity,
    message,
    file: source.displayPath,
    pointer,
    help: diagnosticCatalog[code].fix,
  };
  const [position] = source.findPositions([pointer]);
  if (position) Object.assign(diagnostic, position);
  return diagnostic;
}

/** Maps a pointer of the bundled document to the file and pointer it came from (no positions: cheap). */
function createSourceMapper(options: {
  root: SourceFile;
  origins: Origin[];
  swagger2: boolean;
}): (pointer: string) => { file: SourceFile; filePointer: string } {
  const origins = [...options.origins].sort((a, b) => b.pointer.length - a.pointer.length);
  return (pointer) => {
    const origin = origins.find((candidate) => pointer === candidate.pointer || pointer.startsWith(candidate.pointer + '/'));
    if (origin) return { file: origin.file, filePointer: origin.filePointer + pointer.slice(origin.pointer.length) };
    return { file: options.root, filePointer: (options.root.base ?? '') + (options.swagger2 ? swagger2PointerFor(pointer) : pointer) };
  };
}

function createLocator(
  mapSource: (pointer: string) => { file: SourceFile; filePointer: string },
): (pointers: readonly string[]) => SourceLocation[] {
  return (pointers) => {
    const targets = pointers.map(mapSource);
    // One pass per file for all of its pointers.
    const positions = new Map<SourceFile, Map<string, SourcePosition | undefined>>();
    for (const file of new Set(targets.map((target) => target.file))) {
      const wanted = [...new Set(targets.filter((target) => target.file === file).map((target) => target.filePointer))];
      const found = file.findPositions(wanted);
      positions.set(file, new Map(wanted.map((pointer, index) => [pointer, found[index]])));
    }
    return targets.map(({ file, filePointer }) => ({
      file: file.displayPath,
      pointer: filePointer,
      ...positions.get(file)?.get(filePointer),
    }));
  };
}
