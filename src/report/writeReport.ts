// The one edge that writes a report: NAME.md and its JSON twin NAME.json, the twin validated before writing.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { dirname } from 'node:path';
import { UsageError } from '../cli/exitCodes.ts';
import { formatIssue } from '../schema/ajv.ts';
import type { Report } from './model.ts';
import { renderReport } from './renderMarkdown.ts';
import { reportToJson, validateReport } from './reportJson.ts';

export function twinPathOf(out: string): string {
  return out.replace(/\.md$/i, '.json');
}

export function checkOutPath(out: string | undefined): string {
  if (out === undefined || !/\.md$/i.test(out)) throw new UsageError(`--out must name a Markdown file ending in .md (its JSON twin goes beside it), got ${JSON.stringify(out ?? null)}`);
  return out;
}

export function writeReport(report: Report, out: string): { markdown: string; json: string } {
  const jsonText = reportToJson(report);
  const issues = validateReport(JSON.parse(jsonText));
  if (issues.length > 0) throw new Error(`the report's JSON twin does not match schemas/report.schema.json: ${issues.slice(0, 3).map(formatIssue).join('; ')}`);
  const json = twinPathOf(out);
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, renderReport(report));
    writeFileSync(json, jsonText);
  } catch (e) {
    throw new UsageError(`--out ${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { markdown: out, json };
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line as one could paste it back into a shell, rebuilt from what was given on the command line
 * (operands, then options in declaration order), so the same invocation always prints the same text.
 */
export function commandLine(cmd: Command, operands: readonly string[] = []): string {
  const parts = ['npx', 'workbench', cmd.name(), ...operands];
  for (const o of cmd.options) {
    const key = o.attributeName();
    if (cmd.getOptionValueSource(key) !== 'cli' || o.long === undefined) continue;
    const value: unknown = cmd.getOptionValue(key);
    if (o.negate) {
      if (value === false) parts.push(o.long);
    } else if (typeof value === 'boolean') {
      if (value) parts.push(o.long);
    } else if (Array.isArray(value)) {
      // variadic: --parity a.json b.json; repeatable: --ignore x --ignore y
      if (o.variadic) parts.push(o.long, ...value.map(String));
      else for (const v of value) parts.push(o.long, String(v));
    } else if (value !== undefined) parts.push(o.long, String(value));
  }
  return parts.map(quote).join(' ');
}
