// Reads the JSON of a gate run (`workbench gate --json`, one per shard) for `report --from` and `merge`.
// Validated against schemas/gate-result.schema.json (the gate's own schema) when present; bad input is a
// UsageError naming the file, the field and the value.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { UsageError } from '../cli/exitCodes.ts';
import { oneLine, showValue } from '../cli/showValue.ts';
import type { GateResult } from '../gate/result.ts';
import { createAjv, validateWith } from '../schema/ajv.ts';
import { issuesLine, JsonFileError, readJsonFile } from '../cli/io/readJsonFile.ts';

const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/gate-result.schema.json', import.meta.url));
let validator: ValidateFunction | null | undefined;

function gateValidator(): ValidateFunction | null {
  if (validator === undefined) {
    validator = existsSync(SCHEMA_PATH) ? createAjv().compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object) : null;
  }
  return validator;
}

/** The shape the report relies on, checked when the gate's schema is not there to do it. */
function structuralIssues(d: Record<string, unknown>): string[] {
  const issues: string[] = [];
  if (d['version'] !== 1) issues.push(`version must be 1 (value: ${showValue(d['version'])})`);
  if (d['status'] !== 'passed' && d['status'] !== 'failed') issues.push(`status must be "passed" or "failed" (value: ${showValue(d['status'])})`);
  for (const k of ['meta', 'coverage'] as const) if (d[k] === null || typeof d[k] !== 'object') issues.push(`${k} must be an object`);
  for (const k of ['invariants', 'failures', 'coverageGaps'] as const) if (!Array.isArray(d[k])) issues.push(`${k} must be an array`);
  return issues;
}

export function parseGateJson(text: string, where: string): GateResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where}: not JSON (${oneLine((e as Error).message, 160)}); write it with \`workbench gate --json > FILE\``);
  }
  return checkGateJson(data, where);
}

function checkGateJson(data: unknown, where: string): GateResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${where}: not a gate result (a JSON object)`);
  const v = gateValidator();
  if (v) {
    const issues = validateWith(v, data);
    if (issues.length > 0) throw new UsageError(`${where}: not a gate result: ${issuesLine(issues)}`);
  } else {
    const issues = structuralIssues(data as Record<string, unknown>);
    if (issues.length > 0) throw new UsageError(`${where}: not a gate result: ${issues[0]}`);
  }
  return data as GateResult;
}

export function readGateJson(file: string, option: string): GateResult {
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (e) {
    if (e instanceof JsonFileError) throw new UsageError(`${option} ${e.message}; write it with \`workbench gate --json > FILE\``);
    throw e;
  }
  return checkGateJson(data, `${option} ${file}`);
}
