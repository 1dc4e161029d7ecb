// Loads NDJSON row files into ClickHouse tables made by `workbench ddl`: how the tests and the quick start put
// a recorded load where the audit reads it (INSERT … FORMAT JSONEachRow, the writer's own bytes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ddlAll } from '../rows/ddl.ts';
import { FAMILIES } from '../rows/families.ts';
import { chExec } from './clickhouse.ts';

/** Runs each statement of a DDL script (statements end with `;`). */
export async function runDdl(url: string, ddl: string): Promise<void> {
  for (const stmt of ddl.split(';').map((x) => x.trim()).filter(Boolean)) await chExec(url, stmt);
}

export async function createTables(url: string, database: string): Promise<void> {
  await runDdl(url, ddlAll({ database, dropFirst: true }));
}

/** Inserts `<dir>/<family>.ndjson` into `<database>.<family>` for each family with rows. */
export async function insertRows(url: string, database: string, dir: string): Promise<void> {
  for (const f of FAMILIES) {
    const body = readFileSync(join(dir, `${f}.ndjson`), 'utf8');
    if (body.trim() === '') continue;
    await chExec(`${url}${url.includes('?') ? '&' : '?'}query=${encodeURIComponent(`INSERT INTO ${database}.${f} FORMAT JSONEachRow`)}`, body);
  }
}
