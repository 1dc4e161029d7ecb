// ClickHouse CREATE TABLE statements derived from the row schemas (each column's `clickhouseType`).
import { FAMILIES, FAMILY_SCHEMAS, columnsOf, type Family } from './families.ts';

export interface DdlOptions {
  readonly database?: string;
  /** Emit `DROP TABLE IF EXISTS` first (tests; never for production tables). */
  readonly dropFirst?: boolean;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function ddlFor(family: Family, options: DdlOptions = {}): string {
  const db = options.database;
  if (db !== undefined && !IDENT.test(db)) throw new RangeError(`database name must match ${IDENT}, got ${JSON.stringify(db)}`);
  const table = db ? `${db}.${family}` : family;
  const schema = FAMILY_SCHEMAS[family];
  const cols = columnsOf(family).map((c) => `    ${c} ${schema.properties[c]!.clickhouseType}`);
  const order = family === 'kernel_outcomes' ? '(ts, seq)' : '(ts)';
  const create = `CREATE TABLE IF NOT EXISTS ${table}\n(\n${cols.join(',\n')}\n)\nENGINE = MergeTree\nPARTITION BY toYYYYMM(date)\nORDER BY ${order}`;
  return options.dropFirst ? `DROP TABLE IF EXISTS ${table};\n${create};` : `${create};`;
}

export function ddlAll(options: DdlOptions = {}): string {
  const head = options.database ? `CREATE DATABASE IF NOT EXISTS ${options.database};\n\n` : '';
  return head + FAMILIES.map((f) => ddlFor(f, options)).join('\n\n') + '\n';
}
