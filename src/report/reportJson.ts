// The JSON twin: the Report serialized with a fixed key order, its one time-dependent field kept on one line
// (so the twin, like the Markdown, differs between two runs only there), validated against
// schemas/report.schema.json on the way out and on the way in (--compare).
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import { lazyValidator, validateWith, type SchemaIssue } from '../schema/ajv.ts';
import { UsageError } from '../cli/exitCodes.ts';
import type { Report } from './model.ts';
import type { AuditResult } from '../audit/runAudit.ts';
import { issuesLine, JsonFileError, readJsonFile } from '../cli/io/readJsonFile.ts';

const validate = lazyValidator<Report>(reportSchema);
const validateAudit = lazyValidator<AuditResult>(reportSchema.properties.audit);

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
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (e) {
    if (e instanceof JsonFileError) throw new UsageError(`${option} ${e.message}`);
    throw e;
  }
  const issues = validateReport(data);
  if (issues.length > 0) throw new UsageError(`${option} ${file}: not a report JSON: ${issuesLine(issues)}`);
  return data as Report;
}

/** Reads `workbench audit --json` output for `workbench report --audit FILE`; bad input names the file and field. */
export function readAuditJson(file: string): AuditResult {
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (e) {
    if (e instanceof JsonFileError) throw new UsageError(`--audit ${e.message}`);
    throw e;
  }
  const issues = validateWith(validateAudit, data);
  if (issues.length > 0) throw new UsageError(`--audit ${file}: not a \`workbench audit --json\` result: ${issuesLine(issues)}`);
  return data as AuditResult;
}
