// Reads a strategy's recorded rows into memory by family (NDJSON files or ClickHouse tables): what a replayed
// day is compared with. A day's rows of one strategy, not a year: the replay itself holds as much.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FAMILIES, type Family } from '../rows/families.ts';
import { chRows } from './clickhouse.ts';
import { filterSql, rowPasses, type AuditFilters, type AuditSource } from './source.ts';

export type RowsByFamily = Record<Family, Record<string, unknown>[]>;

export async function readRecorded(source: AuditSource, filters: AuditFilters): Promise<RowsByFamily> {
  const out = Object.fromEntries(FAMILIES.map((f) => [f, []])) as unknown as RowsByFamily;
  for (const family of FAMILIES) {
    if (source.kind === 'clickhouse') {
      const sql = `SELECT * FROM ${source.database}.${source.tables[family]} WHERE ${filterSql(filters)} FORMAT JSONEachRow`;
      for await (const row of chRows(source.url, sql)) out[family].push(row);
      continue;
    }
    const file = join(source.dir, `${family}.ndjson`);
    if (!existsSync(file)) continue;
    const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      if (rowPasses(row, filters)) out[family].push(row);
    }
  }
  return out;
}
