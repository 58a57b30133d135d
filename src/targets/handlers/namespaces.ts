import { atom, type TypeTree } from '../../emit/layout.js';
import type { Direction, TypeOptions } from '../../emit/type-expressions.js';

/** The namespaces a generated declarations file imports: `aws-lambda`'s types, the schema types and the runtime's. */
export type Namespace = 'Lambda' | 'Models' | 'Runtime';

/**
 * Builds references to imported types and records which namespaces and Lambda authorizer stubs
 * a file used, so that it imports exactly those (an unused import fails `noUnusedLocals`). One
 * per generated file.
 */
export class NamespaceUse {
  readonly used = new Set<Namespace>();
  /** The security schemes whose authorizer stub's `handler` the file refers to. */
  readonly usedAuthorizers = new Set<string>();
  readonly #modelName: (typeName: string, direction: Direction) => string;
  readonly #authorizers: ReadonlyMap<string, string>;

  /** `authorizers`: the local name the file imports each Lambda authorizer stub's `handler` as, by security scheme name. */
  constructor(modelName: (typeName: string, direction: Direction) => string, authorizers: ReadonlyMap<string, string> = new Map()) {
    this.#modelName = modelName;
    this.#authorizers = authorizers;
  }

  /** `typeof tenantAuthorizer`: the type of the `handler` of a security scheme's Lambda authorizer stub, or undefined when it has none. */
  authorizerHandler(scheme: string): TypeTree | undefined {
    const local = this.#authorizers.get(scheme);
    if (local === undefined) return undefined;
    this.usedAuthorizers.add(scheme);
    return atom(`typeof ${local}`);
  }

  /** A type of `@types/aws-lambda`, with type arguments when given. */
  lambda(name: string, args?: TypeTree[]): TypeTree {
    this.used.add('Lambda');
    return args ? { kind: 'generic', name: `Lambda.${name}`, args } : atom(`Lambda.${name}`);
  }

  /** A type of the handlers runtime (`src/runtime/types.ts`), with type arguments when given. */
  runtime(name: string, args?: TypeTree[]): TypeTree {
    this.used.add('Runtime');
    return args ? { kind: 'generic', name: `Runtime.${name}`, args } : atom(`Runtime.${name}`);
  }

  /** The name of a schema type, for `typeTree`. */
  readonly refName: NonNullable<TypeOptions['refName']> = (typeName, direction) => {
    this.used.add('Models');
    return `Models.${this.#modelName(typeName, direction)}`;
  };
}
