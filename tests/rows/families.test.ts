// Every family: a valid row passes; a missing column, an extra column, a wrong type, a bad enum and a bad
// date are each rejected with a message naming the family and the column.
import { describe, expect, it } from 'vitest';
import { FAMILIES, FAMILY_SCHEMAS, formatRowIssue, validateRow, type Family } from '../../src/rows/index.ts';
import { multiTradeRun } from './fixtures.ts';

const { rows } = multiTradeRun();

function sampleRow(family: Family): Record<string, unknown> {
  const row = rows[family][0];
  if (!row) throw new Error(`the fixture run emitted no ${family} row`);
  return { ...row };
}

describe('row schemas', () => {
  for (const family of FAMILIES) {
    describe(family, () => {
      const schema = FAMILY_SCHEMAS[family];
      const cols = schema.required;
      const numeric = cols.find((c) => schema.properties[c]!.type !== 'string')!;
      const enumCol = cols.find((c) => schema.properties[c]!.enum && schema.properties[c]!.type === 'string');

      it('every column is required, none other allowed, each typed', () => {
        expect(Object.keys(schema.properties)).toEqual(cols);
        for (const c of cols) expect(['string', 'number', 'integer']).toContain(schema.properties[c]!.type);
      });

      it('accepts a valid row from a real run', () => {
        expect(validateRow(family, sampleRow(family))).toEqual([]);
      });

      it('rejects a missing column, naming it', () => {
        const row = sampleRow(family);
        delete row[cols[3]!];
        const issues = validateRow(family, row);
        expect(issues.map(formatRowIssue)).toEqual([`${family}.${cols[3]} is required [required]`]);
      });

      it('rejects an extra column, naming it and its value', () => {
        const issues = validateRow(family, { ...sampleRow(family), legacy_flag: 7 });
        expect(issues.map(formatRowIssue)).toEqual([`${family}.legacy_flag is not an allowed column (value: 7) [additionalProperties]`]);
      });

      it('rejects a wrong type, naming the column and the value', () => {
        const issues = validateRow(family, { ...sampleRow(family), [numeric]: 'twelve' });
        expect(issues.length).toBeGreaterThan(0);
        expect(issues[0]!.field).toBe(numeric);
        expect(formatRowIssue(issues[0]!)).toContain('"twelve"');
      });

      it('rejects a bad enum value', () => {
        if (!enumCol) throw new Error(`${family} has no enum column`);
        const issues = validateRow(family, { ...sampleRow(family), [enumCol]: 'SIDEWAYS' });
        expect(issues.map((i) => [i.field, i.rule])).toEqual([[enumCol, 'enum']]);
      });

      it('rejects a bad date and a bad timestamp', () => {
        expect(validateRow(family, { ...sampleRow(family), date: '2026-02-30' }).map((i) => [i.field, i.rule])).toEqual([['date', 'format']]);
        expect(validateRow(family, { ...sampleRow(family), ts: '2026-05-25T12:00:00Z' }).map((i) => [i.field, i.rule])).toEqual([['ts', 'format']]);
      });

      it('rejects days a ClickHouse 18 Date/DateTime cannot hold faithfully (day 0 reads back as 0000-00-00)', () => {
        const fields = (over: Record<string, string>) => validateRow(family, { ...sampleRow(family), ...over }).map((i) => [i.field, i.rule]);
        expect(fields({ date: '1970-01-01' })).toEqual([['date', 'format']]);
        expect(fields({ ts: '1970-01-01 00:00:01' })).toEqual([['ts', 'format']]);
        expect(fields({ date: '2106-01-01', ts: '2106-01-01 00:00:00' })).toEqual([['ts', 'format'], ['date', 'format']]);
        expect(fields({ date: '1970-01-02', ts: '1970-01-02 00:00:00' })).toEqual([]);
      });
    });
  }

  it('an unknown family is reported, not thrown', () => {
    expect(validateRow('trades', {}).map(formatRowIssue)[0]).toContain('trades.(family) is not one of policy_decisions');
  });

  it('an integer column refuses a fraction', () => {
    const issues = validateRow('trade_exit_legs', { ...sampleRow('trade_exit_legs'), exit_seq: 1.5 });
    expect(issues.map(formatRowIssue)).toEqual(['trade_exit_legs.exit_seq must be integer (value: 1.5) [type]']);
  });
});
