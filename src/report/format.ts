// Number and text formatting for reports: one style everywhere, integer arithmetic only, so no float noise
// (0.30000000000000004) can ever reach a report.
import { escapeControls } from '../cli/showValue.ts';

/** 1234567 → "1,234,567". Integers only; a non-integer is a caller bug and is shown as-is, never rounded silently. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A tenth-precision decimal from an integer count of tenths: 123 → "12.3". */
function tenths(t: number): string {
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  return `${sign}${formatCount(Math.trunc(a / 10))}.${a % 10}`;
}

/** part of whole as a percentage with one decimal, rounded half up: (1, 3) → "33.3%". "–" when whole is 0. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${tenths(Math.round((part * 1000) / whole))}%`;
}

/** Milliseconds for people: 950 → "950 ms", 12_345 → "12.3 s", 125_000 → "2 min 5 s". */
export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole} ms`;
  if (whole < 60_000) return `${tenths(Math.round(whole / 100))} s`;
  const s = Math.round(whole / 1000);
  return `${Math.trunc(s / 60)} min ${s % 60} s`;
}

/** A UTC instant as "2025-11-24 19:40:12 UTC" (fixed width, no milliseconds). */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Inline code for Markdown (control characters escaped); backticks inside widen the fence as CommonMark requires. */
export function code(raw: string): string {
  if (raw === '') return '';
  const s = escapeControls(raw);
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** The GitHub-style anchor of a heading made of plain words: "INV-K-SINGLE-CLOSE #1" → "inv-k-single-close-1". */
export function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/**
 * Plain text from data (statements, messages, inputs) made safe for Markdown: characters that would start
 * emphasis, an inline link, a code span, an entity or an HTML tag are backslash-escaped; an underscore inside a word
 * (trade_exit_legs) stays as it is, since GFM does not emphasize there.
 */
export function mdText(s: string): string {
  // Control characters first (a newline in a title must not start a heading of its own), then Markdown.
  return escapeControls(s).replace(/[\\`*<&~]/g, (c) => `\\${c}`).replace(/\]\(/g, '\\](').replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'));
}

/** A collapsed block: GitHub shows the summary line and opens the body on a click. Blank lines keep the body Markdown. */
export function collapsed(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A chart linked from the report, when it was rendered (`report.charts`); '' otherwise. */
export function chartImage(charts: Readonly<Record<string, string>> | undefined, name: string, alt: string): string {
  const file = charts?.[name];
  return file === undefined ? '' : `![${alt}](${encodeURI(file)})`;
}
