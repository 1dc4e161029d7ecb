// Each column's ClickHouse type (the schema's `clickhouseType`) must hold every value its schema allows:
// an integer column whose schema range overflows its ClickHouse type would be truncated without a word.
import { describe, expect, it } from 'vitest';
import { FAMILIES, FAMILY_SCHEMAS, ddlFor } from '../../src/rows/index.ts';

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  UInt8: [0n, 255n], UInt16: [0n, 65_535n], UInt32: [0n, 4_294_967_295n], UInt64: [0n, 18_446_744_073_709_551_615n],
  Int8: [-128n, 127n], Int16: [-32_768n, 32_767n], Int32: [-2_147_483_648n, 2_147_483_647n], Int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

describe('ClickHouse types agree with the schemas', () => {
  for (const family of FAMILIES) {
    it(`${family}: every column's type holds every value the schema allows`, () => {
      for (const [column, col] of Object.entries(FAMILY_SCHEMAS[family].properties)) {
        const where = `${family}.${column} (${col.type} → ${col.clickhouseType})`;
        if (col.type === 'number') expect(col.clickhouseType, where).toBe('Float64');
        if (col.type === 'string') {
          const expected = col.format === 'ch-datetime' ? 'DateTime' : col.format === 'ch-date' ? 'Date' : 'String';
          expect(col.clickhouseType, where).toBe(expected);
        }
        if (col.type === 'integer') {
          const range = INTEGER_RANGES[col.clickhouseType];
          expect(range, where).toBeDefined();
          const c = col as typeof col & { minimum?: number; maximum?: number };
          const values = col.enum ? (col.enum as number[]) : [c.minimum, c.maximum];
          expect(values.every((v) => typeof v === 'number' && Number.isSafeInteger(v)), `${where}: bounded by enum or minimum/maximum`).toBe(true);
          for (const v of values as number[]) expect(BigInt(v) >= range![0] && BigInt(v) <= range![1], `${where}: ${v}`).toBe(true);
        }
      }
    });
  }

  it('ddlFor names the family table, its engine and ordering', () => {
    const ddl = ddlFor('trade_exit_legs', { database: 'blue' });
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS blue\.trade_exit_legs\n\(\n {4}ts DateTime,\n {4}date Date,/);
    expect(ddl).toContain('ENGINE = MergeTree');
    expect(ddl).toContain('ORDER BY (ts)');
  });
});
