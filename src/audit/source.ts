// Where recorded rows are read from, and which of them: the filters and the table names of an audit.
import { FAMILIES, type Family } from '../rows/families.ts';
import { sqlString } from './clickhouse.ts';

/** The source holds none of the families: almost surely a wrong --rows, --database or --table-prefix. */
export class AuditSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditSourceError';
  }
}

export interface AuditFilters {
  readonly strategy?: string;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

export type AuditSource =
  | { readonly kind: 'rows'; readonly dir: string }
  | { readonly kind: 'clickhouse'; readonly url: string; readonly database: string; readonly tables: Readonly<Record<Family, string>> };

/** Table per family: `--table-map family=table,…` wins over `--table-prefix P` (P + family). */
export function tableNames(prefix: string, map: Readonly<Record<string, string>>): Record<Family, string> {
  return Object.fromEntries(FAMILIES.map((f) => [f, map[f] ?? `${prefix}${f}`])) as Record<Family, string>;
}

export function rowPasses(row: Readonly<Record<string, unknown>>, f: AuditFilters): boolean {
  if (f.strategy !== undefined && row['strategy'] !== f.strategy) return false;
  const date = row['date'];
  if (typeof date !== 'string') return f.from === undefined && f.to === undefined;
  if (f.from !== undefined && date < f.from) return false;
  if (f.to !== undefined && date > f.to) return false;
  return true;
}

/** The same filter as a SQL condition ('1' when there is none). */
export function filterSql(f: AuditFilters): string {
  const parts: string[] = [];
  if (f.strategy !== undefined) parts.push(`strategy = ${sqlString(f.strategy)}`);
  if (f.from !== undefined) parts.push(`date >= toDate(${sqlString(f.from)})`);
  if (f.to !== undefined) parts.push(`date <= toDate(${sqlString(f.to)})`);
  return parts.length > 0 ? parts.join(' AND ') : '1';
}
