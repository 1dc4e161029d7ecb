// Facts of a run gathered once per trace (and cached), so each invariant's check stays a short loop.
import { Decimal, ZERO } from '../kernel/decimal.ts';
import type { KernelEvent, Side, Trade } from '../kernel/types.ts';
import type { RunTrace, Violation } from './invariant.ts';

type Ev<T extends KernelEvent['type']> = Extract<KernelEvent, { type: T }>;

export interface TradeFacts {
  readonly tradeId: string;
  side: Side | null;
  readonly entryFills: { qty: Decimal; price: Decimal; fee: Decimal; late: boolean; stepIndex: number }[];
  readonly exitFills: { qty: Decimal; price: Decimal; fee: Decimal; pnl: Decimal; stepIndex: number }[];
  readonly legs: { event: Ev<'ExitLegCompleted'>; stepIndex: number }[];
  readonly closes: { event: Ev<'TradeClosed'>; stepIndex: number }[];
  /** The trade as the last state that held it saw it. */
  last: Trade | null;
  lastStep: number;
  lateEntryAfterExit: boolean;
}

export interface TraceFacts {
  readonly trades: ReadonlyMap<string, TradeFacts>;
  /** Ordered leg events with the step that emitted them. */
  readonly legs: readonly { event: Ev<'ExitLegCompleted'>; stepIndex: number; capitalAfter: Decimal }[];
  readonly capitalDeltas: Decimal;
}

const cache = new WeakMap<RunTrace, TraceFacts>();

function tradeFacts(map: Map<string, TradeFacts>, tradeId: string): TradeFacts {
  let t = map.get(tradeId);
  if (!t) {
    t = { tradeId, side: null, entryFills: [], exitFills: [], legs: [], closes: [], last: null, lastStep: 0, lateEntryAfterExit: false };
    map.set(tradeId, t);
  }
  return t;
}

export function factsOf(trace: RunTrace): TraceFacts {
  const hit = cache.get(trace);
  if (hit) return hit;
  const trades = new Map<string, TradeFacts>();
  const legs: TraceFacts['legs'][number][] = [];
  let capitalDeltas = ZERO;
  for (const r of trace.records) {
    const state = r.result.state;
    for (const e of r.result.events) {
      if (e.type === 'TradeOpened') tradeFacts(trades, e.tradeId).side = e.side;
      else if (e.type === 'OrderFilled') {
        const t = tradeFacts(trades, e.order.tradeId);
        if (e.order.purpose === 'ENTRY') {
          t.entryFills.push({ qty: e.qty, price: e.price, fee: e.fee, late: e.late, stepIndex: r.index });
          if (t.exitFills.length > 0) t.lateEntryAfterExit = true;
        } else {
          t.exitFills.push({ qty: e.qty, price: e.price, fee: e.fee, pnl: e.realizedPnl, stepIndex: r.index });
        }
      } else if (e.type === 'ExitLegCompleted') {
        tradeFacts(trades, e.tradeId).legs.push({ event: e, stepIndex: r.index });
        legs.push({ event: e, stepIndex: r.index, capitalAfter: state.account.capital });
      } else if (e.type === 'TradeClosed') tradeFacts(trades, e.tradeId).closes.push({ event: e, stepIndex: r.index });
      else if (e.type === 'CapitalChanged') capitalDeltas = capitalDeltas.add(e.delta);
    }
    for (const slot of state.slots) {
      if (!slot.trade) continue;
      const t = tradeFacts(trades, slot.trade.tradeId);
      t.last = slot.trade;
      t.lastStep = r.index;
    }
  }
  const facts = { trades, legs, capitalDeltas };
  cache.set(trace, facts);
  return facts;
}

/** A violation with its values shown as exact strings. */
export function violation(invariantId: string, stepIndex: number, message: string, values: Record<string, Decimal | string | number | boolean>): Violation {
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) shown[k] = v instanceof Decimal ? v.toFixed() : String(v);
  return { invariantId, stepIndex, message, values: shown };
}

export function sum(xs: readonly Decimal[]): Decimal {
  return xs.reduce((a, x) => a.add(x), ZERO);
}
