// Type tests of the library's signatures, checked by `npm run typecheck` (tsc fails on an unused @ts-expect-error).
import { expectTypeOf } from 'vitest';
import {
  cfn,
  handlers,
  inspect,
  mock,
  sdk,
  serve,
  type ApiModel,
  type LocalServer,
  type PlannedFile,
  type TargetRunResult,
  type WriteResult,
} from '../../src/index.js';

expectTypeOf(sdk).returns.resolves.toEqualTypeOf<TargetRunResult>();
expectTypeOf(handlers).returns.resolves.toEqualTypeOf<TargetRunResult>();
expectTypeOf(mock).returns.resolves.toEqualTypeOf<TargetRunResult>();
expectTypeOf(cfn).returns.resolves.toEqualTypeOf<TargetRunResult>();
expectTypeOf(serve).returns.resolves.toEqualTypeOf<LocalServer>();
expectTypeOf(inspect).returns.resolves.toHaveProperty('model').toEqualTypeOf<ApiModel>();
expectTypeOf<TargetRunResult['files']>().toEqualTypeOf<PlannedFile[]>();
expectTypeOf<TargetRunResult['written']>().toEqualTypeOf<WriteResult | undefined>();
expectTypeOf<LocalServer['close']>().toEqualTypeOf<() => Promise<void>>();

export async function rejected(): Promise<void> {
  // @ts-expect-error: `out` is required.
  await sdk({ document: 'openapi.yaml' });
  // @ts-expect-error: `force` belongs to handlers.
  await sdk({ document: 'openapi.yaml', out: 'sdk', force: true });
  // @ts-expect-error: a template is YAML or JSON.
  await cfn({ document: 'openapi.yaml', out: 't.xml', format: 'xml' });
  // @ts-expect-error: the kind of API is `rest` or `http`.
  await inspect({ document: 'openapi.yaml', apiKind: 'graphql' });
  // @ts-expect-error: the port is a number.
  await serve({ document: 'openapi.yaml', port: '4010' });
}
