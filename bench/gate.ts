// The gate's figures: checked throughput (generate, resolve, kernel, rows, every invariant) against the raw kernel
// on the same runs' inputs in the same process; time from start to the first minimal counterexample over the
// broken fixtures; and the gate on the peer's invariant subset (no rows), for the Hypothesis comparison.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { CATALOGUE } from '../src/invariants/catalogue.ts';
import { GATE_CONFIG, REFERENCE, executeActions, gateCaseArb, runGate, type SystemUnderTest } from '../src/gate/index.ts';
import { initialState, step, type KernelInput } from '../src/kernel/index.ts';
import { median, spreadOf, type Spread } from './stats.ts';

const SEED = 20261124;
const STEPS_MAX = 100;

function gateOptions(sut: SystemUnderTest, runs: number) {
  return {
    sut, config: GATE_CONFIG, profile: 'bench', runs, seed: SEED, stepCountMax: STEPS_MAX, timeBudgetMs: null, determinismRuns: 0,
    shard: null, enforceCoverage: false,
  } as const;
}

export interface CheckedFigures {
  readonly runs: number;
  readonly inputs: number;
  readonly checked: Spread;
  readonly raw: Spread;
  /** Median of per-round ratios checked ÷ raw (each round ran both back to back). */
  readonly ratio: number;
}

export function benchChecked(runs = 1000, rounds = 5): CheckedFigures {
  const cases = fc.sample(gateCaseArb(GATE_CONFIG.slotCount, STEPS_MAX), { seed: SEED, numRuns: runs });
  const inputs: KernelInput[][] = cases.map((c) => [...executeActions(REFERENCE, GATE_CONFIG, c.actions).inputs]);
  const total = inputs.reduce((a, i) => a + i.length, 0);
  const checked: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const t0 = performance.now();
    const g = runGate(gateOptions(REFERENCE, runs));
    const t1 = performance.now();
    for (const run of inputs) {
      let s = initialState(GATE_CONFIG);
      for (const input of run) s = step(s, input).state;
    }
    const t2 = performance.now();
    if (g.meta.inputsChecked !== total) throw new Error(`the gate checked ${g.meta.inputsChecked} inputs, the raw loop has ${total}`);
    if (r === 0) continue; // warm-up
    const c = total / ((t1 - t0) / 1000);
    const k = total / ((t2 - t1) / 1000);
    checked.push(c);
    raw.push(k);
    ratios.push(c / k);
  }
  return { runs, inputs: total, checked: spreadOf(checked), raw: spreadOf(raw), ratio: median(ratios) };
}

export interface FirstFailureFigures {
  readonly perFixture: Readonly<Record<string, Spread>>;
  /** Median over fixtures of each fixture's median, ms. */
  readonly medianMs: number;
  /** Fixtures whose bug the 5 000 generated runs of this seed did not reach (a canary for the targeted gate, not timed). */
  readonly notFound?: readonly string[];
}

/** Start of a gate run to its first shrunk counterexample, for every module in tests/fixtures/broken/. */
export async function benchFirstFailure(root: string, rounds = 3): Promise<FirstFailureFigures> {
  const dir = join(root, 'tests/fixtures/broken');
  const perFixture: Record<string, Spread> = {};
  const notFound: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'wrap.ts').sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { sut?: SystemUnderTest };
    if (!mod.sut) continue; // a helper module beside the fixtures (canaryKit.ts)
    const sut = mod.sut;
    const times: number[] = [];
    let found = true;
    for (let r = 0; r < rounds + 1 && found; r++) {
      const t0 = performance.now();
      const g = runGate({ ...gateOptions(sut, 5000), maxFailures: 1 });
      const ms = performance.now() - t0;
      found = g.failures.length > 0;
      if (r > 0) times.push(ms);
    }
    if (found) perFixture[f.replace(/\.ts$/, '')] = spreadOf(times);
    else notFound.push(f.replace(/\.ts$/, ''));
  }
  return { perFixture, medianMs: median(Object.values(perFixture).map((s) => s.median)), notFound };
}

/** The invariants the Hypothesis peer checks too. */
export const PEER_SUBSET = ['INV-K-SIZE-NON-NEGATIVE', 'INV-K-NO-OVERSELL', 'INV-K-SINGLE-CLOSE', 'INV-K-CLOSED-IFF-FLAT', 'INV-K-CAPITAL-AUTHORITY'];

/** Checked inputs per second of the gate on the reference kernel with only the peer's subset and no rows. */
export function benchGateSubset(runs = 1000, rounds = 3): Spread {
  const invariants = CATALOGUE.filter((i) => PEER_SUBSET.includes(i.id));
  const sut: SystemUnderTest = { name: 'reference (no rows)', step, writeRows: null };
  const rates: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const g = runGate({ ...gateOptions(sut, runs), invariants });
    if (r > 0) rates.push(g.meta.inputsChecked / (g.meta.timeMs / 1000));
  }
  return spreadOf(rates);
}
