// "At matching schema", checked against what was really recorded: a table's columns from system.columns (or a
// file's first row) against the family schema — missing, extra, wrong type, out of order. A family whose
// recorded columns do not match is not read further: every row would only repeat the same finding.
import { FAMILY_SCHEMAS, columnsOf, type Family } from '../rows/families.ts';
import type { FindingCollector } from './findings.ts';

export interface RecordedColumn {
  readonly name: string;
  /** ClickHouse type for tables; the JSON type (string, number) for NDJSON files. */
  readonly type: string;
}

export type TypeOf = (family: Family, column: string) => string;

export const clickhouseTypeOf: TypeOf = (family, column) => FAMILY_SCHEMAS[family].properties[column]!.clickhouseType;
export const jsonTypeOf: TypeOf = (family, column) => (FAMILY_SCHEMAS[family].properties[column]!.type === 'string' ? 'string' : 'number');

/** Returns true when the recorded columns are exactly the schema's, in order, with the schema's types. */
export function checkColumns(family: Family, where: string, recorded: readonly RecordedColumn[], typeOf: TypeOf, out: FindingCollector): boolean {
  const want = columnsOf(family);
  const have = new Map(recorded.map((c) => [c.name, c.type]));
  let ok = true;
  const add = (columns: string[], rec: string, exp: string, message: string) => {
    ok = false;
    out.add({ check: 'AUD-LIVE-SCHEMA', family, key: where, columns, recorded: rec, expected: exp, message });
  };
  out.count('AUD-LIVE-SCHEMA', want.length);
  for (const c of want) {
    const t = have.get(c);
    if (t === undefined) add([c], '(missing)', typeOf(family, c), `column ${c} is missing`);
    else if (t !== typeOf(family, c)) add([c], t, typeOf(family, c), `column ${c} is ${t}, the schema says ${typeOf(family, c)}`);
  }
  for (const c of recorded) if (!want.includes(c.name)) add([c.name], c.type, '(no such column)', `column ${c.name} is not in the schema`);
  if (ok) {
    const order = recorded.map((c) => c.name);
    const first = order.findIndex((c, i) => c !== want[i]);
    if (first >= 0) add([order[first]!], order.join(','), want.join(','), `columns out of order: position ${first + 1} holds ${order[first]}, the schema has ${want[first]}`);
  }
  return ok;
}
