// The JSON twin: the Report serialized with a fixed key order, its one time-dependent field kept on one line
// (so the twin, like the Markdown, differs between two runs only there), validated against
// schemas/report.schema.json on the way out and on the way in (--compare).
import { readFileSync } from 'node:fs';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import { lazyValidator, formatIssue, validateWith, type SchemaIssue } from '../schema/ajv.ts';
import { UsageError } from '../cli/exitCodes.ts';
import type { Report } from './model.ts';

const validate = lazyValidator<Report>(reportSchema);

export function validateReport(data: unknown): SchemaIssue[] {
  return validateWith(validate, data);
}

const TIME_PLACEHOLDER = '@@report-time@@';

export function reportToJson(report: Report): string {
  const text = JSON.stringify({ ...report, time: TIME_PLACEHOLDER }, null, 2);
  return `${text.replace(JSON.stringify(TIME_PLACEHOLDER), JSON.stringify(report.time))}\n`;
}

/** Reads a report's JSON twin (e.g. --compare reports/PREVIOUS.json); bad input is a UsageError naming the file and field. */
export function readReportJson(file: string, option = '--compare'): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${option} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${option} ${file}: not JSON (${(e as Error).message})`);
  }
  const issues = validateReport(data);
  if (issues.length > 0) throw new UsageError(`${option} ${file}: not a report JSON: ${issues.slice(0, 3).map(formatIssue).join('; ')}`);
  return data as Report;
}
