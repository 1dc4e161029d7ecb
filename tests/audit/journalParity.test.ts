// A recorded day replayed: `workbench run --rows --journal` records a day (rows and input journal) the way
// production would; `workbench parity --journal` replays the journal through the reference kernel and compares
// rows family by family, column by column — over NDJSON and over a real ClickHouse.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chExec } from '../../src/audit/clickhouse.ts';
import { compareRows, replayJournal } from '../../src/audit/journalParity.ts';
import { createTables, insertRows } from '../../src/audit/loadClickHouse.ts';
import { readRecorded } from '../../src/audit/recordedRows.ts';
import { loadScenario, parseScenario } from '../../src/scenario/loadScenario.ts';
import { workbench } from '../cli/helpers.ts';

const SCENARIO = 'examples/scenarios/custom-instruments.json';

function recordDay(): { dir: string; rows: string; journal: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wb-day-'));
  const rows = join(dir, 'rows');
  const journal = join(dir, 'day.ndjson');
  const r = workbench(['run', SCENARIO, '--rows', rows, '--journal', journal]);
  expect(r.status, r.stderr).toBe(0);
  return { dir, rows, journal };
}

function editRow(file: string, match: (row: Record<string, unknown>) => boolean, edit: (row: Record<string, unknown>) => void): void {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const row = lines.find(match)!;
  edit(row);
  writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

describe('scenario files take every kernel configuration field', () => {
  it('accepts config.instruments and config.quoteAsset, and the run trades those instruments on their grids', () => {
    const s = loadScenario(SCENARIO);
    expect(s.config.quoteAsset).toBe('USDC');
    expect(Object.keys(s.config.instruments ?? {})).toEqual(['SOLUSDC', 'DOGEUSDC']);
    const r = workbench(['run', SCENARIO, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { capital: string; steps: { code: string }[] };
    expect(out.steps.filter((x) => x.code === 'UNKNOWN_ASSET')).toEqual([]);
    expect(out.capital).toBe('10028.43619945');
  });

  it('refuses an instrument without its minimum notional, naming the field (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-sc-'));
    const doc = JSON.parse(readFileSync(SCENARIO, 'utf8')) as { config: { instruments: Record<string, Record<string, string>> } };
    delete doc.config.instruments['SOLUSDC']!['minNotional'];
    writeFileSync(join(dir, 's.json'), JSON.stringify(doc));
    const r = workbench(['run', join(dir, 's.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config\.instruments\.SOLUSDC\.minNotional is required/);
    expect(() => parseScenario({ config: { quoteAsset: '' }, steps: [] })).toThrow(/quoteAsset/);
  });
});

describe('workbench parity --journal over --rows DIR', () => {
  it('a recorded day replays to the same rows: parity, exit 0', () => {
    const day = recordDay();
    const r = workbench(['parity', '--journal', day.journal, '--rows', day.rows]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^trade_exit_legs\s+4\s+4\s+4\s+0\s+0\s+0$/m);
  });

  it('a fee off by one unit in the 8th place is named (family, key, column, both values), exit 1; a one-ulp read-back is not', () => {
    const day = recordDay();
    const fills = join(day.rows, 'fills.ndjson');
    editRow(fills, (r) => r['purpose'] === 'EXIT' && r['fee'] !== 0, (r) => { r['fee'] = Number(((r['fee'] as number) + 1e-8).toFixed(8)); });
    const legs = join(day.rows, 'trade_exit_legs.ndjson');
    editRow(legs, () => true, (r) => { const f = new Float64Array([r['capital_after'] as number]); new BigInt64Array(f.buffer)[0]! += 1n; r['capital_after'] = f[0]!; });
    const r = workbench(['parity', '--journal', day.journal, '--rows', day.rows, '--json']);
    expect(r.status, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { divergences: { family: string; key: string; column: string; recorded: string; replayed: string }[] };
    expect(out.divergences).toHaveLength(1);
    const d = out.divergences[0]!;
    expect(d).toMatchObject({ family: 'fills', column: 'fee' });
    expect(d.key).toMatch(/^pink\//);
    expect(Math.round((Number(d.recorded) - Number(d.replayed)) * 1e8)).toBe(1);
  });

  it('a missing row counts as only replayed, not as a shifted rest of the day', async () => {
    const day = recordDay();
    const scenario = loadScenario(day.journal);
    const recorded = await readRecorded({ kind: 'rows', dir: day.rows }, { strategy: 'pink' });
    recorded.kernel_outcomes.splice(3, 1);
    const { families, divergences } = compareRows(recorded, replayJournal(scenario).rows);
    expect(families.find((f) => f.family === 'kernel_outcomes')).toMatchObject({ onlyReplayed: 1, onlyRecorded: 0, divergentRows: 0 });
    expect(divergences).toEqual([{ family: 'kernel_outcomes', key: 'pink/3', column: '(row)', recorded: '(no row)', replayed: 'present' }]);
  });

  it('refuses a journal that is not one (exit 2, naming the file and the line)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-j-'));
    writeFileSync(join(dir, 'j.ndjson'), '{"config":{"slotCount":2}}\n{"at":"2026-05-25T12:00:00Z","intent":{"intentId":"a"}}\nnot json\n');
    const r = workbench(['parity', '--journal', join(dir, 'j.ndjson'), '--rows', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/j\.ndjson: invalid scenario[\s\S]*line 3: not valid JSON/);
  });
});

const url = process.env['CLICKHOUSE_URL'];
const db = `wb_journal_${process.pid}`;
describe.skipIf(!url)(url ? `workbench parity --journal over ClickHouse (${url})` : 'workbench parity --journal over ClickHouse — SKIPPED: CLICKHOUSE_URL is not set', () => {
  afterAll(async () => {
    if (url) await chExec(url, `DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
  });

  it('the day loaded into ClickHouse 18 (whose float parser may store a neighbour) replays in parity', async () => {
    const day = recordDay();
    await createTables(url!, db);
    await insertRows(url!, db, day.rows);
    const r = workbench(['parity', '--journal', day.journal, '--clickhouse', url!, '--database', db]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^kernel_outcomes\s+19\s+19\s+19\s+0\s+0\s+0$/m);
  });
});
