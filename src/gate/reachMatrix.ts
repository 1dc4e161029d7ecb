// The reach matrix: the situations a pre-merge gate run must produce, as named cells in six dimensions, and the
// one list of cells that cannot happen, each with its reason (spec/invariants.md prints this list; a test keeps
// the two equal). Counting is in reach.ts; the gate fails on a possible cell never reached (coverage.ts).
import { STAGES, type Stage } from '../kernel/types.ts';
import { PRECEDENCE_PAIRS } from './precedenceRules.ts';

export const REACH_DIMENSIONS = {
  stage: 'input kind × order purpose × trade stage before the step',
  exitSize: 'EXIT sizes against the open position',
  venueRepeat: 'duplicate and late venue events: how long after, and whether the order could still take quantity',
  modeAction: 'control mode × intent action (nothing earlier in the precedence broken)',
  precedence: 'pairs of rejection rules (spec/kernel.md §6.1) broken by one intent',
  sameInstrument: 'several slots trading one instrument',
} as const;
export type ReachDimension = keyof typeof REACH_DIMENSIONS;

export interface ReachCell {
  readonly dimension: ReachDimension;
  readonly key: string;
  /** null: the spec allows it, so the pre-merge run must reach it; else why it cannot happen. */
  readonly impossible: string | null;
}

export const cellId = (dimension: ReachDimension, key: string): string => `${dimension}:${key}`;

export const VENUE_KINDS = ['order_accepted', 'order_filled', 'order_rejected', 'order_canceled', 'order_expired'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const INTENT_PURPOSE = { ENTER: 'ENTRY', EXIT: 'EXIT', CANCEL: 'ANY' } as const;

function stageCells(): ReachCell[] {
  const cells: ReachCell[] = [];
  for (const [action, purpose] of Object.entries(INTENT_PURPOSE)) {
    for (const stage of STAGES) cells.push({ dimension: 'stage', key: `${action}/${purpose}/${stage}`, impossible: null });
  }
  for (const kind of VENUE_KINDS) {
    for (const purpose of ['ENTRY', 'EXIT'] as const) {
      for (const stage of STAGES) {
        const impossible = stage === 'IDLE'
          ? 'an order exists only for a trade its ENTER put in the slot, so the order\'s trade is never IDLE'
          : purpose === 'EXIT' && stage === 'ORDER_REQUESTED'
            ? 'an exit order is submitted from POSITION_OPEN, and no transition leads a trade back to ORDER_REQUESTED'
            : null;
        cells.push({ dimension: 'stage', key: `${kind}/${purpose}/${stage}`, impossible });
      }
    }
  }
  return cells;
}

/** EXIT size classes, for an EXIT on a POSITION_OPEN trade naming it (spec/kernel.md §7). */
export const EXIT_SIZE_CLASSES = {
  remainder: 'explicit size = the remaining size',
  'remainder+step': 'explicit size = remaining + one step (clamped)',
  'remainder-step': 'explicit size = remaining − one step',
  multiple: 'explicit size = k × remaining, k ≥ 2 (clamped)',
  'below-min': 'the leg is below the minimum quantity or notional',
  'residue-below-min': 'the leg would leave a residue below the minimum (absorbed)',
  'plan-leg': 'planned leg (size null) that is not the plan\'s last',
  'plan-last-leg': 'planned leg that is the plan\'s last (takes all that remains)',
  'past-plan': 'planned leg after the plan ran out (takes all that remains)',
  'plan-leg-zero': 'planned leg that truncates to zero on the step',
} as const;
export type ExitSizeClass = keyof typeof EXIT_SIZE_CLASSES;

export const REPEAT_KINDS = ['duplicate-fill', 'late-fill', 'late-event'] as const;
/** A duplicate fill by how many later fills of the same order were applied since the original. */
export const DUPLICATE_AGES = ['latest', 'one-back', 'older'] as const;
export const DISTANCES = ['next', 'few', 'many'] as const;
export type Distance = (typeof DISTANCES)[number];
/** Inputs between the original (or the order's end) and the repeat: 1 next, 2–9 few, ≥ 10 many. */
export const MANY_INPUTS = 10;
export const CAPACITIES = ['open', 'spent'] as const;

export const MODES = ['NORMAL', 'DEBUG', 'REDUCE_ONLY', 'HALTED'] as const;
export const INTENT_ACTIONS = ['ENTER', 'EXIT', 'CANCEL'] as const;
export const SAME_INSTRUMENT_INPUTS = ['ENTER', 'EXIT', 'fill'] as const;
export const SIDE_RELATIONS = ['same-side', 'opposite-side'] as const;

function build(): ReachCell[] {
  const cells: ReachCell[] = stageCells();
  for (const k of Object.keys(EXIT_SIZE_CLASSES)) cells.push({ dimension: 'exitSize', key: k, impossible: null });
  for (const k of REPEAT_KINDS) for (const d of DISTANCES) for (const c of CAPACITIES) cells.push({ dimension: 'venueRepeat', key: `${k}/${d}/${c}`, impossible: null });
  for (const a of DUPLICATE_AGES) for (const c of CAPACITIES) cells.push({ dimension: 'venueRepeat', key: `duplicate-fill-age/${a}/${c}`, impossible: null });
  for (const m of MODES) for (const a of INTENT_ACTIONS) cells.push({ dimension: 'modeAction', key: `${m}/${a}`, impossible: null });
  for (const p of PRECEDENCE_PAIRS) cells.push({ dimension: 'precedence', key: `${p.first}>${p.second}`, impossible: p.impossible });
  for (const i of SAME_INSTRUMENT_INPUTS) for (const r of SIDE_RELATIONS) cells.push({ dimension: 'sameInstrument', key: `${i}/${r}`, impossible: null });
  return cells;
}

export const REACH_CELLS: readonly ReachCell[] = build();

/** The one list of cells that cannot happen, with their reasons. */
export const IMPOSSIBLE_CELLS: readonly ReachCell[] = REACH_CELLS.filter((c) => c.impossible !== null);

export function stageKey(kind: string, purpose: string, stage: Stage): string {
  return `${kind}/${purpose}/${stage}`;
}
