// The report's audit section: `workbench report --audit FILE` adds the audit of recorded rows, grouped by
// invariant; violations make the verdict FAIL; the JSON twin carries it and validates.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/runAudit.ts';
import { buildReport } from '../../src/report/buildReport.ts';
import { renderReport } from '../../src/report/renderMarkdown.ts';
import { reportToJson, validateReport } from '../../src/report/reportJson.ts';
import { gateRun } from '../report/gateRuns.ts';
import { workbench } from '../cli/helpers.ts';
import { FIXTURE, secondClose, readLoad, writeLoad } from './plant.ts';

describe('the report\'s audit section', () => {
  it('a clean audit adds its section and keeps the verdict; the twin validates', async () => {
    const audit = await runAudit({ kind: 'rows', dir: FIXTURE }, {});
    const gate = gateRun();
    const plain = buildReport(gate, { title: 'T', command: 'c' });
    const r = buildReport(gate, { title: 'T', command: 'c', audit });
    expect(r.verdict).toBe(plain.verdict);
    expect(plain).not.toHaveProperty('audit');
    const md = renderReport(r);
    expect(md).toMatch(/## Audit of recorded rows\n\n\*\*✅ clean\*\* — 13 of 13 audit invariants held over [\d,]+ recorded rows/);
    expect(validateReport(JSON.parse(reportToJson(r)))).toEqual([]);
  });

  it('violations are grouped under their invariant, with family, key, columns and both values, and make the verdict FAIL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-audit-rep-'));
    const p = secondClose(readLoad());
    writeLoad(dir, p.load);
    const audit = await runAudit({ kind: 'rows', dir }, {});
    const r = buildReport(gateRun(), { title: 'T', command: 'c', audit });
    expect(r.verdict).toBe('FAIL');
    expect(r.verdictReasons).toContain('the audit of recorded rows found 1 violation');
    const md = renderReport(r);
    expect(md).toContain('### AUD-TRADE-OPEN-CLOSE — One OPEN and at most one CLOSE per trade');
    expect(md).toMatch(new RegExp(`\\| \`trade_events\` \\| \`${p.key}\` \\| \`event\` \\| 1 OPEN, 2 CLOSE \\| 1 OPEN, ≤ 1 CLOSE \\|`));
  });

  it('workbench report --audit refuses a file that is not an audit result (exit 2, one line)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-audit-rep-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ status: 'fine' }));
    const r = workbench(['report', '--title', 'T', '--out', join(dir, 'r.md'), '--audit', join(dir, 'a.json'), '--profile', 'smoke']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--audit .*a\.json: not a `workbench audit --json` result: /);
  });
});
