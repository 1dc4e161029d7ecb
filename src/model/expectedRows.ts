// The rows spec/rows.md says a kernel run must write, built from the ledger model's facts — a second writer,
// written from the row spec alone, so that every column of every family has an expected value to be compared with.
import { Decimal, show, toDecimal } from '../kernel/decimal.ts';
import type { Family, Row } from '../rows/families.ts';
import type { ExpectedFact, ExpectedStep, OrderSnapshot } from './expectation.ts';

type Body<F extends Family> = Omit<Row<F>, 'ts' | 'date' | 'strategy'>;

/** One expected row: its family, the step that writes it, and every column but the three common ones. */
export type ExpectedRow = { [F in Family]: { readonly family: F; readonly step: number; readonly tsMs: number; readonly body: Body<F> } }[Family];

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** §1.2: a decimal becomes the nearest double only in a row. */
const n = (x: Decimal): number => Number(x.toFixed());

/** §3.2: a received value as text, whatever it is. */
function asReceived(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === null || x === undefined) return '';
  if (typeof x !== 'object') return show(x);
  try {
    return JSON.stringify(x) ?? show(x);
  } catch {
    return show(x);
  }
}

/** §3.2: a received decimal in canonical plain notation when it parses, as received otherwise. */
function decimalText(x: unknown): string {
  const d = toDecimal(x);
  if (d === null) return asReceived(x);
  return d.isFinite() ? d.toFixed() : d.toString();
}

const optionalSize = (x: unknown): string => (x === null || x === undefined ? '' : decimalText(x));

function slotColumn(x: unknown): number {
  return typeof x === 'number' && Number.isSafeInteger(x) && Math.abs(x) <= 2 ** 31 - 1 ? x : -1;
}

/** §1.1: UTC second-precision DateTime text; a time no Date holds becomes ClickHouse's zero, which the schema refuses. */
export function dateTimeText(tsMs: number): string {
  if (!Number.isFinite(tsMs) || Math.abs(tsMs) > 8.64e15) return '0000-00-00 00:00:00';
  const iso = new Date(tsMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const validTime = (input: unknown): number | null => {
  const t = isRec(input) ? input['tsMs'] : undefined;
  return typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : null;
};

/**
 * Times a streaming writer's rows carry (spec/protocol.md: a protocol kernel's rows are final when its step is):
 * the input's own, else the last valid one before it, else 1970-01-02 (it cannot know the run's first valid time).
 */
export function streamedRowTimes(inputs: readonly unknown[]): number[] {
  let last = Date.UTC(1970, 0, 2);
  return inputs.map((input) => (last = validTime(input) ?? last));
}

/** Times rows carry (§1.1): the input's own, else the last valid one before it, else the run's first, else 1970-01-02. */
export function rowTimes(inputs: readonly unknown[]): number[] {
  let last = Date.UTC(1970, 0, 2);
  const first = inputs.map(validTime).find((t) => t !== null);
  if (first !== undefined && first !== null) last = first;
  return inputs.map((input) => {
    last = validTime(input) ?? last;
    return last;
  });
}

function orderRow(o: OrderSnapshot, event: Body<'order_events'>['event'], venueCode: string): Body<'order_events'> {
  return {
    order_id: o.orderId, trade_id: o.tradeId, slot_id: o.slotId, asset: o.asset, purpose: o.purpose, order_side: o.orderSide, event,
    status: o.status, qty: n(o.qty), filled_qty: n(o.filledQty), reference_price: n(o.referencePrice), reduce_only: o.reduceOnly ? 1 : 0,
    venue_code: venueCode, reason: o.reason,
  };
}

const ORDER_EVENT: Partial<Record<ExpectedFact['type'], Body<'order_events'>['event']>> = {
  OrderSubmitted: 'SUBMITTED', OrderCancelRequested: 'CANCEL_REQUESTED', OrderAccepted: 'ACCEPTED', OrderRejected: 'REJECTED',
  OrderCanceled: 'CANCELED', OrderExpired: 'EXPIRED',
};

/** Leg chain state per trade (§3.7): reset by each trade's OPEN. */
interface Chain { seq: number; prev: string }

export class ExpectedRowWriter {
  private readonly chains = new Map<string, Chain>();

  /** The rows of one step, in the writer's order (§2): decisions, intents, the outcome, then one per fact. */
  rowsOf(seq: number, tsMs: number, input: unknown, e: ExpectedStep): ExpectedRow[] {
    const out: ExpectedRow[] = [];
    const push = <F extends Family>(family: F, body: Body<F>) => out.push({ family, step: seq, tsMs, body } as ExpectedRow);
    const intent = isRec(input) && input['kind'] === 'intent' && isRec(input['intent']) ? input['intent'] : null;
    if (intent) {
      const intentId = asReceived(intent['intentId']);
      push('policy_decisions', {
        decision_id: intentId, asset: asReceived(intent['asset']), action: asReceived(intent['action']), side: asReceived(intent['side']),
        reason: asReceived(intent['reason']), reference_price: decimalText(intent['referencePrice']), target_size: optionalSize(intent['targetSize']),
        leverage: decimalText(intent['leverage']), confidence: 1, bars_held: 0, source: 'scenario',
      });
      const ratios = intent['exitLegRatios'];
      push('trade_intents', {
        intent_id: intentId, decision_id: intentId, trade_id: asReceived(intent['tradeId']), slot_id: slotColumn(intent['slotId']),
        asset: asReceived(intent['asset']), side: asReceived(intent['side']), action: asReceived(intent['action']),
        reference_price: decimalText(intent['referencePrice']), target_size: optionalSize(intent['targetSize']), leverage: decimalText(intent['leverage']),
        exit_leg_ratios: Array.isArray(ratios) ? ratios.map(decimalText).join(',') : decimalText(ratios), reason: asReceived(intent['reason']),
        diagnostic_code: e.code as Body<'trade_intents'>['diagnostic_code'],
      });
    }
    const kind = isRec(input) ? input['kind'] : undefined;
    const knownKind = typeof kind === 'string' && ['intent', 'order_accepted', 'order_filled', 'order_rejected', 'order_canceled', 'order_expired', 'balance_reported', 'control_changed'].includes(kind);
    const orderId = isRec(input) ? input['orderId'] : undefined;
    push('kernel_outcomes', {
      ts_ms: tsMs, seq, input_kind: (knownKind ? kind : 'invalid') as Body<'kernel_outcomes'>['input_kind'],
      intent_id: intent ? asReceived(intent['intentId']) : '', order_id: typeof orderId === 'string' ? orderId : '', slot_id: e.slotId ?? -1,
      trade_id: e.tradeId ?? '', accepted: e.accepted ? 1 : 0, diagnostic_code: e.code as Body<'kernel_outcomes'>['diagnostic_code'],
      severity: e.severity, state: e.stage ?? '', transitions: e.transitions.map((t) => `${t.from} --${t.trigger}--> ${t.to}`).join('; '),
      emitted_events: e.facts.map((f) => f.type).join(','), capital_after: n(e.capitalAfter),
    });
    e.facts.forEach((f, i) => this.factRow(f, `${seq}:${i}`, e, push));
    return out;
  }

  private factRow(f: ExpectedFact, eventId: string, e: ExpectedStep, push: <F extends Family>(family: F, body: Body<F>) => void): void {
    const orderEvent = ORDER_EVENT[f.type];
    if (orderEvent && 'order' in f) {
      push('order_events', orderRow(f.order, orderEvent, f.type === 'OrderRejected' ? f.venueCode : ''));
      return;
    }
    switch (f.type) {
      case 'TradeOpened':
        this.chains.set(f.tradeId, { seq: 0, prev: '' });
        push('trade_events', {
          trade_id: f.tradeId, slot_id: f.slotId, asset: f.asset, side: f.side, event: 'OPEN', requested_size: n(f.requestedSize), initial_size: 0,
          entry_price: n(f.referencePrice), leverage: n(f.leverage), realized_pnl: 0, close_reason: '', legs: 0,
        });
        return;
      case 'OrderFilled':
        push('fills', {
          fill_id: f.fillId, order_id: f.order.orderId, trade_id: f.order.tradeId, slot_id: f.order.slotId, asset: f.order.asset, purpose: f.order.purpose,
          order_side: f.order.orderSide, qty: n(f.qty), reported_qty: n(f.reportedQty), price: n(f.price), notional: n(f.qty.mul(f.price)), fee: n(f.fee),
          realized_pnl: n(f.pnl), late: f.late ? 1 : 0, clamped: f.qty.lt(f.reportedQty) ? 1 : 0,
        });
        return;
      case 'ExitLegCompleted': {
        const chain = this.chains.get(f.tradeId) ?? { seq: 0, prev: '' };
        const legId = `${f.tradeId}:leg${chain.seq}`;
        const exitPrice = f.exitNotional.div(f.qty);
        push('trade_exit_legs', {
          trade_id: f.tradeId, chain_root_trade_id: f.tradeId, chain_head_leg_id: `${f.tradeId}:leg0`, chain_prev_leg_id: chain.prev, chain_seq: chain.seq,
          chain_token: f.tradeId, chain_mode: f.multiLeg ? 'multi_leg' : 'single_leg', exit_leg_id: legId, exit_seq: chain.seq, command_id: f.commandId,
          source: 'ditav2', reason: f.reason, asset: f.asset, side: f.side, entry_price: n(f.entryPrice), exit_price: n(exitPrice),
          fraction: n(f.qty.div(f.initialSize)), capital_before: n(e.capitalAfter.sub(f.pnl)), capital_after: n(e.capitalAfter),
          exit_notional: n(f.exitNotional), remaining_notional: n(f.remainingQty.mul(exitPrice)), remaining_qty: n(f.remainingQty),
          pnl_pct_leg: n(f.pnl.div(f.entryPrice.mul(f.qty)).mul(100)), pnl_leg: n(f.pnl), pnl_realized_total: n(f.realizedTotal), bars_held: 0,
        });
        this.chains.set(f.tradeId, { seq: chain.seq + 1, prev: legId });
        return;
      }
      case 'TradeClosed':
        push('trade_events', {
          trade_id: f.tradeId, slot_id: f.slotId, asset: f.asset, side: f.side, event: 'CLOSE', requested_size: n(f.requestedSize),
          initial_size: n(f.initialSize), entry_price: n(f.entryPrice), leverage: n(f.leverage), realized_pnl: n(f.realizedPnl),
          close_reason: f.closeReason, legs: f.legs,
        });
        return;
      case 'CapitalChanged':
        push('account_events', {
          event_id: eventId, cause: 'EXIT_FILL', source: 'kernel_account', capital_before: n(f.before), capital_after: n(f.after), delta: n(f.delta),
          trade_id: f.tradeId, order_id: f.orderId, fill_id: f.fillId, venue_balance: 0, drift: 0,
        });
        return;
      case 'BalanceReported':
        push('account_events', {
          event_id: eventId, cause: 'BALANCE_REPORT', source: 'kernel_account', capital_before: n(f.kernelCapital), capital_after: n(f.kernelCapital),
          delta: 0, trade_id: '', order_id: '', fill_id: '', venue_balance: n(f.venueBalance), drift: n(f.drift),
        });
        return;
      default:
        return;
    }
  }
}

export { Decimal };
