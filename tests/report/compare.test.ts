// --compare finds a planted regression (a writer that drops trade_exit_legs.pnl_leg) and, the other way round,
// reports it fixed; invariants added or removed and coverage moves are named.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/buildReport.ts';
import { compareReports } from '../../src/report/compare.ts';
import type { Report } from '../../src/report/model.ts';
import { renderReport } from '../../src/report/renderMarkdown.ts';
import { DROPS_PNL_LEG, gateRun } from './gateRuns.ts';

const META = { title: 'Sprint', command: 'npx workbench report' };

describe('what changed (--compare)', () => {
  const good = buildReport(gateRun(), META);
  const bad = buildReport(gateRun(DROPS_PNL_LEG), META);

  it('finds the planted regression', () => {
    const ch = compareReports(good, bad);
    expect(ch.newViolations).toContain('INV-R-SCHEMA-VALID');
    expect(ch.fixed).toEqual([]);
    expect(ch.familiesChanged).toContainEqual({ family: 'trade_exit_legs', before: 'parity', after: 'rejected' });
    expect(ch.previous.verdict).toBe('PASS');
    const md = renderReport({ ...bad, changes: ch });
    expect(md).toMatch(/\| New violations +\| INV-R-SCHEMA-VALID/);
    expect(md).toContain('trade_exit_legs (parity → rejected)');
  });

  it('reports the regression fixed when compared the other way', () => {
    const ch = compareReports(bad, good);
    expect(ch.fixed).toContain('INV-R-SCHEMA-VALID');
    expect(ch.newViolations).toEqual([]);
    expect(ch.familiesChanged).toContainEqual({ family: 'trade_exit_legs', before: 'rejected', after: 'parity' });
  });

  it('names invariants added and removed, transitions newly (un)taken and coverage moves', () => {
    const dropped: Report = {
      ...good,
      invariants: good.invariants.filter((i) => i.id !== 'INV-K-IDEMPOTENT'),
      coverage: { ...good.coverage, transitions: good.coverage.transitions.map((t, i) => (i === 0 ? { ...t, count: 0 } : t)) },
      summary: { ...good.summary, inputsChecked: good.summary.inputsChecked - 10 },
    };
    const ch = compareReports(dropped, good);
    expect(ch.invariantsAdded).toEqual(['INV-K-IDEMPOTENT']);
    expect(ch.invariantsRemoved).toEqual([]);
    expect(ch.transitionsNowTaken).toEqual(['IDLE --ENTER--> ORDER_REQUESTED']);
    expect(ch.coverage.inputsChecked.after - ch.coverage.inputsChecked.before).toBe(10);
    expect(compareReports(good, dropped).invariantsRemoved).toEqual(['INV-K-IDEMPOTENT']);
    expect(compareReports(good, dropped).transitionsNoLongerTaken).toEqual(['IDLE --ENTER--> ORDER_REQUESTED']);
  });

  it('the same report compared with itself changes nothing', () => {
    const ch = compareReports(good, good);
    for (const list of [ch.newViolations, ch.fixed, ch.invariantsAdded, ch.invariantsRemoved, ch.transitionsNowTaken, ch.transitionsNoLongerTaken, ch.familiesChanged]) {
      expect(list).toEqual([]);
    }
  });
});
