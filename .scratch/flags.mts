import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '/work/wt/i14/src/audit/runAudit.ts';
import { PLANTS, readLoad, writeLoad, flags } from '/work/wt/i14/tests/audit/plant.ts';
const base = readLoad('/work/wt/i14/tests/fixtures/recorded-load');
for (const plant of PLANTS) { const p = plant(base); const dir = mkdtempSync(join(tmpdir(), 'wb-a-')); writeLoad(dir, p.load);
  const r = await runAudit({ kind: 'rows', dir }, {}); console.log(p.name, JSON.stringify(flags(r)), r.checks.filter(c=>c.status==='not-run').map(c=>c.id).join(',')); }
