// Against a real ClickHouse (Debian's 18.x; .ci/run starts one and sets CLICKHOUSE_URL): tables created from
// `workbench ddl` accept the writer's NDJSON for a multi-trade run, and the rows read back equal what was
// written. Without a server this suite is reported as skipped, with the reason in its name.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAMILIES, NdjsonFileSink, writeRecords } from '../../src/rows/index.ts';
import { workbench } from '../cli/helpers.ts';
import { multiTradeRun } from './fixtures.ts';

const url = process.env['CLICKHOUSE_URL'];
const db = `wb_it_${process.pid}`;

async function query(sql: string, body?: string): Promise<string> {
  // 18.x takes settings as URL parameters, not a SETTINGS clause; UInt64 must come back as a JSON number.
  const settings = 'output_format_json_quote_64bit_integers=0';
  const target = body === undefined ? `${url}/?${settings}` : `${url}/?${settings}&query=${encodeURIComponent(sql)}`;
  const res = await fetch(target, { method: 'POST', body: body ?? sql });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse ${res.status} for ${sql.slice(0, 80)}: ${text.slice(0, 400)}`);
  return text;
}

const title = url ? `ClickHouse integration (${url})` : 'ClickHouse integration — SKIPPED: CLICKHOUSE_URL is not set (bash .ci/run starts a server)';

describe.skipIf(!url)(title, () => {
  afterAll(async () => {
    if (url) await query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
  });

  it('creates the eight tables from `workbench ddl`, inserts a run\'s NDJSON and reads it back equal', async () => {
    const ddl = workbench(['ddl', '--database', db, '--drop-first']);
    expect(ddl.status).toBe(0);
    for (const stmt of ddl.stdout.split(';').map((s) => s.trim()).filter(Boolean)) await query(stmt);

    const dir = mkdtempSync(join(tmpdir(), 'wb-ch-'));
    const sink = new NdjsonFileSink(dir);
    writeRecords(multiTradeRun().driver.records, sink);
    sink.close();

    for (const family of FAMILIES) {
      const written = readFileSync(join(dir, `${family}.ndjson`), 'utf8');
      expect(written.length, `${family} has rows`).toBeGreaterThan(0);
      await query(`INSERT INTO ${db}.${family} FORMAT JSONEachRow`, written);
      const back = await query(`SELECT * FROM ${db}.${family} FORMAT JSONEachRow`);
      const canon = (text: string) => text.trim().split('\n').map((l) => JSON.stringify(JSON.parse(l))).sort();
      expect(canon(back), family).toEqual(canon(written));
    }
  });

  it('rejects a row with a column the schema does not have (the column set is really checked)', async () => {
    await expect(query(`INSERT INTO ${db}.account_events FORMAT JSONEachRow`, '{"ts":"2026-05-25 12:00:00","bogus_column":1}\n')).rejects.toThrow(/Unknown field/);
  });
});
