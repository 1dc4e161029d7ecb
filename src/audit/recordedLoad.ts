// A recorded load made the way production would make one: the rows of a gate run (the pre-merge profile's
// generator, a fixed seed), each generated run under its own strategy (`<prefix>-r<n>`: one account each, as
// a strategy is in production), written by the real writer to NDJSON. Tests, the committed audit report and
// the benchmark audit this load.
import fc from 'fast-check';
import { gateCaseArb } from '../gate/actions.ts';
import { executeActions } from '../gate/execute.ts';
import { GATE_CONFIG, REFERENCE } from '../gate/systemUnderTest.ts';
import { FAMILIES, NdjsonFileSink, writeRecords } from '../rows/index.ts';

export interface RecordedLoadOptions {
  readonly dir: string;
  readonly runs: number;
  readonly seed: number;
  readonly stepCountMax?: number;
  readonly strategyPrefix?: string;
}

/** Writes the load; returns the row count per family. */
export function writeRecordedLoad(o: RecordedLoadOptions): Record<string, number> {
  const sink = new NdjsonFileSink(o.dir);
  const prefix = o.strategyPrefix ?? 'pink';
  const arb = gateCaseArb(GATE_CONFIG.slotCount, o.stepCountMax ?? 40);
  // One generator stream from the seed, taken in batches so a million-row load never holds all cases at once.
  let done = 0;
  try {
    while (done < o.runs) {
      const batch = fc.sample(arb, { seed: o.seed + done, numRuns: Math.min(500, o.runs - done) });
      for (const gcase of batch) {
        const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);
        writeRecords(exec.trace.records, sink, { strategy: `${prefix}-r${done}` });
        done++;
      }
    }
  } finally {
    sink.close();
  }
  return Object.fromEntries(FAMILIES.map((f) => [f, sink.counts.get(f) ?? 0]));
}
