import type { Argv } from 'yargs';

/** Options every command that reads a document takes. */
export interface SharedArgs {
  document: string;
  apiKind?: string;
  api?: string;
  allowExternalRefs: boolean;
  debug: boolean;
}

export function sharedDocumentOptions<T>(yargs: Argv<T>): Argv<T & SharedArgs> {
  return yargs
    .positional('document', {
      type: 'string',
      demandOption: true,
      describe: 'OpenAPI 3.0/3.1 or Swagger 2.0 document, or a SAM/CloudFormation template with one (YAML or JSON)',
    })
    .option('api', {
      type: 'string',
      describe: 'Logical id of the API resource to read, when the document is a SAM or CloudFormation template with several',
    })
    .option('api-kind', {
      choices: ['rest', 'http'],
      describe: 'REST API or HTTP API (by default: from the template resource type, else inferred from the extensions)',
    })
    .option('allow-external-refs', {
      type: 'boolean',
      default: false,
      describe: "Allow $refs to files outside the document's folder",
    }) as unknown as Argv<T & SharedArgs>;
}
