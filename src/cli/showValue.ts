// Values and text from users' files shown in one line: control characters escaped, long values cut, so an
// error message or a table cell can never run over several lines, move the cursor or dump 50 MB to stderr.

/** The longest value an error message shows; past it the value is cut and its length given. */
export const SHOWN_VALUE_MAX = 80;

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides that reorder text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** Text with every control character escaped (`\n`, `\u001b`, …): safe to print on one terminal line. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** Cuts text to `max` characters, saying how long it was. */
export function cut(s: string, max = SHOWN_VALUE_MAX): string {
  return s.length <= max ? s : `${s.slice(0, max)}…(${s.length} chars)`;
}

/** A value as JSON (cut, controls escaped), for "field X must be …, got VALUE" messages. */
export function showValue(v: unknown, max = SHOWN_VALUE_MAX): string {
  let text: string;
  if (typeof v === 'string') {
    // Only the head of a huge string is ever shown: do not stringify all of it.
    text = JSON.stringify(v.length > max * 2 ? v.slice(0, max * 2) : v);
    if (v.length > max * 2) return `${escapeControls(text.slice(0, max))}…(${v.length} chars)`;
  } else {
    try {
      text = v === undefined ? 'undefined' : (JSON.stringify(v) ?? String(v));
    } catch {
      text = String(v);
    }
  }
  return escapeControls(cut(text, max));
}

/** A message from elsewhere (an exception, a child's stderr) as one safe line. */
export function oneLine(s: string, max = 300): string {
  return cut(escapeControls(s.trim()), max);
}
