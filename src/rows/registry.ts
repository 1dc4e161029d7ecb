// Compiles the eight row schemas once (ajv, draft 2020-12, strict, formats) and validates rows by family.
import type { ValidateFunction } from 'ajv';
import { createAjv, issuesOf, type Ajv, type SchemaIssue } from '../schema/ajv.ts';
import { FAMILIES, FAMILY_SCHEMAS, isFamily, type Family } from './families.ts';

/** ClickHouse DateTime text: YYYY-MM-DD HH:MM:SS, a real calendar time (UTC). */
export const CH_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
export const CH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants a ClickHouse 18 table stores faithfully. DateTime is UInt32 seconds (to 2106-02-07) and Date is
 * UInt16 days, whose day 0 (1970-01-01) reads back as "0000-00-00" (measured on 18.16.1). So a row's day must be
 * in [1970-01-02, 2105-12-31]; a row outside it would validate here yet not survive the table.
 */
export const CH_FIRST_DAY = '1970-01-02';
export const CH_LAST_DAY = '2105-12-31';

function isCalendar(y: number, mo: number, d: number, h = 0, mi = 0, se = 0): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

function inClickHouseRange(day: string): boolean {
  return day >= CH_FIRST_DAY && day <= CH_LAST_DAY;
}

function isChDateTime(s: string): boolean {
  const m = CH_DATETIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return isCalendar(y, mo, d, h, mi, se) && inClickHouseRange(s.slice(0, 10));
}

function isChDate(s: string): boolean {
  const m = CH_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  return isCalendar(y, mo, d) && inClickHouseRange(s);
}

/**
 * A format check with its verdicts remembered: every row of a step carries the same ts and date, so the
 * calendar check (a Date per call, half of row validation's cost) runs once per distinct text. Bounded.
 */
function remembered(check: (s: string) => boolean): (s: string) => boolean {
  const seen = new Map<string, boolean>();
  return (s) => {
    let ok = seen.get(s);
    if (ok === undefined) {
      ok = check(s);
      if (s.length <= 32) {
        if (seen.size >= 4096) seen.clear();
        seen.set(s, ok);
      }
    }
    return ok;
  };
}

export interface RowIssue extends SchemaIssue {
  readonly family: string;
}

let ajv: Ajv | null = null;
const validators = new Map<Family, ValidateFunction>();

/** The family's compiled validator: ajv is built and each schema compiled on first use, not at import. */
function validatorOf(family: Family): ValidateFunction {
  let v = validators.get(family);
  if (!v) {
    if (!ajv) {
      ajv = createAjv();
      ajv.addFormat('ch-datetime', { type: 'string', validate: remembered(isChDateTime) });
      ajv.addFormat('ch-date', { type: 'string', validate: remembered(isChDate) });
      ajv.addVocabulary(['clickhouseType']);
    }
    v = ajv.compile(FAMILY_SCHEMAS[family]);
    validators.set(family, v);
  }
  return v;
}

/** Issues naming the family, the column, the value and the rule; empty when the row is valid. */
export function validateRow(family: string, row: unknown): readonly RowIssue[] {
  if (!isFamily(family)) {
    return [{ family, path: '', field: '(family)', value: family, rule: 'family', message: `is not one of ${FAMILIES.join(', ')}` }];
  }
  const validate = validatorOf(family);
  if (validate(row)) return [];
  return issuesOf(validate.errors, row).map((i) => ({ ...i, family }));
}

export function formatRowIssue(i: RowIssue): string {
  const shown = i.value === undefined ? '' : ` (value: ${JSON.stringify(i.value)})`;
  return `${i.family}.${i.field} ${i.message}${shown} [${i.rule}]`;
}
