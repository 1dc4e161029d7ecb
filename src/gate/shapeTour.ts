// The shape tour: every shape of every invalid rule, each in a short run of its own, after a clean pass, and a
// few rare valid situations (a planned exit leg clamped to what remains, one that truncates to zero).
// A generated run draws an invalid action's rule and shape at random; with 23 rules of up to 16 shapes, a small
// budget (the mutation profile, a smoke run, one shard) leaves many shapes undrawn, and a shape never sent is a
// validation branch and a row column never checked. The tour sends each one, from a starting state that varies
// with the shape (nothing yet, an entry working, a position open, an exit working), followed by a valid input
// (so a leading input with an invalid time has a later valid time for its rows). Runs are a few inputs long, so a
// finding needs no shrinking.
import type { KernelConfig, KernelInput } from '../kernel/types.ts';
import { INVALID_RULES, INVALID_SHAPES_MAX, type GateAction } from './actions.ts';
import { executeActions } from './execute.ts';
import { REFERENCE } from './systemUnderTest.ts';

export interface TourRun {
  /** What the run sends, e.g. `shape tour: unknown-slot shape 5 after an entry`. */
  readonly name: string;
  readonly inputs: readonly KernelInput[];
}

const enter = (slot: number, side: 'LONG' | 'SHORT', asset: number, sizeSteps: number, leverage: number, plan: readonly number[]): GateAction =>
  ({ k: 'enter', slot, side, asset, sizeSteps, priceTicks: 0, leverage, plan });
const fill = (slot: number, slipTicks = 0, feeBp = 1): GateAction => ({ k: 'fill', slot, pct: 100, slipTicks, feeBp, over: false });
const exit = (slot: number, pct: number | null, priceTicks: number): GateAction => ({ k: 'exit', slot, pct, priceTicks, exact: null });

const CONTEXTS: readonly { readonly name: string; readonly actions: readonly GateAction[] }[] = [
  { name: 'first', actions: [] },
  { name: 'after an entry', actions: [enter(0, 'LONG', 0, 100, 2, [50, 50])] },
  { name: 'with a position open', actions: [enter(0, 'SHORT', 1, 100, 2, [50, 50]), fill(0)] },
  { name: 'with an exit working', actions: [enter(0, 'LONG', 0, 100, 2, [50, 50]), fill(0), exit(0, null, 3)] },
];

/** Rare valid situations a small budget seldom makes, each a run of its own. */
const SITUATIONS: readonly { readonly name: string; readonly actions: readonly GateAction[] }[] = [
  // 0.9 closed by an explicit exit; the plan's next leg (30 % of 1.0) asks more than the 0.1 left: clamped.
  { name: 'a planned leg larger than what remains', actions: [enter(1, 'LONG', 0, 1000, 2, [30, 30, 40]), fill(1), exit(1, 90, 2), fill(1, 1), exit(1, null, 2), fill(1)] },
  // 1 % of 0.06 truncates to no quantity at all: LEG_SIZE_ZERO.
  { name: 'a planned leg of zero', actions: [enter(2, 'SHORT', 1, 60, 1, [1, 99]), fill(2, 0, 0), exit(2, null, 0)] },
];

const tours = new WeakMap<KernelConfig, readonly TourRun[]>();

/** The tour's runs as concrete inputs (resolved once per configuration against the reference, like every generated run). */
export function shapeTour(config: KernelConfig): readonly TourRun[] {
  const known = tours.get(config);
  if (known) return known;
  const runs: TourRun[] = [];
  const seen = new Set<string>();
  for (const rule of INVALID_RULES) {
    for (let shape = 0; shape < INVALID_SHAPES_MAX; shape++) {
      const context = CONTEXTS[shape % CONTEXTS.length]!;
      const actions: GateAction[] = [...context.actions, { k: 'invalid', slot: 0, rule, shape }, { k: 'balance', driftCents: 0 }];
      const exec = executeActions(REFERENCE, config, actions);
      const inputs = exec.inputs;
      // A rule with fewer shapes wraps around: the same run twice is sent once. A shape the starting state makes
      // valid (a reused trade id before any trade) is no shape of its rule there: the spec must refuse it.
      const key = JSON.stringify(inputs);
      const shapeStep = exec.trace.records.at(-2);
      if (seen.has(key) || !shapeStep || shapeStep.result.outcome.accepted) continue;
      seen.add(key);
      runs.push({ name: `shape tour: ${rule} shape ${shape} ${context.name}`, inputs });
    }
  }
  for (const sit of SITUATIONS) runs.push({ name: `tour: ${sit.name}`, inputs: executeActions(REFERENCE, config, sit.actions).inputs });
  tours.set(config, runs);
  return runs;
}
