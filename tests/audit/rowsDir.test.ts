// `workbench audit --rows DIR` on the recorded-load fixture (a gate run's rows): clean as written; each planted
// corruption named by its invariant, nothing else flagged.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRecordedLoad } from '../../src/audit/recordedLoad.ts';
import { runAudit } from '../../src/audit/runAudit.ts';
import { FAMILIES } from '../../src/rows/families.ts';
import { expectNamedOnly } from './expectNamed.ts';
import { FIXTURE, PLANTS, readLoad, writeLoad } from './plant.ts';

describe('audit --rows DIR', () => {
  it('audits the recorded load clean, every check exercised', async () => {
    const r = await runAudit({ kind: 'rows', dir: FIXTURE }, {});
    expect(r.checks.filter((c) => c.violationCount > 0)).toEqual([]);
    expect(r.status).toBe('clean');
    for (const c of r.checks) expect(c.checked, c.id).toBeGreaterThan(0);
  });

  const base = readLoad();
  for (const plant of PLANTS) {
    const p = plant(base);
    it(`names ${p.name} (${p.check}) and nothing else`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wb-audit-'));
      writeLoad(dir, p.load);
      expectNamedOnly(await runAudit({ kind: 'rows', dir }, {}), p);
    });
  }

  it('the committed fixture is exactly what its command (tests/fixtures/recorded-load/README.md) writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-load-'));
    writeRecordedLoad({ dir, runs: 150, seed: 7 });
    for (const f of FAMILIES) expect(readFileSync(join(dir, `${f}.ndjson`), 'utf8'), f).toBe(readFileSync(join(FIXTURE, `${f}.ndjson`), 'utf8'));
  });

  it('filters by strategy and date: only that strategy\'s rows are read', async () => {
    const r = await runAudit({ kind: 'rows', dir: FIXTURE }, { strategy: 'pink-r3', from: '2026-05-25', to: '2026-05-25' });
    const all = await runAudit({ kind: 'rows', dir: FIXTURE }, {});
    expect(r.rowsRead.kernel_outcomes).toBeGreaterThan(0);
    expect(r.rowsRead.kernel_outcomes).toBeLessThan(all.rowsRead.kernel_outcomes);
    // Generated times reach past midnight into 2026-05-26; nothing is recorded in June.
    const none = await runAudit({ kind: 'rows', dir: FIXTURE }, { from: '2026-06-01' });
    expect(Object.values(none.rowsRead).every((n) => n === 0)).toBe(true);
  });
});
