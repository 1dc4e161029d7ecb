// Symbolic actions the gate generates: intents, venue behaviour and control changes, described relative to the
// kernel's state ("fill 40 % of slot 1's working order") so they stay meaningful while shrinking. The executor
// resolves each into a concrete KernelInput; counterexamples keep the concrete inputs.
import fc from 'fast-check';
import type { KernelMode, Side } from '../kernel/types.ts';
import { POSSIBLE_PAIRS } from './precedenceRules.ts';

/** Rules an invalid input breaks; each has several shapes (`shape` picks one). */
export const INVALID_RULES = [
  'nan-price', 'negative-size', 'off-grid-price', 'unknown-slot', 'trade-mismatch', 'zero-leverage', 'ratios-past-one', 'duplicate-intent',
  'unknown-order', 'unknown-action', 'unknown-asset', 'invalid-side', 'off-grid-size', 'asset-mismatch', 'side-mismatch', 'nan-fill',
  'nan-balance', 'bad-mode', 'reused-trade-id', 'bad-timestamp', 'empty-intent-id', 'not-an-input', 'cancel-again',
] as const;
export type InvalidRule = (typeof INVALID_RULES)[number];

/** No rule has more shapes than this (a larger draw wraps around). */
export const INVALID_SHAPES_MAX = 16;

export type GateAction =
  | { readonly k: 'enter'; readonly slot: number; readonly side: Side; readonly asset: number; readonly sizeSteps: number; readonly priceTicks: number; readonly leverage: number; readonly plan: readonly number[] }
  /** pct: share of the remaining size (over 100 overshoots: the kernel must clamp); null: next leg of the plan.
   *  exact: a boundary size instead (the remainder, one step either side of it, multiples of it, below the minimum). */
  | { readonly k: 'exit'; readonly slot: number; readonly pct: number | null; readonly priceTicks: number; readonly exact: ExactExit | null }
  | { readonly k: 'cancel'; readonly slot: number }
  | { readonly k: 'ack'; readonly slot: number }
  | { readonly k: 'fill'; readonly slot: number; readonly pct: number; readonly slipTicks: number; readonly feeBp: number; readonly over: boolean }
  /** Re-delivers a fill of the order the slot's latest fill went to: the same execution (same fill id), or with
   *  `fresh` a new fill id, i.e. an execution beyond what the order had left (the overfill of nautilus_trader#3221).
   *  `back`: how many of that order's fills before its latest (0, the latest, is where it shrinks; an older one is
   *  the duplicate that arrives long after the original while later fills of its order came in between). */
  | { readonly k: 'dupFill'; readonly slot: number; readonly fresh: boolean; readonly back: number }
  | { readonly k: 'end'; readonly slot: number; readonly how: 'order_canceled' | 'order_expired' | 'order_rejected' }
  | { readonly k: 'lateFill'; readonly slot: number; readonly pct: number }
  | { readonly k: 'balance'; readonly driftCents: number }
  | { readonly k: 'control'; readonly mode: KernelMode }
  /** shape: which of the rule's shapes (each breaks the same rule differently: every branch of its check, and the
   *  boundary); 0, where it shrinks, is the plainest. */
  | { readonly k: 'invalid'; readonly slot: number; readonly rule: InvalidRule; readonly shape: number }
  /** A venue event for an order past its working life (or an earlier trade's order, with `old`): stale and late events. */
  | { readonly k: 'stale'; readonly slot: number; readonly event: StaleEvent; readonly which: number; readonly old: boolean }
  /** One intent breaking two rejection rules at once (POSSIBLE_PAIRS[pair]); variant picks the action the two share. */
  | { readonly k: 'breakTwo'; readonly slot: number; readonly pair: number; readonly variant: number };

export type ExactExit = 'remainder' | 'remainder+step' | 'remainder-step' | 'double' | 'triple' | 'below-min';
export type StaleEvent = 'order_accepted' | 'order_filled' | 'order_canceled' | 'order_expired' | 'order_rejected';

export type ActionKind = GateAction['k'];
export const ACTION_KINDS: readonly ActionKind[] = ['enter', 'exit', 'cancel', 'ack', 'fill', 'dupFill', 'end', 'lateFill', 'balance', 'control', 'invalid', 'stale', 'breakTwo'];

/** Weights per kind; the seed's own mix (derived from the seed's scenarios: enter, then legs of exits and fills). */
export type Mix = Readonly<Record<ActionKind, number>>;
export const BASE_MIX: Mix = { enter: 3, exit: 5, cancel: 1, ack: 2, fill: 12, dupFill: 1, end: 2, lateFill: 2, balance: 1, control: 1, invalid: 2, stale: 0.5, breakTwo: 0.5 };

/** Kinds a run may switch off entirely (the others keep the run meaningful). */
const OPTIONAL: readonly ActionKind[] = ['cancel', 'ack', 'dupFill', 'end', 'lateFill', 'balance', 'control', 'invalid', 'stale', 'breakTwo'];

/** Swarm testing: per run, each optional kind is off, halved, as-is or doubled. */
export function mixArb(without: readonly ActionKind[] = []): fc.Arbitrary<Mix> {
  const factor = fc.constantFrom(1, 2, 0.5, 0);
  return fc.tuple(...OPTIONAL.map(() => factor)).map((fs) => {
    const mix: Record<ActionKind, number> = { ...BASE_MIX };
    OPTIONAL.forEach((k, i) => { mix[k] = BASE_MIX[k] * (fs[i] ?? 1); });
    for (const k of without) mix[k] = 0;
    return mix;
  });
}

/** Exit plans as percent integers summing to ≤ 100 (shrinks toward a single 100 % leg). */
const planArb = fc.oneof(
  { arbitrary: fc.constant([100]), weight: 2 },
  { arbitrary: fc.constant([50, 50]), weight: 3 },
  { arbitrary: fc.constant([30, 30, 40]), weight: 2 },
  { arbitrary: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 2, maxLength: 4 }).map((xs) => {
    const out: number[] = [];
    let left = 100;
    for (const x of xs) {
      const take = Math.min(x, left);
      if (take <= 0) break;
      out.push(take);
      left -= take;
    }
    return out;
  }), weight: 2 },
);

export function actionArb(slotCount: number, mix: Mix): fc.Arbitrary<GateAction> {
  const slot = fc.integer({ min: 0, max: slotCount - 1 });
  const ticks = fc.integer({ min: -200, max: 200 });
  const arbs: Record<ActionKind, fc.Arbitrary<GateAction>> = {
    enter: fc.record({
      k: fc.constant('enter' as const), slot, side: fc.constantFrom<Side>('LONG', 'SHORT'), asset: fc.integer({ min: 0, max: 1 }),
      // mostly tradable sizes; sometimes tiny (below min notional) or huge (insufficient margin)
      sizeSteps: fc.oneof({ arbitrary: fc.integer({ min: 50, max: 3000 }), weight: 8 }, { arbitrary: fc.integer({ min: 1, max: 49 }), weight: 1 }, { arbitrary: fc.integer({ min: 400_000, max: 900_000 }), weight: 1 }),
      priceTicks: ticks, leverage: fc.integer({ min: 1, max: 10 }), plan: planArb,
    }),
    exit: fc.record({
      k: fc.constant('exit' as const), slot, priceTicks: ticks,
      pct: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 2 }, { arbitrary: fc.integer({ min: 101, max: 250 }), weight: 1 }),
      exact: fc.oneof({ arbitrary: fc.constant(null), weight: 12 }, { arbitrary: fc.constantFrom<ExactExit>('remainder', 'remainder+step', 'remainder-step', 'double', 'triple', 'below-min'), weight: 1 }),
    }),
    cancel: fc.record({ k: fc.constant('cancel' as const), slot }),
    ack: fc.record({ k: fc.constant('ack' as const), slot }),
    fill: fc.record({
      k: fc.constant('fill' as const), slot,
      // 1 maps to a full fill, so shrinking goes toward full fills
      pct: fc.oneof({ arbitrary: fc.constant(100), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 99 }), weight: 2 }),
      slipTicks: fc.integer({ min: -20, max: 20 }), feeBp: fc.integer({ min: -2, max: 10 }), over: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
    }),
    dupFill: fc.record({
      k: fc.constant('dupFill' as const), slot, fresh: fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
      back: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.integer({ min: 2, max: 4 }), weight: 2 }),
    }),
    end: fc.record({ k: fc.constant('end' as const), slot, how: fc.constantFrom('order_canceled' as const, 'order_expired' as const, 'order_rejected' as const) }),
    lateFill: fc.record({ k: fc.constant('lateFill' as const), slot, pct: fc.oneof({ arbitrary: fc.constant(100), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 99 }), weight: 1 }) }),
    balance: fc.record({ k: fc.constant('balance' as const), driftCents: fc.integer({ min: -5000, max: 5000 }) }),
    control: fc.record({ k: fc.constant('control' as const), mode: fc.constantFrom<KernelMode>('NORMAL', 'REDUCE_ONLY', 'HALTED', 'NORMAL', 'DEBUG') }),
    invalid: fc.record({
      k: fc.constant('invalid' as const), slot,
      rule: fc.constantFrom<InvalidRule>(...INVALID_RULES),
      shape: fc.nat({ max: INVALID_SHAPES_MAX - 1 }),
    }),
    stale: fc.record({
      k: fc.constant('stale' as const), slot,
      event: fc.constantFrom<StaleEvent>('order_accepted', 'order_filled', 'order_canceled', 'order_expired', 'order_rejected'),
      which: fc.nat({ max: 7 }), old: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
    }),
    breakTwo: fc.record({ k: fc.constant('breakTwo' as const), slot, pair: fc.nat({ max: POSSIBLE_PAIRS.length - 1 }), variant: fc.nat({ max: 3 }) }),
  };
  const weighted = ACTION_KINDS.filter((k) => mix[k] > 0).map((k) => ({ arbitrary: arbs[k], weight: Math.max(1, Math.round(mix[k] * 2)) }));
  return fc.oneof(...weighted);
}

export interface GateCase {
  readonly mix: Mix;
  readonly actions: readonly GateAction[];
}

/** The core mix: entries, exits, fills and acks only (no invalid inputs, venue faults or control changes). */
export const CORE_MIX: Mix = { enter: 3, exit: 5, cancel: 0, ack: 2, fill: 12, dupFill: 0, end: 0, lateFill: 0, balance: 0, control: 0, invalid: 0, stale: 0, breakTwo: 0 };

export function gateCaseArb(slotCount: number, stepCountMax: number, fixedMix?: Mix, without: readonly ActionKind[] = []): fc.Arbitrary<GateCase> {
  return (fixedMix ? fc.constant(fixedMix) : mixArb(without)).chain((mix) =>
    fc.array(actionArb(slotCount, mix), { minLength: 1, maxLength: stepCountMax, size: 'max' }).map((actions) => ({ mix, actions })),
  );
}
