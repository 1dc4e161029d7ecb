// Rows for a kernel run: the writer over the driver's step records, with kernel events as the facts.
import type { StepRecord } from '../driver/driver.ts';
import { slotView } from '../kernel/views.ts';
import type { RowsOf } from './families.ts';
import { MemoryRowSink } from './sinks.ts';
import { RowWriter, type PersistStep, type RowSink, type WriterOptions } from './writer.ts';

export function persistStepOf(record: StepRecord): PersistStep {
  const { result } = record;
  const slotId = result.outcome.slotId;
  return {
    tsMs: record.input.tsMs,
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
  for (const record of records) writer.persistStep(persistStepOf(record));
}

/** All rows of a run, by family. */
export function rowsForRun(records: readonly StepRecord[], options: WriterOptions = {}): RowsOf {
  const sink = new MemoryRowSink();
  writeRecords(records, sink, options);
  return sink.rows;
}
