// Valid inputs to break on purpose: a scenario, a counterexample, gate results (whole and sharded), a report's
// JSON twin and an adapter-fuzz replay file; made once per test file (gate runs in-process, small).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, tmp } from './harness.ts';

export const SCENARIO = join(ROOT, 'examples/scenarios/seed-two-leg-exit.json');
export const COUNTEREXAMPLE = join(ROOT, 'corpus/late-fill-flattens-while-exit-works.json');

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

let dir: string | null = null;
export function scratch(): string {
  return (dir ??= tmp());
}

let fileSeq = 0;
/** Writes text (or JSON) to a fresh file in the scratch folder and returns its path. */
export function file(content: unknown, name = `f${++fileSeq}.json`): string {
  const path = join(scratch(), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const cache = new Map<string, string>();
/** `gate --profile smoke --runs 12 --json` (with extra args), written to a file; cached by args. */
export async function gateJson(extra: readonly string[] = [], name?: string): Promise<string> {
  const key = extra.join(' ');
  const hit = cache.get(key);
  if (hit) return hit;
  const r = await cli(['gate', '--profile', 'smoke', '--runs', '12', '--no-corpus', '--json', '--counterexamples', join(scratch(), 'cx'), ...extra]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`fixture gate run failed (${r.code}): ${r.stderr}`);
  const path = join(scratch(), name ?? `gate-${cache.size}.json`);
  writeFileSync(path, r.stdout);
  cache.set(key, path);
  return path;
}

/** A report's JSON twin made from a gate JSON. */
export async function reportJson(): Promise<string> {
  const hit = cache.get('report');
  if (hit) return hit;
  const out = join(scratch(), 'fixture-report.md');
  const r = await cli(['report', '--title', 'fixture', '--from', await gateJson(), '--out', out]);
  if (r.code !== 0) throw new Error(`fixture report failed: ${r.stderr}`);
  const twin = out.replace(/\.md$/, '.json');
  cache.set('report', twin);
  return twin;
}

export const REPLAY_FILE = {
  kind: 'adapter-fuzz-counterexample', version: 1, adapter: 'x', profile: 'adapter-fuzz', seed: 1, path: null, primary: 'INV-A-RECONCILED',
  case: {
    finerKernelGrid: false,
    swarm: { rejects: true, timeouts: true, ackOrder: true, partials: true, endings: true, prices: true, fees: true, duplicates: true, cancelRaces: true, streamFaults: true, balances: true },
    actions: [{ kind: 'intent', advanceMs: 0, settleFirst: false, plan: { action: 'AUTO', slot: 0, asset: 0, side: 'LONG', sizeSteps: 50, fineSteps: 0, priceTicks: 0, ratioPlan: 0, exitSteps: null } }],
    scripts: [{ reject: 'banned', timeout: 'none', ack: 'first', pieces: [1], immediate: 1, end: 'rest', priceTicks: [0], fee: 'quote', duplicate: 'none', canceledAfterFilled: false, cancelRace: 'none', resend: false, gap: false }],
  },
};

/** A deep copy with `mutate` applied. */
export function variant<T>(value: T, mutate: (v: any) => void): T {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  mutate(copy);
  return copy;
}

/** JSON nested `depth` arrays deep. */
export function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
