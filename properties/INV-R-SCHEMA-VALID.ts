// INV-R-SCHEMA-VALID: every row of every family validates against its BLUE schema.
import type { Invariant, Violation } from '../src/invariants/invariant.ts';
import { violation } from '../src/invariants/traceFacts.ts';
import { FAMILIES, formatRowIssue, validateRow } from '../src/rows/index.ts';
import { columnsOf } from '../src/rows/families.ts';

const ID = 'INV-R-SCHEMA-VALID';

export const INV_R_SCHEMA_VALID: Invariant = {
  id: ID,
  title: 'Every row matches its BLUE schema',
  statement: 'Every row the writer emits, of every one of the eight families, validates against schemas/<family>.schema.json: every column present, no other column, each typed.',
  why: 'PINK must write the BLUE-legacy row families at exactly the BLUE schema; a missing or extra column breaks ClickHouse inserts and every downstream query.',
  specAnchor: 'spec/invariants.md#inv-r-schema-valid',
  scope: 'rows',
  reads: FAMILIES.flatMap((f) => columnsOf(f).map((c) => `${f}.${c}`)),
  check(trace) {
    const violations: Violation[] = [];
    let exercised = 0;
    if (!trace.rows) return { violations, exercised };
    for (const family of Object.keys(trace.rows)) {
      const rows = trace.rows[family] ?? [];
      if (!(FAMILIES as readonly string[]).includes(family) && rows.length > 0) {
        violations.push(violation(ID, 0, `unknown row family ${family}`, { family }));
      }
      for (let i = 0; i < rows.length; i++) {
        exercised++;
        const issues = validateRow(family, rows[i]);
        if (issues.length > 0) {
          violations.push(violation(ID, 0, `${family} row ${i}: ${issues.map(formatRowIssue).join('; ')}`, { family, row: i, column: issues[0]!.field, rule: issues[0]!.rule }));
          return { violations, exercised };
        }
      }
    }
    return { violations, exercised };
  },
};
export default INV_R_SCHEMA_VALID;
