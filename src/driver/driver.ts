// The synchronous driver: feeds one input to the kernel, the kernel's commands to the venue adapter,
// and the adapter's events back to the kernel until nothing is left, recording every step.
import { step } from '../kernel/step.ts';
import type { JournalEntry, KernelInput, KernelState, StepResult, VenueCommand } from '../kernel/types.ts';
import type { VenueAdapter } from '../venue/mockVenue.ts';

export type StepOrigin = 'external' | 'venue';

export interface StepRecord {
  /** Position in the whole run (0-based). */
  readonly index: number;
  readonly origin: StepOrigin;
  readonly input: KernelInput;
  readonly before: KernelState;
  readonly result: StepResult;
}

export class MemoryKernelJournal {
  private readonly items: JournalEntry[] = [];
  append(entry: JournalEntry): JournalEntry {
    const numbered = { ...entry, seq: this.items.length };
    this.items.push(numbered);
    return numbered;
  }
  get entries(): readonly JournalEntry[] {
    return this.items;
  }
}

export class CascadeLimitError extends Error {
  constructor(limit: number) {
    super(`venue adapter kept answering: more than ${limit} venue events for one input (cascadeLimit)`);
    this.name = 'CascadeLimitError';
  }
}

/** Processes one external input and the venue events it causes; returns the new state and every step. */
export function drive(
  state: KernelState, input: KernelInput, adapter: VenueAdapter, firstIndex = 0, cascadeLimit = 1000,
): { state: KernelState; records: StepRecord[] } {
  const records: StepRecord[] = [];
  const queue: { input: KernelInput; origin: StepOrigin }[] = [{ input, origin: 'external' }];
  let current = state;
  while (queue.length > 0) {
    if (records.length > cascadeLimit) throw new CascadeLimitError(cascadeLimit);
    const next = queue.shift() as { input: KernelInput; origin: StepOrigin };
    const result = step(current, next.input);
    records.push({ index: firstIndex + records.length, origin: next.origin, input: next.input, before: current, result });
    current = result.state;
    for (const command of result.commands as VenueCommand[]) {
      for (const event of adapter.handle(command)) queue.push({ input: event, origin: 'venue' });
    }
  }
  return { state: current, records };
}

/** Stateful convenience around `drive`, shaped like the seed's ExecutionKernel. */
export class KernelDriver {
  state: KernelState;
  readonly journal = new MemoryKernelJournal();
  readonly records: StepRecord[] = [];
  private readonly adapter: VenueAdapter;

  constructor(state: KernelState, adapter: VenueAdapter) {
    this.state = state;
    this.adapter = adapter;
  }

  /** Processes one input end to end; returns the steps it took (the first is the input's own). */
  process(input: KernelInput): StepRecord[] {
    const { state, records } = drive(this.state, input, this.adapter, this.records.length);
    this.state = state;
    for (const r of records) {
      this.journal.append(r.result.journal);
      this.records.push(r);
    }
    return records;
  }
}
