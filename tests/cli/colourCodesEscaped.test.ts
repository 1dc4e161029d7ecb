// An id or title holding the workbench's own colour codes (or any ESC/control character) is data: escaped in
// terminal tables and lines, in Markdown reports and job summaries, and in JUnit, never able to paint or move the
// cursor. Only the workbench's colouring (paint, paintCell) writes a raw ESC.
import { describe, expect, test } from 'vitest';
import { paint, paintCell, renderTable } from '../../src/cli/output.ts';
import { formatGateResult } from '../../src/gate/formatTerminal.ts';
import { toJUnit } from '../../src/gate/junit.ts';
import type { GateResult } from '../../src/gate/result.ts';
import { buildReport } from '../../src/report/buildReport.ts';
import { code } from '../../src/report/format.ts';
import { escapeCell } from '../../src/report/markdownTable.ts';
import { renderReport } from '../../src/report/renderMarkdown.ts';
import { stepSummaryMarkdown } from '../../src/report/stepSummary.ts';
import { DROPS_PNL_LEG, gateRun } from '../report/gateRuns.ts';

const RED = '\u001b[31m';
const RESET = '\u001b[0m';
/** An id holding exactly the codes paint() writes for red, then a reset, a cursor move and a bell. */
const EVIL_ID = `INV-${RED}FAKE${RESET}-X\u001b[2J\u0007`;
const EVIL_SHOWN = 'INV-\\u001b[31mFAKE\\u001b[0m-X\\u001b[2J\\u0007';

/** Every raw ESC in `s`, with what follows it. */
function rawEscapes(s: string): string[] {
  return s.match(/\u001b\[[0-9;]*[A-Za-z]/g) ?? [];
}

/** The gate result with one invariant's id and title replaced by hostile text, in every place they appear. */
function hostile(r: GateResult): GateResult {
  const target = r.failures[0]?.invariantId ?? r.invariants[0]!.id;
  const swap = (id: string) => (id === target ? EVIL_ID : id);
  return {
    ...r,
    invariants: r.invariants.map((i) => (i.id === target ? { ...i, id: EVIL_ID, title: `a title ${RED}painted${RESET}\u001b[1A` } : i)),
    failures: r.failures.map((f) => ({ ...f, invariantId: swap(f.invariantId) })),
  };
}

describe('terminal', () => {
  test('a table cell holding the workbench\'s own red code is escaped; a painted cell is coloured; columns stay aligned', () => {
    const t = renderTable(['id', 'status'], [[EVIL_ID, paintCell(true, 'green', 'held')], ['INV-K-OK', paintCell(true, 'red', 'VIOLATED')]]);
    expect(t).toContain(EVIL_SHOWN);
    expect(t).not.toContain(`${RED}FAKE`);
    expect(t).toContain('\u001b[32mheld\u001b[0m');
    expect(t).toContain(`${RED}VIOLATED${RESET}`);
    expect(rawEscapes(t)).toEqual(['\u001b[32m', RESET, RED, RESET]);
    // Aligned on what is shown: the status column starts at the same place on every row.
    const lines = t.split('\n');
    const col = lines[0]!.indexOf('status');
    expect(lines[2]!.indexOf('\u001b[32m')).toBe(col);
    expect(lines[3]!.indexOf(RED)).toBe(col);
  });

  test('paint() escapes the text it colours; without colour a painted cell is plain', () => {
    expect(paint(true, 'red', `✗ ${EVIL_ID}`)).toBe(`${RED}✗ ${EVIL_SHOWN}${RESET}`);
    expect(paint(false, 'red', EVIL_ID)).toBe(EVIL_SHOWN);
    expect(renderTable(['s'], [[paintCell(false, 'red', 'x')]])).toBe('s\n─\nx');
  });

  test('the gate\'s terminal output with colour on: the hostile id and title never reach the terminal raw', () => {
    const out = formatGateResult(hostile(gateRun(DROPS_PNL_LEG, 60)), true);
    expect(out).toContain(EVIL_SHOWN);
    expect(out).not.toContain(`${RED}FAKE`);
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u0007');
    // What is raw is the workbench's colouring only.
    for (const e of rawEscapes(out)) expect(['\u001b[31m', '\u001b[32m', '\u001b[33m', RESET]).toContain(e);
  });
});

describe('Markdown', () => {
  test('inline code and table cells escape control characters', () => {
    expect(code(EVIL_ID)).toBe(`\`${EVIL_SHOWN}\``);
    expect(escapeCell(`a|b${RED}c`)).toBe('a\\|b\\u001b[31mc');
  });

  test('the report and the job summary of a failing run with a hostile id hold no control character', () => {
    const r = hostile(gateRun(DROPS_PNL_LEG, 60));
    expect(r.failures.length).toBeGreaterThan(0);
    const md = renderReport(buildReport(r, { title: `report ${RED}x`, command: 'workbench report' }));
    const summary = stepSummaryMarkdown(r, 'gate');
    for (const text of [md, summary]) {
      // eslint-disable-next-line no-control-regex
      expect(text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)).toBeNull();
      expect(text).toContain('\\u001b[31mFAKE');
    }
  });
});

describe('JUnit', () => {
  test('the hostile id and title are escaped in attributes and text; no control character XML forbids', () => {
    const xml = toJUnit(hostile(gateRun(DROPS_PNL_LEG, 60)));
    // eslint-disable-next-line no-control-regex
    expect(xml.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g)).toBeNull();
    expect(xml).toContain(EVIL_SHOWN);
    expect(xml).toContain('a title \\u001b[31mpainted\\u001b[0m\\u001b[1A');
  });
});
