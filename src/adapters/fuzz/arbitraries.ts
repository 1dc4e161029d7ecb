// fast-check arbitraries for adapter-fuzz cases. Every choice shrinks toward the plain venue and in-order
// delivery (the first alternative of each weighted choice), so a counterexample keeps only the behaviours it needs.
import fc from 'fast-check';
import { PLAIN_SCRIPT, SWARM_ALL_ON, type OrderScript, type VenueSwarm } from '../../venue/simulator/schedule.ts';
import type { FuzzAction, FuzzCase, IntentPlan } from './fuzzCase.ts';
import type { FuzzProfile } from './profile.ts';

/** The plain value, or (with `weight` percent) one of the alternatives. */
function sometimes<T>(plain: T, weight: number, alt: fc.Arbitrary<T>): fc.Arbitrary<T> {
  if (weight <= 0) return fc.constant(plain);
  if (weight >= 100) return alt;
  return fc.oneof({ arbitrary: fc.constant(plain), weight: 100 - weight }, { arbitrary: alt, weight });
}

export function scriptArb(p: FuzzProfile): fc.Arbitrary<OrderScript> {
  const w = p.weights;
  return fc
    .record({
      reject: sometimes<OrderScript['reject']>('none', w.reject, fc.constantFrom('margin', 'reduce_only', 'rate_limit', 'banned', 'filter')),
      timeout: sometimes<OrderScript['timeout']>('none', w.timeout, fc.constantFrom('placed', 'absent', 'late')),
      ack: sometimes<OrderScript['ack']>('first', w.ackOrder, fc.constantFrom('after_fill', 'none')),
      pieces: sometimes<readonly number[]>([1], w.partial, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 })),
      immediate: sometimes(1, w.partial, fc.integer({ min: 0, max: 4 })),
      end: sometimes<OrderScript['end']>('rest', w.ending, fc.constantFrom('cancel', 'expire')),
      priceTicks: sometimes<readonly number[]>([0], w.priceSpread, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 })),
      fee: sometimes<OrderScript['fee']>('quote', w.fee, fc.constantFrom('other_asset', 'zero', 'rebate', 'varying')),
      duplicate: sometimes<OrderScript['duplicate']>('none', w.duplicate, fc.constantFrom('exact', 'noisy')),
      canceledAfterFilled: sometimes(false, w.canceledAfterFilled, fc.constant(true)),
      cancelRace: sometimes<OrderScript['cancelRace']>('none', w.cancelRace, fc.constantFrom('partial_first', 'fill_first')),
      resend: sometimes(false, w.resend, fc.constant(true)),
      gap: sometimes(false, w.gap, fc.constant(true)),
    })
    .map((s) => s as OrderScript);
}

const swarmArb: fc.Arbitrary<VenueSwarm> = fc.record({
  rejects: fc.boolean(), timeouts: fc.boolean(), ackOrder: fc.boolean(), partials: fc.boolean(), endings: fc.boolean(), prices: fc.boolean(),
  fees: fc.boolean(), duplicates: fc.boolean(), cancelRaces: fc.boolean(), streamFaults: fc.boolean(), balances: fc.boolean(),
});

/** Swarm switches, mostly on: each group is off in about one run in four. */
function swarmOf(p: FuzzProfile): fc.Arbitrary<VenueSwarm> {
  if (!p.swarm) return fc.constant(SWARM_ALL_ON);
  return fc.tuple(swarmArb, swarmArb).map(([a, b]) => {
    const out: Record<string, boolean> = {};
    for (const k of Object.keys(a) as (keyof VenueSwarm)[]) out[k] = a[k] || b[k];
    return out as unknown as VenueSwarm;
  });
}

const intentPlanArb: fc.Arbitrary<IntentPlan> = fc.record({
  action: fc.oneof(
    { arbitrary: fc.constant('AUTO' as const), weight: 12 }, { arbitrary: fc.constant('ENTER' as const), weight: 1 },
    { arbitrary: fc.constant('EXIT' as const), weight: 1 }, { arbitrary: fc.constant('CANCEL' as const), weight: 1 },
  ),
  slot: fc.integer({ min: 0, max: 1 }),
  asset: fc.integer({ min: 0, max: 1 }),
  side: fc.constantFrom('LONG' as const, 'SHORT' as const),
  // Sizes near the minimum notional are where truncation meets −4164.
  sizeSteps: fc.oneof({ arbitrary: fc.integer({ min: 50, max: 2000 }), weight: 4 }, { arbitrary: fc.integer({ min: 50, max: 56 }), weight: 1 }),
  fineSteps: fc.integer({ min: 0, max: 9 }),
  priceTicks: fc.integer({ min: -20, max: 20 }),
  ratioPlan: fc.integer({ min: 0, max: 3 }),
  exitSteps: fc.option(fc.integer({ min: 1, max: 1000 }), { freq: 4 }),
});

const advanceArb = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 5000 }), weight: 3 });

function actionArb(p: FuzzProfile): fc.Arbitrary<FuzzAction> {
  const pick = sometimes(0, p.weights.outOfOrder, fc.integer({ min: 1, max: 6 }));
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('intent' as const), advanceMs: advanceArb, settleFirst: sometimes(true, 35, fc.constant(false)), plan: intentPlanArb }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), advanceMs: advanceArb, pick, count: fc.integer({ min: 1, max: 6 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('match' as const), advanceMs: advanceArb, pick: fc.nat({ max: 5 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('balance' as const), advanceMs: advanceArb, variant: fc.constantFrom('true' as const, 'stale' as const, 'contradict' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resync' as const), advanceMs: advanceArb }) },
  );
}

export function fuzzCaseArb(p: FuzzProfile, script: fc.Arbitrary<OrderScript> = scriptArb(p)): fc.Arbitrary<FuzzCase> {
  return fc.record({
    finerKernelGrid: sometimes(false, p.weights.finerKernelGrid, fc.constant(true)),
    swarm: swarmOf(p),
    actions: fc.array(actionArb(p), { minLength: 1, maxLength: p.actionCountMax, size: 'max' }),
    scripts: fc.array(script, { maxLength: p.scriptCountMax, size: 'max' }),
  });
}

export { PLAIN_SCRIPT };
