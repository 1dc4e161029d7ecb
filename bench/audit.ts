// The audit over a million recorded rows: rows per second and peak memory, over NDJSON files and (when
// CLICKHOUSE_URL is set) over ClickHouse. The load is the rows of a gate run (seeded, one strategy per
// generated run, up to 150 actions each), written once to .workbench/bench-audit-load and reused. Each audit
// runs in a fresh child process so its peak RSS is its own; the 4.8k-row fixture is audited the same way as
// the baseline: memory that does not grow with rows shows as the same peak.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTables, insertRows } from '../src/audit/loadClickHouse.ts';
import { chExec } from '../src/audit/clickhouse.ts';
import { writeRecordedLoad } from '../src/audit/recordedLoad.ts';
import { FAMILIES } from '../src/rows/families.ts';
import { fmt } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');
const LOAD = join(ROOT, '.workbench/bench-audit-load');
const TARGET_ROWS = 1_000_000;

interface ChildResult { status: string; violations: number; rows: number; ms: number; maxRssMb: number; heapPeakMb: number }

function audit(args: string[]): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/auditChild.ts'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`audit child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

function rowCount(dir: string): number {
  return FAMILIES.reduce((n, f) => n + readFileSync(join(dir, `${f}.ndjson`), 'utf8').split('\n').filter(Boolean).length, 0);
}

function line(name: string, r: ChildResult): string {
  return `${name}: ${r.status}, ${fmt(r.rows)} rows in ${(r.ms / 1000).toFixed(1)} s = ${fmt(r.rows / (r.ms / 1000))} rows/s, peak RSS ${r.maxRssMb.toFixed(0)} MB (heap ${r.heapPeakMb.toFixed(0)} MB)`;
}

export async function main(): Promise<string> {
  if (!existsSync(join(LOAD, 'fills.ndjson'))) writeRecordedLoad({ dir: LOAD, runs: 9000, seed: 20261202, stepCountMax: 150, strategyPrefix: 'bench' });
  const rows = rowCount(LOAD);
  if (rows < TARGET_ROWS) throw new Error(`the bench load has ${rows} rows, fewer than ${TARGET_ROWS}: delete ${LOAD} and raise runs`);
  const out = [line('audit baseline (fixture, --rows)', audit(['rows', join(ROOT, 'tests/fixtures/recorded-load')])), line(`audit --rows (${fmt(rows)} rows)`, audit(['rows', LOAD]))];
  const url = process.env['CLICKHOUSE_URL'];
  if (url) {
    const db = `wb_bench_audit_${process.pid}`;
    const t0 = performance.now();
    await createTables(url, db);
    await insertRows(url, db, LOAD);
    const loadS = (performance.now() - t0) / 1000;
    try {
      out.push(`${line('audit --clickhouse', audit(['clickhouse', url, db]))} (load took ${loadS.toFixed(1)} s)`);
    } finally {
      await chExec(url, `DROP DATABASE IF EXISTS ${db}`);
    }
  }
  return out.join('\n');
}
