// The report reads top-down for a reviewer: verdict, what changed, the counterexamples (violated values, input
// table, replay), parity; then coverage, schema parity and invariants as a line each, long tables collapsed.
// Its charts are SVG files beside it, rendered without a browser, each linked one existing and well-formed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/buildReport.ts';
import { chartSpecsOf, withCharts } from '../../src/report/charts/chartFiles.ts';
import type { Report } from '../../src/report/model.ts';
import { renderReport, SECTION_ORDER } from '../../src/report/renderMarkdown.ts';
import { gapsText } from '../../src/report/renderCoverage.ts';
import { writeReport } from '../../src/report/writeReport.ts';
import { paritySectionOf } from '../../src/parity/paritySection.ts';
import { DROPS_PNL_LEG, gateRun } from './gateRuns.ts';

const passing = buildReport(gateRun(), { title: 'Passing', command: 'npx workbench report --title Passing --out x.md' });
const failing = buildReport(gateRun(DROPS_PNL_LEG), { title: 'Failing', command: 'npx workbench report --title Failing --out y.md', previous: passing });

function h2(md: string): string[] {
  return [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
}

/** The Markdown with every <details> block removed: what a reader sees before clicking anything. */
function visible(md: string): string {
  return md.replace(/<details>[\s\S]*?<\/details>/g, '');
}

function linkedSvgs(md: string): string[] {
  return [...md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => decodeURI(m[1]!));
}

function parsesAsSvg(text: string): void {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false }) .parse(text) as { svg?: Record<string, unknown> };
  expect(doc.svg).toBeDefined();
  expect(doc.svg!['@_xmlns']).toBe('http://www.w3.org/2000/svg');
}

describe('report order for a reviewer', () => {
  it('top-level sections come in the reviewer\'s order, the verdict first', () => {
    const md = renderReport({ ...failing, parity: { candidate: 'c', commands: [], runs: 1, inputsCompared: 3, setAside: [], familiesInParity: [], divergences: [], divergencesNotShrunk: 0 } });
    const order = h2(md);
    expect(order).toEqual(SECTION_ORDER.filter((s) => order.includes(s)));
    expect(order.slice(0, 3)).toEqual(['What changed', 'Counterexamples', 'Parity with the reference kernel']);
    expect(md.split('\n')[4]).toMatch(/^\*\*Verdict: ❌ FAIL\*\*/);
    expect(md.indexOf('## Counterexamples')).toBeLessThan(md.indexOf('## Coverage'));
  });

  it('each counterexample shows, outside any collapsed block, its message, violated values, input table and replay command', () => {
    const md = renderReport(failing);
    const cx = failing.counterexamples[0]!;
    const shown = visible(md);
    const block = shown.slice(shown.indexOf(`### Counterexample 1: ${cx.invariantId}`), shown.indexOf('### Counterexample 2') > 0 ? shown.indexOf('### Counterexample 2') : shown.indexOf('## Coverage'));
    expect(block).toMatch(/\| Violated value +\| Value +\|/);
    for (const [k] of Object.entries(cx.values)) expect(block).toContain(k);
    expect(block).toMatch(/\| Step \| Input +\| Outcome +\| Slot after +\| Open position \| Capital \|/);
    expect(block).toMatch(new RegExp(`\\|\\s+▶ ${cx.stepIndex} \\|`));
    expect(block).toContain('```sh\n' + cx.replayCommand + '\n```');
    // Within the first screenful or two: the counterexample starts near the top, not ≈ 200 lines down.
    expect(md.split('\n').findIndex((l) => l.startsWith('### Counterexample 1'))).toBeLessThan(40);
  });

  it('the long tables are collapsed: transitions, codes, column coverage, per-family parity, the invariant list, the run\'s facts', () => {
    const shown = visible(renderReport(failing));
    for (const head of ['| From ', '| Code ', '| Family | Columns ', '| Family ', '| ID ', '| Fact ']) expect(shown, head).not.toContain(`\n${head}`);
    expect(shown).toContain('## Invariants\n\n');
    expect(shown).toMatch(/## Schema parity with BLUE\n\n\d of 8 BLUE row families in schema parity; [^\n]*`trade_exit_legs` ❌ rows rejected/);
  });

  it('coverage gaps never say "none" beside a transition never taken (a run that does not enforce coverage lists them)', () => {
    const t0 = failing.coverage.transitions[0]!;
    const report: Report = { ...passing, coverage: { ...passing.coverage, gaps: [], transitions: [{ ...t0, count: 0 }, ...passing.coverage.transitions.slice(1)] } };
    const text = gapsText(report);
    expect(text).not.toMatch(/^None/);
    expect(text).toContain(`transitions never taken: ${t0.from} --${t0.trigger}--> ${t0.to}`);
    const md = renderReport(report);
    expect(md).toContain('0 ⚠ NEVER');
    expect(md).not.toContain('None: every declared transition');
    // With everything reached, it does say none.
    const all: Report = { ...passing, coverage: { ...passing.coverage, gaps: [], transitions: passing.coverage.transitions.map((t) => ({ ...t, count: t.count || 1 })), interesting: passing.coverage.interesting.map((x) => ({ ...x, count: x.count || 1 })) }, invariants: passing.invariants.map((i) => ({ ...i, status: 'held' as const })) };
    expect(gapsText(all)).toBe('None: every declared transition, required situation and invariant was reached.');
  });
});

describe('report charts (vega-lite, headless SVG)', () => {
  it('one chart per counterexample with the breaking step marked, and transitions, reach and legs as bar charts', () => {
    const names = chartSpecsOf(failing).map(([n]) => n);
    expect(names).toEqual([...failing.counterexamples.map((_, i) => `counterexample-${i + 1}`), 'transitions', 'reach', 'legs']);
    const [, cxSpec] = chartSpecsOf(failing)[0]!;
    const values = (cxSpec as { data: { values: { step: number; violated: boolean; size: number; capital: number }[] } }).data.values;
    expect(values.filter((v) => v.violated).map((v) => v.step)).toEqual([failing.counterexamples[0]!.stepIndex]);
    expect(values.every((v) => Number.isFinite(v.size) && Number.isFinite(v.capital))).toBe(true);
  });

  it('a parity chart of the divergent columns when the parity section has divergences', () => {
    const parity = paritySectionOf({
      status: 'divergent', candidate: 'float', comparedRows: true, seed: 1, runsPlanned: 1, runsDone: 1, inputsCompared: 2, rowsCompared: 2, mix: 'core', setAside: [], corpusFiles: 0, divergencesNotShrunk: 0,
      finding: null,
      findings: [{
        signature: 'fills[0].fee', origin: 'generated', divergence: { step: 1, where: 'fills', row: 0, key: 'fill_id=F1', column: 'fee', reference: '-0.1', candidate: '0.1' },
        divergences: [{ step: 1, where: 'fills', row: 0, key: 'fill_id=F1', column: 'fee', reference: '-0.1', candidate: '0.1' }], fault: null, inputs: [], steps: [], shrinks: 0,
        occurrences: 1, file: null, replayCommand: null,
      }],
    });
    const specs = chartSpecsOf({ ...passing, parity });
    expect(specs.map(([n]) => n)).toContain('parity');
    expect(JSON.stringify(specs.find(([n]) => n === 'parity')![1])).toContain('fills.fee');
  });

  it('withCharts writes every chart; every SVG the Markdown links exists beside it and parses as SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charts-'));
    const out = join(dir, 'sub', 'failing.md');
    const report = await withCharts(failing, out);
    writeReport(report, out);
    const md = readFileSync(out, 'utf8');
    const links = linkedSvgs(md);
    expect(links.length).toBe(chartSpecsOf(failing).length);
    for (const link of links) {
      expect(link.startsWith('failing.charts/')).toBe(true);
      const file = join(dir, 'sub', link);
      expect(existsSync(file), link).toBe(true);
      parsesAsSvg(readFileSync(file, 'utf8'));
    }
    const tr = readFileSync(join(dir, 'sub', 'failing.charts', 'transitions.svg'), 'utf8');
    expect(tr).toContain('ENTER');
    const twin = JSON.parse(readFileSync(join(dir, 'sub', 'failing.json'), 'utf8')) as Report;
    expect(twin.charts).toEqual(report.charts);
  }, 60_000);
});
