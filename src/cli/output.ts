// Output for people: aligned tables, colour only on a TTY without NO_COLOR, a progress line on a TTY and a
// heartbeat line every 30 s elsewhere (a CI log then shows a long run is alive). Text from users' files is
// escaped: an id holding ESC or a newline cannot move the cursor or forge a line.
import { escapeControls } from './showValue.ts';

export interface OutputStream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export function colorEnabled(stream: OutputStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

export function paint(enabled: boolean, color: Color, s: string): string {
  return enabled ? `\u001b[${CODES[color]}m${safeText(s)}\u001b[0m` : safeText(s);
}

// Only the colour codes paint() itself writes survive in a table cell; every other control character is escaped.
const OUR_SGR = new RegExp(`(\u001b\\[(?:${[...Object.values(CODES), 0].join('|')})m)`);

/** Text with control characters escaped, keeping the workbench's own colour codes. */
export function safeText(s: string): string {
  return s.split(OUR_SGR).map((part, i) => (i % 2 === 1 ? part : escapeControls(part))).join('');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

export type Align = 'left' | 'right';

/** Renders rows as an aligned plain-text table with a header rule. Numbers align right when asked. */
export function renderTable(headers: readonly string[], rawRows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const rows = rawRows.map((r) => r.map(safeText));
  // A reduce, not Math.max(...rows): 120 000 rows as arguments overflow the stack.
  const widths = headers.map((h, i) => rows.reduce((w, r) => Math.max(w, visibleLength(r[i] ?? '')), visibleLength(h)));
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(s)));
    return align[i] === 'right' ? pad + s : s + pad;
  };
  const line = (r: readonly string[]) => headers.map((_, i) => cell(r[i] ?? '', i)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** How often a long run off a TTY prints a line to show it is alive. */
export const HEARTBEAT_MS = 30_000;

/**
 * A single live line on a TTY (rewritten in place, throttled); elsewhere a heartbeat: the latest status as
 * its own line every HEARTBEAT_MS, from update() and from a timer (for waits with no progress to report).
 */
export class ProgressLine {
  private last = 0;
  private shown = false;
  private lastBeat = performance.now();
  private status = '';
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly stream: OutputStream = process.stderr, private readonly intervalMs = 100, private readonly heartbeatMs = HEARTBEAT_MS) {
    if (!this.enabled && heartbeatMs > 0) this.timer = setInterval(() => this.beat(), heartbeatMs).unref();
  }

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** The latest status given to update() (for an interrupted run's report). */
  get lastStatus(): string {
    return this.status;
  }

  update(text: string, force = false): void {
    this.status = text;
    if (!this.enabled) {
      if (performance.now() - this.lastBeat >= this.heartbeatMs) this.beat();
      return;
    }
    const now = performance.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\u001b[2K${text}`);
  }

  private beat(): void {
    if (this.heartbeatMs <= 0) return;
    this.lastBeat = performance.now();
    this.stream.write(`${this.status || 'working'} (still running)\n`);
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.enabled && this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
