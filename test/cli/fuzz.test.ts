import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../src/mock/synthesize.js';
import { runCli } from '../support/run-cli.js';
import { corpusRoot, fixturesRoot } from '../support/paths.js';

/**
 * Seeded fuzzing: real documents, mutated at random in their parsed form (values of other types,
 * missing and renamed keys, broken `$ref`s, hostile strings) and in their text (cut, bytes
 * changed), run through every command. Whatever the mutant, a command exits 0, 1 or 2, prints no
 * stack trace and no internal error, and writes nothing when it fails.
 *
 * Bounded: FUZZ_MUTANTS mutants (default 60) from seed FUZZ_SEED (default 1), and at most
 * FUZZ_SECONDS seconds (default 60). `FUZZ_MUTANTS=2000 npx vitest run test/cli/fuzz.test.ts`
 * runs a longer campaign.
 */

const mutantCount = Number(process.env.FUZZ_MUTANTS ?? 60);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const seconds = Number(process.env.FUZZ_SECONDS ?? 60);

const sources = [
  ...[
    'valid/rest-lambda-proxy.yaml',
    'valid/rest-handlers.yaml',
    'valid/http-api.yaml',
    'valid/rest-auth.yaml',
    'valid/rest-integrations.yaml',
  ].map((path) => join(fixturesRoot, path)),
  ...readdirSync(join(corpusRoot, 'apigw'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(corpusRoot, 'apigw', name)),
];

const HOSTILE = [
  '*/',
  '`${x}`',
  '\'"\\',
  '\u2028',
  '../../../etc/passwd',
  '{{x}}',
  '#set($x = 1)',
  '',
  ' ',
  'constructor',
  '__proto__',
  'a'.repeat(300),
];
const FIELD_NAMES = [
  '$ref',
  'type',
  'properties',
  'items',
  'required',
  'enum',
  'allOf',
  'oneOf',
  'paths',
  'components',
  'schemas',
  'in',
  'name',
  'x-amazon-apigateway-integration',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function randomValue(random: () => number, depth = 0): Json {
  switch (Math.floor(random() * (depth > 2 ? 5 : 8))) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return [0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER][Math.floor(random() * 5)]!;
    case 3:
      return HOSTILE[Math.floor(random() * HOSTILE.length)]!;
    case 4:
      return `#/components/schemas/${HOSTILE[Math.floor(random() * HOSTILE.length)]}`;
    case 5:
      return [randomValue(random, depth + 1)];
    case 6:
      return { [FIELD_NAMES[Math.floor(random() * FIELD_NAMES.length)]!]: randomValue(random, depth + 1) };
    default:
      return {};
  }
}

/** Every object and array of the value, to pick a place to mutate. */
function containers(value: Json, found: (Json[] | { [key: string]: Json })[] = []): (Json[] | { [key: string]: Json })[] {
  if (value !== null && typeof value === 'object') {
    found.push(value);
    for (const child of Object.values(value)) containers(child, found);
  }
  return found;
}

function mutateValue(document: Json, random: () => number): void {
  const places = containers(document);
  for (let count = 1 + Math.floor(random() * 3); count > 0; count--) {
    const place = places[Math.floor(random() * places.length)]!;
    const keys = Object.keys(place);
    const key = keys[Math.floor(random() * keys.length)];
    const record = place as Record<string, Json>;
    const action = Math.floor(random() * 4);
    if (key === undefined || action === 0) record[FIELD_NAMES[Math.floor(random() * FIELD_NAMES.length)]!] = randomValue(random);
    else if (action === 1) delete record[key];
    else if (action === 2) record[key] = randomValue(random);
    else {
      record[HOSTILE[Math.floor(random() * HOSTILE.length)]!] = record[key]!;
      delete record[key];
    }
  }
}

function mutateText(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + text.slice(at + 1);
    default:
      return text.slice(0, at) + HOSTILE[Math.floor(random() * HOSTILE.length)] + text.slice(at);
  }
}

describe(`fuzzing: ${mutantCount} mutants of real documents, seed ${seed}`, () => {
  it('every command exits 0, 1 or 2, without a stack trace, and writes nothing when it fails', async () => {
    const random = seededRandom(seed);
    const folder = mkdtempSync(join(tmpdir(), 'apigw-gen-fuzz-'));
    const started = Date.now();
    const tally = { mutants: 0, runs: 0, accepted: 0, refused: 0, crashes: [] as string[], partialWrites: [] as string[] };
    for (let index = 0; index < mutantCount && Date.now() - started < seconds * 1000; index++) {
      const source = sources[Math.floor(random() * sources.length)]!;
      const text = readFileSync(source, 'utf8');
      let mutant: string;
      if (source.endsWith('.json') && random() < 0.8) {
        const document = JSON.parse(text) as Json;
        mutateValue(document, random);
        mutant = JSON.stringify(document);
      } else {
        mutant = mutateText(text, random);
      }
      const path = join(folder, `mutant-${index}${source.endsWith('.json') ? '.json' : '.yaml'}`);
      writeFileSync(path, mutant);
      tally.mutants++;
      for (const command of ['validate', 'sdk', 'handlers', 'mock', 'cfn']) {
        const out = join(folder, `out-${index}-${command}${command === 'mock' || command === 'cfn' ? '.yaml' : ''}`);
        // What a run prints goes through the CLI's io; anything on the console is a library's leak.
        const consoleCalls = (['log', 'info', 'warn', 'error'] as const).map((name) =>
          vi.spyOn(console, name).mockImplementation(() => {}),
        );
        const result = await runCli(command === 'validate' ? [command, path] : [command, path, '-o', out]);
        const leaked = consoleCalls.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' ')));
        for (const spy of consoleCalls) spy.mockRestore();
        tally.runs++;
        const what = `${command} ${path} (from ${source}, seed ${seed}, mutant ${index})`;
        if (leaked.length > 0) tally.crashes.push(`${what}: printed on the console: ${leaked.join('\n').slice(0, 300)}`);
        if (![0, 1, 2].includes(result.code) || /internal error|^\s+at .+:\d+:\d+\)?$/m.test(result.stderr)) {
          tally.crashes.push(`${what}: exit ${result.code}: ${result.stderr.slice(0, 300)}`);
        }
        if (result.code === 0) tally.accepted++;
        else {
          tally.refused++;
          if (command !== 'validate' && existsSync(out)) tally.partialWrites.push(what);
        }
      }
    }
    process.stdout.write(
      `fuzz: ${tally.mutants} mutants, ${tally.runs} runs (${tally.accepted} exit 0, ${tally.refused} refused), ` +
        `${tally.crashes.length} crashes, ${tally.partialWrites.length} partial writes\n`,
    );
    expect(tally.crashes).toStrictEqual([]);
    expect(tally.partialWrites).toStrictEqual([]);
    expect(tally.mutants).toBeGreaterThanOrEqual(Math.min(mutantCount, 10));
  }, 600_000);
});
