import { writeRecordedLoad } from '/work/wt/i14/src/audit/recordedLoad.ts';
import { runAudit } from '/work/wt/i14/src/audit/runAudit.ts';
const dir = process.argv[2]!;
console.log(writeRecordedLoad({ dir, runs: Number(process.argv[3] ?? 200), seed: 1 }));
const r = await runAudit({ kind: 'rows', dir }, {});
console.log(r.rowsRead, r.status, r.violationCount);
for (const c of r.checks) console.log(c.id, c.status, c.checked, c.violationCount, c.note, JSON.stringify(c.violations.slice(0, 3)));
