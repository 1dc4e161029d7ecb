// Loads NDJSON row files into ClickHouse tables made by `workbench ddl`: how the tests and the quick start put
// a recorded load where the audit reads it (INSERT … FORMAT JSONEachRow, the writer's own bytes).
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

/** Bytes per INSERT: a 100 MB body made ClickHouse 18 close the connection (EPIPE); 8 MB batches do not. */
export const INSERT_BATCH_BYTES = 8 * 2 ** 20;

/** Inserts `<dir>/<family>.ndjson` into `<database>.<family>` for each family with rows, in batches. */
export async function insertRows(url: string, database: string, dir: string): Promise<void> {
  for (const f of FAMILIES) {
    const file = join(dir, `${f}.ndjson`);
    if (!existsSync(file)) continue;
    const target = `${url}${url.includes('?') ? '&' : '?'}query=${encodeURIComponent(`INSERT INTO ${database}.${f} FORMAT JSONEachRow`)}`;
    let batch: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length > 0) await chExec(target, `${batch.join('\n')}\n`);
      batch = [];
      bytes = 0;
    };
    for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      batch.push(line);
      bytes += line.length + 1;
      if (bytes >= INSERT_BATCH_BYTES) await flush();
    }
    await flush();
  }
}
