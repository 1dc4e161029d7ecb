// One audit: the recorded columns of each family, then every row streamed through its row checks, then the
// aggregate identities (in this process for NDJSON files, as SQL in the server for ClickHouse).
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FAMILIES, type Family } from '../rows/families.ts';
import type { AuditCheckId } from './checks.ts';
import { chAll, chRows, sqlString } from './clickhouse.ts';
import { FindingCollector, type CheckOutcome } from './findings.ts';
import { checkColumns, clickhouseTypeOf, jsonTypeOf, type RecordedColumn } from './liveSchema.ts';
import { checkRow, type RecordedRow } from './rowChecks.ts';
import { AuditSourceError, filterSql, rowPasses, type AuditFilters, type AuditSource } from './source.ts';
import { tradeChecks, type SqlContext } from './sqlChecks.ts';
import { balanceSteps, capitalChain, reconcileJoins } from './sqlLinks.ts';
import { FAMILY_ORDER, TradeLedger } from './tradeLedger.ts';

export interface AuditResult {
  readonly source: string;
  readonly filters: AuditFilters;
  readonly rowsRead: Readonly<Record<Family, number>>;
  readonly checks: readonly CheckOutcome[];
  readonly status: 'clean' | 'violations';
  readonly violationCount: number;
  /** The command line that made it, when a CLI did. */
  readonly command?: string;
}

/** Which families each aggregate check reads: a family with wrong columns makes it not run. */
const DEPENDS: Readonly<Partial<Record<AuditCheckId, readonly Family[]>>> = {
  'AUD-LEG-IDS': ['trade_exit_legs'],
  'AUD-LEG-CAPITAL': ['trade_exit_legs'],
  'AUD-TRADE-OPEN-CLOSE': ['trade_events', 'trade_exit_legs'],
  'AUD-LEG-SEQUENCE': ['trade_events', 'trade_exit_legs'],
  'AUD-LEG-ISOLATED': ['trade_events', 'trade_exit_legs'],
  'AUD-LEG-PNL-SUM': ['trade_events', 'trade_exit_legs'],
  'AUD-LEG-FRACTIONS': ['trade_events', 'trade_exit_legs'],
  'AUD-ACCOUNT-DELTA': ['account_events'],
  'AUD-CAPITAL-CHAIN': ['account_events'],
  'AUD-BALANCE-NO-CAPITAL': ['account_events', 'kernel_outcomes'],
  'AUD-RECONCILE': ['trade_events', 'trade_intents', 'order_events', 'fills', 'trade_exit_legs', 'account_events'],
};

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

async function* fileLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim() !== '') yield line;
}

async function auditFiles(dir: string, filters: AuditFilters, out: FindingCollector, rowsRead: Record<Family, number>): Promise<Set<Family>> {
  const usable = new Set<Family>();
  if (!FAMILIES.some((f) => existsSync(join(dir, `${f}.ndjson`)))) throw new AuditSourceError(`${dir} holds none of the files ${FAMILIES.map((f) => `${f}.ndjson`).join(', ')}`);
  const ledger = new TradeLedger(out, filters.from === undefined);
  for (const family of FAMILY_ORDER) {
    const file = join(dir, `${family}.ndjson`);
    if (!existsSync(file)) {
      out.add({ check: 'AUD-LIVE-SCHEMA', family, key: file, columns: [], recorded: '(no file)', expected: `${family}.ndjson`, message: `${file} does not exist` });
      continue;
    }
    let lineNo = 0;
    let columnsOk: boolean | null = null;
    for await (const line of fileLines(file)) {
      lineNo++;
      let row: RecordedRow;
      try {
        row = JSON.parse(line) as RecordedRow;
      } catch (e) {
        out.add({ check: 'AUD-ROW-SCHEMA', family, key: `${file}:${lineNo}`, columns: [], recorded: line.slice(0, 60), expected: 'one JSON object', message: `line ${lineNo} is not JSON: ${(e as Error).message}` });
        continue;
      }
      if (columnsOk === null) {
        const cols: RecordedColumn[] = Object.entries(row).map(([name, v]) => ({ name, type: jsonType(v) }));
        columnsOk = checkColumns(family, `${file}:${lineNo}`, cols, jsonTypeOf, out);
        if (columnsOk) usable.add(family);
      }
      if (!columnsOk) break;
      if (!rowPasses(row, filters)) continue;
      rowsRead[family]++;
      if (checkRow(family, row, out)) ledger.add(family, row);
    }
    if (columnsOk === null) usable.add(family);
  }
  ledger.finish();
  return usable;
}

async function auditClickHouse(src: Extract<AuditSource, { kind: 'clickhouse' }>, filters: AuditFilters, out: FindingCollector, rowsRead: Record<Family, number>): Promise<Set<Family>> {
  const usable = new Set<Family>();
  const tables = FAMILIES.map((f) => src.tables[f]);
  const live = await chAll(src.url, `SELECT table, name, type FROM system.columns WHERE database = ${sqlString(src.database)} AND table IN (${tables.map(sqlString).join(', ')}) FORMAT JSONEachRow`);
  if (live.length === 0) throw new AuditSourceError(`database ${src.database} has none of the tables ${tables.join(', ')}`);
  for (const family of FAMILIES) {
    const where = `${src.database}.${src.tables[family]}`;
    const cols = live.filter((c) => c['table'] === src.tables[family]).map((c) => ({ name: String(c['name']), type: String(c['type']) }));
    if (cols.length === 0) {
      out.add({ check: 'AUD-LIVE-SCHEMA', family, key: where, columns: [], recorded: '(no table)', expected: 'a table', message: `table ${where} does not exist` });
      continue;
    }
    if (checkColumns(family, where, cols, clickhouseTypeOf, out)) usable.add(family);
  }
  const table = (f: Family) => `${src.database}.${src.tables[f]}`;
  for (const family of FAMILIES) {
    if (!usable.has(family)) continue;
    for await (const row of chRows(src.url, `SELECT * FROM ${table(family)} WHERE ${filterSql(filters)} FORMAT JSONEachRow`)) {
      rowsRead[family]++;
      checkRow(family, row, out);
    }
  }
  const ctx: SqlContext = { url: src.url, table, filters, judgeOrphans: filters.from === undefined, usable };
  await tradeChecks(ctx, out);
  await capitalChain(ctx, out);
  await balanceSteps(ctx, out);
  await reconcileJoins(ctx, out);
  return usable;
}

export async function runAudit(source: AuditSource, filters: AuditFilters): Promise<AuditResult> {
  const out = new FindingCollector();
  const rowsRead = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
  const usable = source.kind === 'rows' ? await auditFiles(source.dir, filters, out, rowsRead) : await auditClickHouse(source, filters, out, rowsRead);
  for (const [check, families] of Object.entries(DEPENDS) as [AuditCheckId, readonly Family[]][]) {
    const bad = families.filter((f) => !usable.has(f));
    if (bad.length > 0) out.drop(check, `not run: ${bad.join(', ')} does not match the schema (AUD-LIVE-SCHEMA)`);
  }
  const checks = out.outcomes();
  const violationCount = checks.reduce((a, c) => a + c.violationCount, 0);
  const name = source.kind === 'rows' ? `rows ${source.dir}` : `clickhouse ${source.url.replace(/\/\/[^@/]*@/, '//')} database ${source.database}`;
  return { source: name, filters, rowsRead, checks, status: violationCount > 0 ? 'violations' : 'clean', violationCount };
}
