// One generated adapter-fuzz input as plain data: the policy's intents, the venue's delivery choices and the
// venue's per-order scripts. It is what fast-check shrinks and what a replay file stores.
import type { OrderScript, VenueSwarm } from '../../venue/simulator/schedule.ts';

export const FUZZ_ASSETS = ['BTCUSDT', 'ETHUSDT'] as const;
export const RATIO_PLANS: readonly (readonly string[])[] = [['1'], ['0.5', '0.5'], ['0.3', '0.3', '0.4'], ['0.25', '0.75']];

/** An intent planned abstractly; the executor builds the concrete KernelIntent against the kernel's state. */
export interface IntentPlan {
  /** AUTO: the sensible next intent for the slot's stage (ENTER when free, EXIT when open, CANCEL when working). */
  readonly action: 'AUTO' | 'ENTER' | 'EXIT' | 'CANCEL';
  readonly slot: number;
  readonly asset: number;
  readonly side: 'LONG' | 'SHORT';
  /** ENTER size in venue steps (× 5 for ETHUSDT), plus `fineSteps` kernel steps when the kernel grid is finer. */
  readonly sizeSteps: number;
  readonly fineSteps: number;
  /** Offset from the instrument's mark, in kernel ticks. */
  readonly priceTicks: number;
  readonly ratioPlan: number;
  /** EXIT: explicit size in venue steps, or null to take the next leg of the exit plan. */
  readonly exitSteps: number | null;
}

export type FuzzAction =
  | { readonly kind: 'intent'; readonly advanceMs: number; readonly settleFirst: boolean; readonly plan: IntentPlan }
  /** Deliver `count` pending messages, each the one at `pick` (mod the queue; 0 = oldest). */
  | { readonly kind: 'deliver'; readonly advanceMs: number; readonly pick: number; readonly count: number }
  /** The market executes the next piece of a resting order. */
  | { readonly kind: 'match'; readonly advanceMs: number; readonly pick: number }
  | { readonly kind: 'balance'; readonly advanceMs: number; readonly variant: 'true' | 'stale' | 'contradict' }
  /** The stream reconnects: held updates and resends arrive. */
  | { readonly kind: 'resync'; readonly advanceMs: number };

export interface FuzzCase {
  /** The kernel's grid is 10× finer than the venue's, so the adapter must truncate quantities and prices. */
  readonly finerKernelGrid: boolean;
  readonly swarm: VenueSwarm;
  readonly actions: readonly FuzzAction[];
  /** Consumed one per order the venue places or rejects by script, in order; missing ones are plain. */
  readonly scripts: readonly OrderScript[];
}
