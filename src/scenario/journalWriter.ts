// Writes a run's input journal: every input the kernel processed — the policy's intents and the venue's events
// alike — as a scenario step with its millisecond time, one a line, after a header with the kernel config.
// This is what a production system must record for its day to be replayable (spec/audit.md §5).
import type { StepRecord } from '../driver/driver.ts';
import type { KernelConfigInput } from '../kernel/state.ts';

const text = (v: unknown): unknown => (v !== null && typeof v === 'object' && !Array.isArray(v) ? String(v) : v);

function stepOf(input: Record<string, unknown>): Record<string, unknown> | null {
  const tsMs = input['tsMs'];
  if (typeof tsMs !== 'number' || !Number.isSafeInteger(tsMs) || tsMs < 0 || tsMs > 8.64e15) return null;
  const at = new Date(tsMs).toISOString();
  switch (input['kind']) {
    case 'intent': {
      const intent = input['intent'] as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(intent).map(([k, v]) => [k, Array.isArray(v) ? v.map(text) : text(v)]));
      return { at, intent: fields };
    }
    case 'control_changed':
      return { at, control: { mode: input['mode'], verbosity: input['verbosity'] } };
    case 'balance_reported':
      return { at, balanceReport: text(input['balance']) };
    default: {
      const { tsMs: _t, ...event } = input;
      return { at, venueEvent: Object.fromEntries(Object.entries(event).map(([k, v]) => [k, text(v)])) };
    }
  }
}

export interface JournalOut {
  readonly lines: string[];
  /** Inputs a scenario step cannot hold (no valid time, not an input): listed so nothing is dropped silently. */
  readonly unjournaled: number[];
}

export function journalOf(config: KernelConfigInput, records: readonly StepRecord[], strategy = 'pink'): JournalOut {
  const lines = [JSON.stringify({ config, strategy })];
  const unjournaled: number[] = [];
  for (const r of records) {
    const input = r.input as unknown;
    const step = input !== null && typeof input === 'object' ? stepOf(input as Record<string, unknown>) : null;
    if (step) lines.push(JSON.stringify(step));
    else unjournaled.push(r.index);
  }
  return { lines, unjournaled };
}
