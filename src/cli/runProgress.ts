// What a long gate, fuzz or parity run says while it runs. On a TTY: runs done of the total, the rate in runs/s
// and inputs/s, failures so far and the time left (ETA), rewritten in place. Off a TTY (a CI log): the counts only
// (runs done, inputs checked, failures so far), printed by ProgressLine's heartbeat every 30 s, since a rate or an
// ETA frozen into a log line is stale by the time anyone reads it. The text is made by pure functions below.
import { colorEnabled, paint, type ProgressLine } from './output.ts';

export interface ProgressCounts {
  readonly runsDone: number;
  readonly runsTotal: number;
  readonly inputsChecked: number;
  readonly failures: number;
}

/** Below this much elapsed time a rate is noise (a first run that loaded modules): no rate and no ETA yet. */
export const RATE_MIN_ELAPSED_MS = 1_000;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** A rate per second for a person: `4.2/s` below 10, then whole numbers with thousands separators. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return '–/s';
  return perSecond < 10 ? `${perSecond.toFixed(1)}/s` : `${count(perSecond)}/s`;
}

/** A duration left: `<1s`, `42s`, `3m 05s`, `2h 07m`; `–` when it cannot be known. */
export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 1) return '<1s';
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Time left at the rate so far; null before RATE_MIN_ELAPSED_MS or before the first run finished. */
export function etaMs(c: ProgressCounts, elapsedMs: number): number | null {
  if (elapsedMs < RATE_MIN_ELAPSED_MS || c.runsDone <= 0) return null;
  return Math.max(0, c.runsTotal - c.runsDone) * (elapsedMs / c.runsDone);
}

function failuresText(n: number): string {
  return `${count(n)} ${n === 1 ? 'failure' : 'failures'}`;
}

/** The live line on a TTY: `gate: 120/500 runs (24%) · 41.3 runs/s · 9,840 inputs/s · 0 failures · ETA 9s`. */
export function ttyProgressText(label: string, c: ProgressCounts, elapsedMs: number, color = false): string {
  const pct = c.runsTotal > 0 ? ` (${Math.floor((100 * c.runsDone) / c.runsTotal)}%)` : '';
  const rated = elapsedMs >= RATE_MIN_ELAPSED_MS;
  const perS = (n: number) => (rated ? formatRate((n * 1000) / elapsedMs) : '–/s');
  const failures = c.failures > 0 ? paint(color, 'red', failuresText(c.failures)) : failuresText(c.failures);
  return `${label}: ${count(c.runsDone)}/${count(c.runsTotal)} runs${pct} · ${perS(c.runsDone).replace('/s', ' runs/s')} · ${perS(c.inputsChecked).replace('/s', ' inputs/s')} · ${failures} · ETA ${formatEta(etaMs(c, elapsedMs))}`;
}

/** The heartbeat's line off a TTY: `gate: 120/500 runs done, 48,210 inputs checked, 0 failures so far`. */
export function heartbeatText(label: string, c: ProgressCounts): string {
  return `${label}: ${count(c.runsDone)}/${count(c.runsTotal)} runs done, ${count(c.inputsChecked)} inputs checked, ${failuresText(c.failures)} so far`;
}

/**
 * The runners' onProgress callback, feeding `line`: the TTY text on a terminal, the heartbeat text elsewhere
 * (ProgressLine prints that one only every 30 s). The clock starts when the callback is made.
 */
export function runProgress(line: ProgressLine, label: string, clock: () => number = () => performance.now(), color = colorEnabled(process.stderr)): (runsDone: number, runsTotal: number, failures?: number, inputsChecked?: number) => void {
  const start = clock();
  return (runsDone, runsTotal, failures = 0, inputsChecked = 0) => {
    const c = { runsDone, runsTotal, failures, inputsChecked };
    line.update(line.enabled ? ttyProgressText(label, c, clock() - start, color) : heartbeatText(label, c), runsDone === runsTotal);
  };
}
