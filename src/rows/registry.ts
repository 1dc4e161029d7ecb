// Compiles the eight row schemas once (ajv, draft 2020-12, strict, formats) and validates rows by family.
import type { ValidateFunction } from 'ajv';
import { createAjv, issuesOf, type SchemaIssue } from '../schema/ajv.ts';
import { FAMILIES, FAMILY_SCHEMAS, isFamily, type Family } from './families.ts';

/** ClickHouse DateTime text: YYYY-MM-DD HH:MM:SS, a real calendar time (UTC). */
export const CH_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function isChDateTime(s: string): boolean {
  const m = CH_DATETIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

export interface RowIssue extends SchemaIssue {
  readonly family: string;
}

const ajv = createAjv();
ajv.addFormat('ch-datetime', { type: 'string', validate: isChDateTime });
ajv.addVocabulary(['clickhouseType']);

const validators = Object.fromEntries(FAMILIES.map((f) => [f, ajv.compile(FAMILY_SCHEMAS[f])])) as Record<Family, ValidateFunction>;

/** Issues naming the family, the column, the value and the rule; empty when the row is valid. */
export function validateRow(family: string, row: unknown): readonly RowIssue[] {
  if (!isFamily(family)) {
    return [{ family, path: '', field: '(family)', value: family, rule: 'family', message: `is not one of ${FAMILIES.join(', ')}` }];
  }
  const validate = validators[family];
  if (validate(row)) return [];
  return issuesOf(validate.errors, row).map((i) => ({ ...i, family }));
}

export function formatRowIssue(i: RowIssue): string {
  const shown = i.value === undefined ? '' : ` (value: ${JSON.stringify(i.value)})`;
  return `${i.family}.${i.field} ${i.message}${shown} [${i.rule}]`;
}
