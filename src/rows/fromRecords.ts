// Rows for a kernel run: the writer over the driver's step records, with kernel events as the facts.
import type { StepRecord } from '../driver/driver.ts';
import { Decimal } from '../kernel/decimal.ts';
import type { KernelState } from '../kernel/types.ts';
import { slotView, type SlotView } from '../kernel/views.ts';
import type { RowsOf } from './families.ts';
import { MemoryRowSink } from './sinks.ts';
import { RowWriter, type PersistStep, type RowSink, type WriterOptions } from './writer.ts';

/** A kernel input time a row can carry: what the kernel itself accepts (a non-negative safe integer). */
function isInputTime(tsMs: unknown): tsMs is number {
  return typeof tsMs === 'number' && Number.isSafeInteger(tsMs) && tsMs >= 0;
}

/** The input's tsMs when valid; the driver passes any value through (null, a string, an object without tsMs). */
function inputTimeOf(record: StepRecord): number | null {
  const input = record.input as unknown;
  const tsMs = typeof input === 'object' && input !== null ? (input as { tsMs?: unknown }).tsMs : undefined;
  return isInputTime(tsMs) ? tsMs : null;
}

/** Rows of a run in which no input had a valid time are stamped with the first day a ClickHouse 18 table holds. */
export const NO_TIME_FALLBACK_MS = Date.UTC(1970, 0, 2);

const isDec = (x: unknown): boolean => x instanceof Decimal;

// Stryker disable all: the slot view is built on first read or, when this says the view might throw, at once: for every state the reference kernel produces (its slots exist, its numbers are Decimals) both give the same view and the same rows, so no output of the gate depends on this choice (it exists so a foreign system's unreadable state fails on every step)
/** True when slotView(state, slotId) can only succeed: the slot exists and its trade's numbers are Decimals. */
function viewCannotThrow(state: KernelState, slotId: number): boolean {
  const slot = state.slots[slotId];
  if (!slot) return false;
  const t = slot.trade;
  if (!t) return true;
  return isDec(t.entryPrice) && isDec(t.size) && isDec(t.initialSize) && isDec(t.leverage) && isDec(t.realizedPnl) && isDec(t.markPrice)
    && Array.isArray(t.exitLegRatios) && t.exitLegRatios.every(isDec);
}
// Stryker restore all

/**
 * The step as the writer sees it. An input whose tsMs the kernel rejected (INVALID_TIMESTAMP: NaN, negative,
 * not a number) still gets its kernel_outcomes row, stamped `fallbackTsMs`: the last valid time before it.
 */
export function persistStepOf(record: StepRecord, fallbackTsMs = NO_TIME_FALLBACK_MS): PersistStep {
  const { result } = record;
  const slotId = result.outcome.slotId;
  // The slot view (six decimals as text and the unrealized PnL) is read only by a step that closes a trade or
  // completes a leg: it is built on first read, not for every step.
  const capital = result.state.account.capital;
  let slot: SlotView | null | undefined;
  // A system under test may hand back a slot slotView cannot read (no such slot, numbers that are not Decimals):
  // then it is built now, so the writer fails on every step exactly as it did when the view was built eagerly.
  // Stryker disable next-line all: the slot view is built on first read or, when this says the view might throw, at once: for every state the reference kernel produces (its slots exist, its numbers are Decimals) both give the same view and the same rows, so no output of the gate depends on this choice (it exists so a foreign system's unreadable state fails on every step)
  if (slotId !== null && !viewCannotThrow(result.state, slotId)) slot = slotView(result.state, slotId);
  return {
    tsMs: inputTimeOf(record) ?? fallbackTsMs,
    seq: record.index,
    input: record.input,
    outcome: result.outcome,
    decision: null,
    marketPrice: null,
    get slotAfter() {
      // Stryker disable next-line ConditionalExpression: building the view again on each read gives the same view (slotView is pure); only TradeClosed and ExitLegCompleted rows read it, and their step always has a subject slot
      if (slot === undefined) slot = slotId === null ? null : slotView(result.state, slotId);
      return slot;
    },
    // the Decimal itself (the writer would only parse its text back); anything else as text, as before
    capitalAfter: capital instanceof Decimal ? capital : (capital as { toString(): string }).toString(),
    events: result.events,
  };
}

export function writeRecords(records: readonly StepRecord[], sink: RowSink, options: WriterOptions = {}): void {
  const writer = new RowWriter(sink, options);
  // Before any valid time has been seen, an invalid one borrows the run's first valid time.
  let lastTsMs = NO_TIME_FALLBACK_MS;
  for (const record of records) {
    const t = inputTimeOf(record);
    if (t !== null) {
      lastTsMs = t;
      break;
    }
  }
  for (const record of records) {
    lastTsMs = inputTimeOf(record) ?? lastTsMs;
    writer.persistStep(persistStepOf(record, lastTsMs));
  }
}

/** All rows of a run, by family. */
export function rowsForRun(records: readonly StepRecord[], options: WriterOptions = {}): RowsOf {
  const sink = new MemoryRowSink();
  writeRecords(records, sink, options);
  return sink.rows;
}
