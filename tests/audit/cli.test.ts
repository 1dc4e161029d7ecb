// `workbench audit` as a user runs it: exit codes as the gate's, the table, --json, --out, bad input named.
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbench } from '../cli/helpers.ts';
import { FIXTURE } from './plant.ts';

describe('workbench audit (CLI)', () => {
  it('exit 0 on the clean recorded load, with the table of checks; --out writes the report and its JSON twin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-audit-cli-'));
    const out = join(dir, 'audit.md');
    const r = workbench(['audit', '--rows', FIXTURE, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^AUD-LEG-PNL-SUM\s+held\s+\d+\s+0\s+Σ pnl_leg = CLOSE realized_pnl$/m);
    expect(r.stdout).toMatch(/audit clean/);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain(`npx workbench audit --rows ${FIXTURE} --out ${out}`);
    expect(md).toMatch(/## Audit of recorded rows/);
    expect(JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'))).toMatchObject({ status: 'clean', violationCount: 0 });
  });

  it('exit 1 on a violation, named with family, key, columns and both values (--json)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-audit-cli-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const file = join(dir, 'account_events.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    // An exit fill of a trade that closed, so the reconciliation of its legs and fills sees the change too.
    const closed = new Set(readFileSync(join(dir, 'trade_events.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((t) => t['event'] === 'CLOSE').map((t) => `${String(t['strategy'])}/${String(t['trade_id'])}`));
    const row = lines.find((l) => l['cause'] === 'EXIT_FILL' && closed.has(`${String(l['strategy'])}/${String(l['trade_id'])}`))!;
    row['delta'] = (row['delta'] as number) + 0.00000001;
    writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const r = workbench(['audit', '--rows', dir, '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { checks: { id: string; violations: { family: string; key: string; columns: string[]; recorded: string; expected: string }[] }[] };
    const flagged = out.checks.flatMap((c) => c.violations.map((v) => ({ id: c.id, ...v })));
    // The row's own identity, and (the trade being closed) Σ EXIT_FILL delta against its fills: nothing else.
    expect(flagged.map((f) => f.id)).toEqual(['AUD-ACCOUNT-DELTA', 'AUD-RECONCILE']);
    expect(flagged[0]).toMatchObject({ family: 'account_events', key: `${String(row['strategy'])}/${String(row['event_id'])}`, columns: ['capital_after', 'capital_before', 'delta'] });
    expect(Number(flagged[0]!.recorded) - Number(flagged[0]!.expected)).toBeCloseTo(1e-8, 12);
    expect(flagged[1]).toMatchObject({ key: `${String(row['strategy'])}/${String(row['trade_id'])}`, columns: ['fills.realized_pnl', 'trade_exit_legs.pnl_leg', 'account_events.delta'] });
  });

  it.each([
    [['audit'], /give exactly one of --rows DIR and --clickhouse URL/],
    [['audit', '--rows', 'no/such/dir'], /--rows "no\/such\/dir": no such directory/],
    [['audit', '--rows', 'examples'], /--rows examples: examples holds none of the files policy_decisions\.ndjson/],
    [['audit', '--rows', FIXTURE, '--from', '2026-02-30'], /--from must be a date YYYY-MM-DD, got "2026-02-30"/],
    [['audit', '--rows', FIXTURE, '--from', '2026-05-26', '--to', '2026-05-25'], /--from 2026-05-26 is after --to 2026-05-25/],
    [['audit', '--clickhouse', 'http://127.0.0.1:9', '--table-map', 'trades=x'], /--table-map: "trades" is not a row family/],
    [['audit', '--clickhouse', 'http://127.0.0.1:9', '--database', 'a-b'], /--database must be an identifier, got "a-b"/],
    [['audit', '--clickhouse', 'http://127.0.0.1:9'], /--clickhouse http:\/\/127\.0\.0\.1:9: cannot reach/],
  ])('exit 2 on bad input: %j', (args, message) => {
    const r = workbench(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
