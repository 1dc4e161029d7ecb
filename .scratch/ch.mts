import { createTables, insertRows } from '/work/wt/i14/src/audit/loadClickHouse.ts';
import { runAudit } from '/work/wt/i14/src/audit/runAudit.ts';
import { tableNames } from '/work/wt/i14/src/audit/source.ts';
const url = 'http://127.0.0.1:18614';
const dir = process.argv[2]!;
const db = 'i14dev';
if (process.argv[3] !== 'noload') { await createTables(url, db); await insertRows(url, db, dir); }
const t0 = performance.now();
const r = await runAudit({ kind: 'clickhouse', url, database: db, tables: tableNames('', {}) }, {});
console.log(r.rowsRead, r.status, r.violationCount, (performance.now() - t0).toFixed(0), 'ms');
for (const c of r.checks) console.log(c.id, c.status, c.checked, c.violationCount, c.note, JSON.stringify(c.violations.slice(0, 3)));
