// Output for people: aligned tables, colour only on a TTY without NO_COLOR, a progress line on a TTY and a
// heartbeat line every 30 s elsewhere (a CI log then shows a long run is alive). Text from users' files is
// escaped: an id holding ESC or a newline cannot move the cursor or forge a line, and an id holding the very colour
// codes the workbench writes cannot colour a table either — colour is applied after escaping, never let through it.
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

/** A line's text in a colour: the text is escaped first (it may hold an id from a user's file). */
export function paint(enabled: boolean, color: Color, s: string): string {
  return enabled ? `\u001b[${CODES[color]}m${escapeControls(s)}\u001b[0m` : escapeControls(s);
}

/**
 * A table cell the workbench colours. renderTable escapes every string cell whole, so a colour cannot travel inside
 * a string (an id could hold the same bytes); it travels beside the text and is applied after escaping.
 */
export interface PaintedCell {
  readonly text: string;
  readonly color: Color | null;
}
export type Cell = string | PaintedCell;

export function paintCell(enabled: boolean, color: Color, s: string): PaintedCell {
  return { text: s, color: enabled ? color : null };
}

function showCell(c: Cell): { readonly shown: string; readonly width: number } {
  const text = escapeControls(typeof c === 'string' ? c : c.text);
  const width = [...text].length;
  return typeof c === 'string' || c.color === null ? { shown: text, width } : { shown: `\u001b[${CODES[c.color]}m${text}\u001b[0m`, width };
}

export type Align = 'left' | 'right';

/**
 * Renders rows as an aligned plain-text table with a header rule. Numbers align right when asked. Every cell's
 * control characters are escaped; only a PaintedCell is coloured.
 */
export function renderTable(headers: readonly string[], rawRows: readonly (readonly Cell[])[], align: readonly Align[] = []): string {
  const head = headers.map(showCell);
  const rows = rawRows.map((r) => headers.map((_, i) => showCell(r[i] ?? '')));
  // A reduce, not Math.max(...rows): 120 000 rows as arguments overflow the stack.
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.width), h.width));
  const cell = (c: ReturnType<typeof showCell>, i: number) => {
    const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - c.width));
    return align[i] === 'right' ? pad + c.shown : c.shown + pad;
  };
  const line = (r: readonly ReturnType<typeof showCell>[]) => r.map(cell).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
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
