// What one kernel step emits, as parity compares it: the outcome, the commands sent to the venue, every slot,
// the account's capital and the rows the step wrote. The same shape travels over the protocol (`stepped`).
import type { StepRecord } from '../driver/driver.ts';
import { plain } from '../kernel/decimal.ts';
import type { KernelInput, KernelState, StepResult, VenueCommand } from '../kernel/types.ts';
import { slotView } from '../kernel/views.ts';
import type { RowsByFamily } from '../invariants/invariant.ts';
import { RowWriter, persistStepOf, type RowSink } from '../rows/index.ts';

export const SLOT_COLUMNS = ['trade_id', 'fsm_state', 'size', 'initial_size', 'entry_price', 'realized_pnl', 'closed', 'active_leg_index'] as const;
export const OUTCOME_COLUMNS = ['accepted', 'diagnostic_code', 'state', 'slot_id', 'trade_id'] as const;
export const COMMAND_COLUMNS = ['kind', 'order_id', 'side', 'qty', 'price', 'reduce_only'] as const;

export interface SlotSnapshot {
  readonly slot_id: number;
  readonly trade_id: string;
  readonly fsm_state: string;
  readonly size: string;
  readonly initial_size: string;
  readonly entry_price: string;
  readonly realized_pnl: string;
  readonly closed: boolean;
  readonly active_leg_index: number;
}

/** A command to the venue. A CANCEL carries only its order id (side, qty, price and reduce_only are null). */
export interface CommandView {
  readonly kind: 'SUBMIT' | 'CANCEL';
  readonly order_id: string;
  readonly side: 'BUY' | 'SELL' | null;
  readonly qty: string | null;
  readonly price: string | null;
  readonly reduce_only: boolean | null;
}

export interface OutcomeView {
  readonly accepted: boolean;
  readonly diagnostic_code: string;
  readonly state: string | null;
  readonly slot_id: number | null;
  readonly trade_id: string | null;
}

export interface StepView {
  readonly outcome: OutcomeView;
  readonly commands: readonly CommandView[];
  readonly slots: readonly SlotSnapshot[];
  readonly capital: string;
  /** Rows this step wrote, by family; absent when the kernel does not write rows. */
  readonly rows?: RowsByFamily;
}

export function commandView(c: VenueCommand): CommandView {
  return c.type === 'SubmitOrder'
    ? { kind: 'SUBMIT', order_id: c.clientOrderId, side: c.orderSide, qty: plain(c.qty), price: plain(c.referencePrice), reduce_only: c.reduceOnly }
    : { kind: 'CANCEL', order_id: c.clientOrderId, side: null, qty: null, price: null, reduce_only: null };
}

/** The step's view without rows: outcome, commands, every slot after the step, capital after the step. */
export function viewOf(result: StepResult): StepView {
  const o = result.outcome;
  return {
    outcome: { accepted: o.accepted, diagnostic_code: o.diagnosticCode, state: o.state, slot_id: o.slotId, trade_id: o.tradeId },
    commands: result.commands.map(commandView),
    slots: result.state.slots.map((s) => {
      const v = slotView(result.state, s.slotId);
      return { slot_id: v.slot_id, trade_id: v.trade_id, fsm_state: v.fsm_state, size: v.size, initial_size: v.initial_size, entry_price: v.entry_price, realized_pnl: v.realized_pnl, closed: v.closed, active_leg_index: v.active_leg_index };
    }),
    capital: plain(result.state.account.capital),
  };
}

class CaptureSink implements RowSink {
  rows: Record<string, Record<string, unknown>[]> = {};
  write(family: string, row: unknown): void {
    (this.rows[family] ??= []).push(row as Record<string, unknown>);
  }
  take(): RowsByFamily {
    const out = this.rows;
    this.rows = {};
    return out;
  }
}

function validTsMs(input: unknown): number | null {
  const t = typeof input === 'object' && input !== null ? (input as { tsMs?: unknown }).tsMs : undefined;
  return typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : null;
}

/**
 * The reference writer one step at a time (a streaming writer: rows of a step are final when the step is).
 * An input with an invalid time borrows the last valid time before it; before any, 1970-01-02 (a streaming
 * writer cannot know the run's first valid time, which `rowsForRun` uses over a whole run).
 */
export class StepViewer {
  private readonly sink = new CaptureSink();
  private readonly writer = new RowWriter(this.sink);
  private index = 0;
  private lastTsMs: number | undefined;

  view(before: KernelState, input: KernelInput, result: StepResult): StepView {
    const record: StepRecord = { index: this.index++, origin: 'external', input, before, result };
    this.lastTsMs = validTsMs(input) ?? this.lastTsMs;
    this.writer.persistStep(this.lastTsMs === undefined ? persistStepOf(record) : persistStepOf(record, this.lastTsMs));
    return { ...viewOf(result), rows: this.sink.take() };
  }
}
