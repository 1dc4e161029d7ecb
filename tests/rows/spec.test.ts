// spec/rows.md and the schemas must agree: each family's table lists exactly the schema's columns, in schema
// order, with the schema's JSON type and ClickHouse type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES, FAMILY_SCHEMAS, columnsOf } from '../../src/rows/index.ts';

const spec = readFileSync(join(import.meta.dirname, '../../spec/rows.md'), 'utf8');
const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/`/g, ''));

/** Body rows of the first table under the heading `### 3.<n> <family>`. */
function familyTable(family: string): string[][] {
  const heading = new RegExp(`\\n### 3\\.\\d+ ${family}\\n`);
  const m = heading.exec(spec);
  if (!m) throw new Error(`spec/rows.md has no section "### 3.n ${family}"`);
  const lines = spec.slice(m.index + m[0].length).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const after = lines.slice(first);
  const stop = after.findIndex((l) => !l.startsWith('|'));
  return (stop < 0 ? after : after.slice(0, stop)).filter((l) => !/^\|\s*-/.test(l)).map(cells).slice(1);
}

describe('spec/rows.md agrees with the schemas', () => {
  for (const family of FAMILIES) {
    it(`§3 ${family}: every column, in order, with its type and ClickHouse type`, () => {
      const rows = familyTable(family);
      expect(rows.map((r) => r[0])).toEqual([...columnsOf(family)]);
      for (const [column, type, clickhouse] of rows) {
        const col = FAMILY_SCHEMAS[family].properties[column!]!;
        expect(type!.split(' ')[0], `${family}.${column} type`).toBe(col.type);
        expect(clickhouse, `${family}.${column} ClickHouse type`).toBe(col.clickhouseType);
      }
    });
  }

  it('trade_exit_legs has exactly the 29 BLUE columns', () => {
    expect(familyTable('trade_exit_legs')).toHaveLength(29);
  });
});
