// `workbench audit --clickhouse` against a real ClickHouse (Debian's 18.16; .ci/run starts one and sets
// CLICKHOUSE_URL): tables from `workbench ddl`, loaded with the recorded load (a gate run's rows). A clean load
// audits clean; each planted corruption is named, nothing else flagged. Without a server: skipped, reason in name.
import { describe, expect, it, afterAll } from 'vitest';
import { chExec } from '../../src/audit/clickhouse.ts';
import { insertRows, runDdl } from '../../src/audit/loadClickHouse.ts';
import { runAudit } from '../../src/audit/runAudit.ts';
import { tableNames } from '../../src/audit/source.ts';
import { workbench } from '../cli/helpers.ts';
import { expectNamedOnly } from './expectNamed.ts';
import { FIXTURE, PLANTS, readLoad, writeLoad, type Load } from './plant.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env['CLICKHOUSE_URL'];
const prefix = `wb_audit_${process.pid}`;
const made: string[] = [];

async function loaded(name: string, load: Load | null, edit: (ddl: string) => string = (d) => d): Promise<string> {
  const db = `${prefix}_${name}`;
  made.push(db);
  const ddl = workbench(['ddl', '--database', db, '--drop-first']);
  expect(ddl.status).toBe(0);
  await runDdl(url!, edit(ddl.stdout));
  let dir = FIXTURE;
  if (load) {
    dir = mkdtempSync(join(tmpdir(), 'wb-audit-ch-'));
    writeLoad(dir, load);
  }
  await insertRows(url!, db, dir);
  return db;
}

const audit = (db: string, filters = {}) => runAudit({ kind: 'clickhouse', url: url!, database: db, tables: tableNames('', {}) }, filters);
const title = url ? `audit against ClickHouse (${url})` : 'audit against ClickHouse — SKIPPED: CLICKHOUSE_URL is not set (bash .ci/run starts a server)';

describe.skipIf(!url)(title, () => {
  afterAll(async () => {
    for (const db of made) await chExec(url!, `DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
  });

  it('audits the recorded load clean, every check exercised, and reads every row the files hold', async () => {
    const db = await loaded('clean', null);
    const r = await audit(db);
    expect(r.checks.filter((c) => c.violationCount > 0)).toEqual([]);
    for (const c of r.checks) expect(c.checked, c.id).toBeGreaterThan(0);
    const files = await runAudit({ kind: 'rows', dir: FIXTURE }, {});
    expect(r.rowsRead).toEqual(files.rowsRead);
    // The server's SQL and the in-process ledger look at the same rows and groups.
    expect(r.checks.map((c) => [c.id, c.checked])).toEqual(files.checks.map((c) => [c.id, c.checked]));
  });

  it('filters by strategy in the server', async () => {
    const r = await audit(`${prefix}_clean`, { strategy: 'pink-r3' });
    const files = await runAudit({ kind: 'rows', dir: FIXTURE }, { strategy: 'pink-r3' });
    expect(r.rowsRead).toEqual(files.rowsRead);
    expect(r.status).toBe('clean');
    const later = await audit(`${prefix}_clean`, { from: '2026-06-01', to: '2026-06-30' }); // rows reach 2026-05-26, none June
    expect(Object.values(later.rowsRead).every((n) => n === 0)).toBe(true);
  });

  it('a database without the tables is bad input, not a finding', async () => {
    await expect(runAudit({ kind: 'clickhouse', url: url!, database: 'system', tables: tableNames('', {}) }, {})).rejects.toThrow(/database system has none of the tables/);
  });

  const base = readLoad();
  PLANTS.forEach((plant, i) => {
    const p = plant(base);
    it(`names ${p.name} (${p.check}) and nothing else`, async () => {
      const db = await loaded(`p${i}`, p.chLoad ?? p.load, p.ddl);
      expectNamedOnly(await audit(db), p);
    });
  });

  it('names a table that does not exist', async () => {
    const r = await runAudit({ kind: 'clickhouse', url: url!, database: `${prefix}_clean`, tables: tableNames('', { fills: 'no_such_table' }) }, {});
    const live = r.checks.find((c) => c.id === 'AUD-LIVE-SCHEMA')!;
    expect(live.violations.map((v) => v.family)).toEqual(['fills']);
    expect(r.checks.find((c) => c.id === 'AUD-RECONCILE')!.status).toBe('not-run');
  });
});
