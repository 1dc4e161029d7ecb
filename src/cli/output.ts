// Output for people: aligned tables, colour only on a TTY without NO_COLOR, a progress line only on a TTY.

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
  return enabled ? `\u001b[${CODES[color]}m${s}\u001b[0m` : s;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

export type Align = 'left' | 'right';

/** Renders rows as an aligned plain-text table with a header rule. Numbers align right when asked. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(s)));
    return align[i] === 'right' ? pad + s : s + pad;
  };
  const line = (r: readonly string[]) => headers.map((_, i) => cell(r[i] ?? '', i)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A single live line on a TTY (rewritten in place, throttled); silent elsewhere. */
export class ProgressLine {
  private last = 0;
  private shown = false;
  constructor(private readonly stream: OutputStream = process.stderr, private readonly intervalMs = 100) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(text: string, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\u001b[2K${text}`);
  }

  done(): void {
    if (this.enabled && this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
