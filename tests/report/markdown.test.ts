// The report is valid GFM read by a real parser (mdast-util-from-markdown + GFM): every table parses as a table
// with the header's column count on every raw line, the state diagram is a mermaid code block, data text never
// turns into HTML, and no number carries float noise.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Code, Heading, Html, Root, Table, Text } from 'mdast';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../src/report/reportJson.ts';
import { FAMILIES } from '../../src/rows/families.ts';
import { buildReport } from '../../src/report/buildReport.ts';
import { markdownTable, widthOf } from '../../src/report/markdownTable.ts';
import { renderReport } from '../../src/report/renderMarkdown.ts';
import { DROPS_PNL_LEG, gateRun } from './gateRuns.ts';

function parse(md: string): Root {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function nodes<T>(tree: Root, type: string): T[] {
  const out: T[] = [];
  const walk = (n: { type: string; children?: unknown[] }) => {
    if (n.type === type) out.push(n as T);
    for (const c of n.children ?? []) walk(c as { type: string; children?: unknown[] });
  };
  walk(tree);
  return out;
}

/** Cells of one raw table line: split on pipes not escaped by a backslash. */
function rawCells(line: string): number {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).length;
}

function textOf(n: { type: string; value?: string; children?: unknown[] }): string {
  return n.type === 'text' || n.type === 'inlineCode' ? n.value ?? '' : (n.children ?? []).map((c) => textOf(c as never)).join('');
}

function checkTables(md: string): Table[] {
  const tree = parse(md);
  const lines = md.split('\n');
  const tables = nodes<Table>(tree, 'table');
  for (const t of tables) {
    const width = t.children[0]!.children.length;
    for (const row of t.children) expect(row.children.length).toBe(width);
    const first = t.position!.start.line - 1;
    const last = t.position!.end.line - 1;
    for (let i = first; i <= last; i++) expect(rawCells(lines[i]!), `line ${i + 1}: ${lines[i]}`).toBe(width);
    // Raw text is aligned: every line of a table is equally wide on screen (emoji count two columns).
    const widths = new Set(lines.slice(first, last + 1).map(widthOf));
    expect(widths.size, `table at line ${first + 1} is not aligned`).toBe(1);
  }
  return tables;
}

describe('report Markdown', () => {
  const passing = buildReport(gateRun(), { title: 'Sprint 4 | parity <check>', command: 'npx workbench report --title "Sprint 4" --out reports/x.md' });
  const failing = buildReport(gateRun(DROPS_PNL_LEG), { title: 'Planted regression', command: 'npx workbench report --title "Planted regression"', previous: passing });

  for (const [name, report] of [['passing', passing], ['failing', failing]] as const) {
    it(`${name}: parses as GFM, every table has consistent columns`, () => {
      const md = renderReport(report);
      const tree = parse(md);
      const tables = checkTables(md);
      expect(tables.length).toBeGreaterThanOrEqual(7);
      const headings = nodes<Heading>(tree, 'heading').map((h) => textOf(h as never));
      expect(headings[0]).toBe(report.title);
      for (const h of ['Summary', 'Invariants', 'Schema parity with BLUE', 'Coverage', 'State machine', 'Counterexamples']) expect(headings).toContain(h);
      const mermaid = nodes<Code>(tree, 'code').filter((c) => c.lang === 'mermaid');
      expect(mermaid).toHaveLength(1);
      expect(mermaid[0]!.value.startsWith('stateDiagram-v2')).toBe(true);
      // Data text never becomes HTML: the only raw HTML is the <details> wrapper.
      for (const h of nodes<Html>(tree, 'html')) expect(h.value).toMatch(/^<\/?(details|summary)>/);
      expect(nodes<Text>(tree, 'text').some((t) => t.value.includes('schemas/<family>.schema.json'))).toBe(true);
      // No float noise anywhere.
      expect(md).not.toMatch(/\d\.\d*0000000\d|\d\.\d*9999999\d/);
      // Every family appears in the parity table.
      for (const f of FAMILIES) expect(md).toContain(`\`${f}\``);
    });
  }

  it('failing: the counterexample link in the invariant table points at an existing heading', () => {
    const md = renderReport(failing);
    const cx = failing.counterexamples[0]!;
    expect(cx.invariantId).toBe('INV-R-SCHEMA-VALID');
    expect(md).toContain(`](#${cx.anchor})`);
    const slugs = nodes<Heading>(parse(md), 'heading').map((h) => textOf(h as never).toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
    expect(slugs).toContain(cx.anchor);
    expect(md).toContain('```sh\n' + cx.replayCommand + '\n```');
  });

  it('markdownTable escapes pipes, pads cells, and keeps emoji cells aligned', () => {
    const t = markdownTable(['a', 'b'], [['x|y', '✅ ok'], ['long cell', '1']], { align: ['left', 'right'] });
    expect(t.split('\n')).toEqual([
      '| a         |     b |',
      '| --------- | ----: |',
      '| x\\|y      | ✅ ok |',
      '| long cell |     1 |',
    ]);
    expect(checkTables(t)).toHaveLength(1);
  });

  const reportsDir = new URL('../../reports/', import.meta.url);
  // Not workbench reports (each is checked by its own test): the benchmark's records (bench.md below,
  // bench-by-hand.md) and the mutation score (tests/mutation/).
  const NOT_REPORTS = new Set(['bench.md', 'bench-by-hand.md', 'mutation.md']);
  for (const name of readdirSync(reportsDir).filter((f) => f.endsWith('.md') && !NOT_REPORTS.has(f))) {
    it(`committed reports/${name}: valid GFM, aligned tables, the command at its top, its twin valid`, () => {
      const md = readFileSync(new URL(name, reportsDir), 'utf8');
      expect(checkTables(md).length).toBeGreaterThanOrEqual(7);
      expect(md.split('\n')[2]).toMatch(/^> Made by: `npx workbench (report|merge) /);
      const twin = JSON.parse(readFileSync(new URL(name.replace(/\.md$/, '.json'), reportsDir), 'utf8')) as unknown;
      expect(validateReport(twin)).toEqual([]);
    });
  }

  it('committed reports/bench.md: valid GFM, aligned tables, every target given a verdict, its JSON twin beside it', () => {
    const md = readFileSync(new URL('bench.md', reportsDir), 'utf8');
    expect(checkTables(md).length).toBeGreaterThanOrEqual(5);
    expect(md).toMatch(/^Made by `npm run bench`/m);
    expect(md.match(/\| (met|\*\*missed\*\*)/g)?.length).toBe(7);
    const twin = JSON.parse(readFileSync(new URL('bench.json', reportsDir), 'utf8')) as { version: number; machine: { cores: number } };
    expect(twin.version).toBe(1);
    expect(twin.machine.cores).toBeGreaterThan(0);
  });
});
