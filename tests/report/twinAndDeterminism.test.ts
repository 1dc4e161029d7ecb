// The JSON twin validates against schemas/report.schema.json and holds the Markdown's facts; two runs of the
// same seed and options give byte-identical reports but for the one line holding the time of the run.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/buildReport.ts';
import { renderReport } from '../../src/report/renderMarkdown.ts';
import { readReportJson, reportToJson, validateReport } from '../../src/report/reportJson.ts';
import { formatCount, formatDuration, formatPercent } from '../../src/report/format.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/cli/exitCodes.ts';
import { DROPS_PNL_LEG, gateRun } from './gateRuns.ts';

const META = { title: 'Determinism', command: 'npx workbench report --title Determinism --out reports/d.md' };

function differingLines(a: string, b: string): string[][] {
  const la = a.split('\n');
  const lb = b.split('\n');
  expect(la.length).toBe(lb.length);
  return la.flatMap((l, i) => (l === lb[i] ? [] : [[l, lb[i]!]]));
}

describe('report determinism', () => {
  it('two gate runs with the same seed differ in exactly one Markdown line and one JSON line: the time', () => {
    const a = buildReport(gateRun(), META);
    const b = buildReport(gateRun(), META);
    expect(a.time).not.toEqual(b.time);
    const md = differingLines(renderReport(a), renderReport(b));
    expect(md).toHaveLength(1);
    expect(md[0]![0]).toMatch(/^\| Time of the run +\| 2026-01-01 00:00:\d\d UTC, took \d+ ms +\|$/);
    const json = differingLines(reportToJson(a), reportToJson(b));
    expect(json).toHaveLength(1);
    expect(json[0]![0]).toMatch(/^ {2}"time": \{"startedAt":"2026-01-01T00:00:\d\d\.\d{3}Z","durationMs":\d+\},$/);
  });

  it('a failing run is as deterministic (counterexamples, shrinking, grouping)', () => {
    const a = renderReport(buildReport(gateRun(DROPS_PNL_LEG), META));
    const b = renderReport(buildReport(gateRun(DROPS_PNL_LEG), META));
    expect(differingLines(a, b)).toHaveLength(1);
    expect(a).toContain('### Counterexample 1: INV-R-SCHEMA-VALID');
  });

  it('numbers never show float noise', () => {
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(3, 10)).toBe('30.0%');
    expect(formatPercent(1, 0)).toBe('–');
    expect(formatPercent(2, 3)).toBe('66.7%');
    expect(formatDuration(300)).toBe('300 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_400)).toBe('2 min 5 s');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    // 0.1 + 0.2 as a share of 1 (the classic): the percentage is computed in integers.
    expect(formatPercent(0.1 + 0.2, 1)).toBe('30.0%');
  });
});

describe('JSON twin', () => {
  it('validates against schemas/report.schema.json and round-trips', () => {
    const report = buildReport(gateRun(DROPS_PNL_LEG), { ...META, previous: buildReport(gateRun(), META) });
    const text = reportToJson(report);
    const data = JSON.parse(text) as unknown;
    expect(validateReport(data)).toEqual([]);
    expect(data).toEqual(JSON.parse(JSON.stringify(report)));
    const dir = mkdtempSync(join(tmpdir(), 'report-twin-'));
    writeFileSync(join(dir, 'r.json'), text);
    expect(readReportJson(join(dir, 'r.json'))).toEqual(data);
  });

  it('rejects a twin that lost a field or changed a type, naming the field', () => {
    const report = JSON.parse(reportToJson(buildReport(gateRun(), META))) as Record<string, unknown>;
    const { verdict: _v, ...noVerdict } = report;
    expect(validateReport(noVerdict).map((i) => i.field)).toContain('verdict');
    const badSeed = { ...report, summary: { ...(report['summary'] as object), seed: 'seven' } };
    expect(validateReport(badSeed).map((i) => i.field)).toContain('summary.seed');
    const dir = mkdtempSync(join(tmpdir(), 'report-twin-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(badSeed));
    expect(() => readReportJson(join(dir, 'bad.json'))).toThrow(UsageError);
    expect(() => readReportJson(join(dir, 'bad.json'))).toThrow(/summary\.seed/);
    expect(() => readReportJson(join(dir, 'missing.json'))).toThrow(/cannot read file: ENOENT/);
  });
});
