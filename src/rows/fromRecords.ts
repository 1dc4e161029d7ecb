// Rows for a kernel run: the writer over the driver's step records, with kernel events as the facts.
import type { StepRecord } from '../driver/driver.ts';
import { slotView } from '../kernel/views.ts';
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

/**
 * The step as the writer sees it. An input whose tsMs the kernel rejected (INVALID_TIMESTAMP: NaN, negative,
 * not a number) still gets its kernel_outcomes row, stamped `fallbackTsMs`: the last valid time before it.
 */
export function persistStepOf(record: StepRecord, fallbackTsMs = NO_TIME_FALLBACK_MS): PersistStep {
  const { result } = record;
  const slotId = result.outcome.slotId;
  return {
    tsMs: inputTimeOf(record) ?? fallbackTsMs,
    seq: record.index,
    input: record.input,
    outcome: result.outcome,
    decision: null,
    marketPrice: null,
    slotAfter: slotId === null ? null : slotView(result.state, slotId),
    capitalAfter: result.state.account.capital.toString(),
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
