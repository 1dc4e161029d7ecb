// The one edge that writes a report: NAME.md and its JSON twin NAME.json, the twin validated before writing,
// each written atomically (temp file + rename) and never onto one of the command's inputs.
import type { Command } from 'commander';
import { UsageError } from '../cli/exitCodes.ts';
import { refuseOverlap, writeFileAtomicSync, type NamedPath } from '../cli/io/atomicWrite.ts';
import { showValue } from '../cli/showValue.ts';
import { formatIssue } from '../schema/ajv.ts';
import type { Report } from './model.ts';
import { renderReport } from './renderMarkdown.ts';
import { reportToJson, validateReport } from './reportJson.ts';

export function twinPathOf(out: string): string {
  return out.replace(/\.md$/i, '.json');
}

export function checkOutPath(out: string | undefined): string {
  if (out === undefined || !/\.md$/i.test(out)) throw new UsageError(`--out must name a Markdown file ending in .md (its JSON twin goes beside it), got ${showValue(out ?? null)}`);
  return out;
}

/** The files a report command writes (Markdown, JSON twin, and the SVG with --svg), checked against its inputs. */
export function refuseReportOverlap(out: string, svgPath: string | null, inputs: readonly NamedPath[], extraOutputs: readonly NamedPath[] = []): void {
  refuseOverlap([
    { label: '--out', path: out }, { label: '--out (its JSON twin)', path: twinPathOf(out) },
    ...(svgPath !== null ? [{ label: '--svg', path: svgPath }] : []), ...extraOutputs,
  ], inputs);
}

export function writeReport(report: Report, out: string): { markdown: string; json: string } {
  const jsonText = reportToJson(report);
  const issues = validateReport(JSON.parse(jsonText));
  if (issues.length > 0) throw new Error(`the report's JSON twin does not match schemas/report.schema.json: ${issues.slice(0, 3).map(formatIssue).join('; ')}`);
  const json = twinPathOf(out);
  try {
    writeFileAtomicSync(out, renderReport(report));
    writeFileAtomicSync(json, jsonText);
  } catch (e) {
    throw new UsageError(`--out ${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { markdown: out, json };
}

function quote(a: string): string {
  if (/^[\w@%+=:,./-]+$/.test(a)) return a;
  // Control characters (a newline in a --title) use bash's $'…' form, so the command stays one line.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(a)) {
    return `$'${a.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}'`;
  }
  return `'${a.replace(/'/g, `'\\''`)}'`;
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
