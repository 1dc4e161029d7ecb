// GFM tables whose raw text reads well: every cell padded to its column's width, pipes escaped,
// never a line break inside a cell (which would end the table), no control character (ESC in an id would colour
// or move the cursor of whoever reads the raw Markdown in a terminal).
import { escapeControls } from '../cli/showValue.ts';

export type MdAlign = 'left' | 'right' | 'center';

export interface MdTableOptions {
  readonly align?: readonly MdAlign[];
  /**
   * Minimum width per column. Lets a column hold a cell that changes between runs (the time of the run)
   * without that change moving the padding of every other row.
   */
  readonly minWidths?: readonly number[];
}

/** Text safe inside one table cell: pipes escaped, line breaks flattened to spaces, other controls escaped. */
export function escapeCell(s: string): string {
  return escapeControls(s.replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
}

/**
 * Columns a string takes in a monospace editor: emoji shown as emoji (✅ ❌, or ⚠ + U+FE0F) and East Asian wide
 * characters take two, combining marks and joiners none. Close enough to keep raw tables aligned.
 */
export function widthOf(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (/\p{Emoji_Presentation}/u.test(ch) || /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(ch)) w += 2;
    else if (ch === '\ufe0f') w += 1;
    else if (/[\p{Mn}\u200b-\u200f]/u.test(ch)) w += 0;
    else w += 1;
  }
  return w;
}

function pad(s: string, width: number, align: MdAlign): string {
  const gap = Math.max(0, width - widthOf(s));
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + s + ' '.repeat(gap - Math.floor(gap / 2));
  return s + ' '.repeat(gap);
}

function rule(width: number, align: MdAlign): string {
  if (align === 'right') return '-'.repeat(width - 1) + ':';
  if (align === 'center') return ':' + '-'.repeat(width - 2) + ':';
  return '-'.repeat(width);
}

/** A GFM table; rows shorter than the header are padded with empty cells, longer ones are a caller bug. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], options: MdTableOptions = {}): string {
  for (const [i, r] of rows.entries()) {
    if (r.length > headers.length) throw new Error(`markdownTable: row ${i} has ${r.length} cells, the header ${headers.length}`);
  }
  const head = headers.map(escapeCell);
  const body = rows.map((r) => headers.map((_, i) => escapeCell(r[i] ?? '')));
  const aligns = headers.map((_, i) => options.align?.[i] ?? 'left');
  const widths = head.map((h, i) => Math.max(3, options.minWidths?.[i] ?? 0, widthOf(h), ...body.map((r) => widthOf(r[i] ?? ''))));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, widths[i] ?? 3, aligns[i] ?? 'left')).join(' | ')} |`;
  return [line(head), `| ${widths.map((w, i) => rule(w, aligns[i] ?? 'left')).join(' | ')} |`, ...body.map(line)].join('\n');
}
