// Schema parity per BLUE row family: the BLUE column set (the family's schema) against what the writer emitted,
// with rows validated and rejected. A family that never emitted a row is flagged, never counted as in parity.
import type { GateResult } from '../gate/result.ts';
import { FAMILIES, columnsOf } from '../rows/families.ts';
import type { FamilyParity, FamilyStatus } from './model.ts';

export const SCHEMA_INVARIANT_ID = 'INV-R-SCHEMA-VALID';

/** The emitted column set per family, when the gate records it (an optional field of its coverage). */
function observedColumns(result: GateResult): Readonly<Record<string, readonly string[]>> | undefined {
  const cols = (result.coverage as { readonly columns?: unknown }).columns;
  return cols !== null && typeof cols === 'object' ? (cols as Record<string, readonly string[]>) : undefined;
}

/** "trade_exit_legs row 3: trade_exit_legs.pnl_leg is required [required]; …" → its first reason. */
function firstReason(message: string): string {
  const afterRow = message.replace(/^[a-z_]+ row \d+: /, '');
  return afterRow.split('; ')[0] ?? afterRow;
}

export function familyParity(result: GateResult): FamilyParity[] {
  const observed = observedColumns(result);
  const schemaCheck = result.invariants.find((i) => i.id === SCHEMA_INVARIANT_ID);
  const schemaHeld = schemaCheck?.status === 'held';
  return FAMILIES.map((family) => {
    const blue = columnsOf(family);
    const rows = result.coverage.rows[family] ?? 0;
    const rejections = result.failures.filter((f) => f.invariantId === SCHEMA_INVARIANT_ID && f.counterexample.values['family'] === family);
    const rowsRejected = rejections.reduce((n, f) => n + f.occurrences, 0);
    const seen = observed?.[family];
    const emitted = seen && seen.length > 0 ? [...seen] : rows > 0 && schemaHeld ? [...blue] : null;
    const columnsSource = seen && seen.length > 0 ? 'observed' : emitted ? 'schema-validated' : 'none';
    // A rejected row names its broken column: a missing (required) or an extra (additionalProperties) one.
    const named = (rule: string) => rejections.filter((f) => f.counterexample.values['rule'] === rule).map((f) => f.counterexample.values['column'] ?? '');
    const missing = emitted ? blue.filter((c) => !emitted.includes(c)) : [...new Set(named('required'))];
    const extra = emitted ? emitted.filter((c) => !blue.includes(c)) : [...new Set(named('additionalProperties'))];
    let status: FamilyStatus;
    if (rowsRejected > 0) status = 'rejected';
    else if (rows === 0) status = 'never-emitted';
    else if (missing.length > 0 || extra.length > 0) status = 'column-mismatch';
    else if (!schemaHeld) status = 'unverified';
    else status = 'parity';
    const first = rejections[0];
    return {
      family, status, blueColumns: [...blue], emittedColumns: emitted, columnsSource, missingColumns: missing, extraColumns: extra,
      rowsEmitted: rows, rowsValidated: schemaHeld ? rows : 0, rowsRejected, firstRejection: first ? firstReason(first.counterexample.message) : null,
    };
  });
}
