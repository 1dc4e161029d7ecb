// Generated cases: fast-check mutates valid scenario, counterexample, gate, report and fuzz-replay files
// (delete a field, retype a value, inject control characters, cut the text) and the CLI must answer 0, 1 or 2
// with one safe line when it is 2: never 3, never a hang (each property runs under the case's deadline).
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli, expectOneSafeLine, type Outcome } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { COUNTEREXAMPLE, gateJson, readJson, REPLAY_FILE, reportJson, SCENARIO, scratch } from '../fixtures.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside a JSON document (root excluded). */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, child] of Array.isArray(v) ? v.map((c, i) => [i, c] as const) : Object.entries(v)) {
      const p = [...prefix, k];
      out.push(p);
      if (out.length < 4000) paths(child as Json, p, out);
    }
  }
  return out;
}

const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', 'abc', 'NaN', '-1', '1e309', '\u001b[2J', 'a\nb', '\u0000', 'x'.repeat(5000), -1, 0, 2 ** 53, 1e308, -0.5, true, null, [], {}),
);

type Mutation = { kind: 'delete' | 'set'; at: number; value: Json } | { kind: 'cut'; at: number } | { kind: 'garbage'; at: number; text: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: weird as fc.Arbitrary<Json> }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(null) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), text: fc.constantFrom('}', '{', '"', '\u0000', ',,', '[[[[') }) },
);

/** The document's text after one mutation. */
function mutate(doc: Json, m: Mutation): string {
  const text = JSON.stringify(doc, null, 1);
  if (m.kind === 'cut') return text.slice(0, m.at % text.length);
  if (m.kind === 'garbage') {
    const i = m.at % text.length;
    return text.slice(0, i) + m.text + text.slice(i);
  }
  const copy = JSON.parse(text) as Json;
  const all = paths(copy);
  const p = all[m.at % all.length]!;
  let parent = copy as Record<string | number, Json>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = p[p.length - 1]!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = m.value;
  return JSON.stringify(copy);
}

let seq = 0;
async function checkMutations(doc: Json, argvFor: (file: string) => string[], allowed: readonly number[], numRuns: number): Promise<void> {
  await fc.assert(fc.asyncProperty(mutationArb, async (m) => {
    const f = join(scratch(), `mut-${++seq}.json`);
    writeFileSync(f, mutate(doc, m));
    const r: Outcome = await cli(argvFor(f));
    expect(allowed, `exit ${r.code} for ${JSON.stringify(m).slice(0, 300)}: ${r.stderr.slice(0, 500)}`).toContain(r.code);
    if (r.code === 2) expectOneSafeLine(r.stderr);
  }), { numRuns, seed: 12 });
}

export const propertyCases: Case[] = numbered('R-GEN', 'generated', [
  { title: 'mutated scenario files: `run` answers 0 or 2 (one safe line), never 3', timeoutMs: 120_000, run: () => checkMutations(readJson(SCENARIO) as Json, (f) => ['run', f], [0, 2], 150) },
  { title: 'mutated counterexample files: `replay` answers 0, 1 or 2 (one safe line), never 3', timeoutMs: 120_000, run: () => checkMutations(readJson(COUNTEREXAMPLE) as Json, (f) => ['replay', f], [0, 1, 2], 150) },
  {
    title: 'mutated gate JSON: `report --from` answers 0, 1 or 2 (one safe line), never 3',
    timeoutMs: 120_000,
    run: async () => checkMutations(readJson(await gateJson()) as Json, (f) => ['report', '--title', 'm', '--from', f, '--out', join(scratch(), 'mut-report.md')], [0, 1, 2], 80),
  },
  {
    title: 'mutated report JSON: `report --compare` answers 0, 1 or 2 (one safe line), never 3',
    timeoutMs: 120_000,
    run: async () => {
      const from = await gateJson();
      await checkMutations(readJson(await reportJson()) as Json, (f) => ['report', '--title', 'm', '--from', from, '--compare', f, '--out', join(scratch(), 'mut-compare.md')], [0, 1, 2], 80);
    },
  },
  {
    title: 'mutated fuzz replay files: `fuzz --replay` refuses every broken one with one safe line (exit 2), never 3',
    timeoutMs: 120_000,
    run: () => checkMutations(REPLAY_FILE as unknown as Json, (f) => ['fuzz', '--adapter-cmd', 'definitely-not-a-command-wb', '--replay', f], [2], 150),
  },
]);
