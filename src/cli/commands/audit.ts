// `workbench audit`: checks what production recorded — NDJSON row files or ClickHouse tables — against the row
// schemas and the row invariants that need no kernel (spec/audit.md). Exit 1 on a violation, as the gate.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { ensureDir } from '../io/atomicWrite.ts';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { ClickHouseError } from '../../audit/clickhouse.ts';
import { runAudit, type AuditResult } from '../../audit/runAudit.ts';
import { AuditSourceError, tableNames, type AuditFilters, type AuditSource } from '../../audit/source.ts';
import { isFamily } from '../../rows/families.ts';
import { auditSection } from '../../report/auditSection.ts';
import { commandLine } from '../../report/writeReport.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, paint, paintCell, renderTable } from '../output.ts';

export interface AuditCliOptions {
  readonly rows?: string;
  readonly clickhouse?: string;
  readonly database: string;
  readonly tablePrefix: string;
  readonly tableMap?: string;
  readonly strategy?: string;
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
  readonly out?: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function date(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  if (!ok) throw new UsageError(`${flag} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
}

function tableMap(v: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (v ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const [family, table] = pair.split('=');
    if (family === undefined || !isFamily(family)) throw new UsageError(`--table-map: ${JSON.stringify(family)} is not a row family (in ${JSON.stringify(pair)})`);
    if (table === undefined || !IDENT.test(table)) throw new UsageError(`--table-map: table for ${family} must be an identifier, got ${JSON.stringify(table)}`);
    map[family] = table;
  }
  return map;
}

/** Options normalized once: the source and the filters, or a UsageError naming the flag and the value. */
export function auditInputs(o: AuditCliOptions): { source: AuditSource; filters: AuditFilters } {
  if ((o.rows === undefined) === (o.clickhouse === undefined)) throw new UsageError('give exactly one of --rows DIR and --clickhouse URL');
  const from = date('--from', o.from);
  const to = date('--to', o.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const filters: AuditFilters = { ...(o.strategy !== undefined ? { strategy: o.strategy } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  if (o.rows !== undefined) {
    if (!existsSync(o.rows) || !statSync(o.rows).isDirectory()) throw new UsageError(`--rows ${JSON.stringify(o.rows)}: no such directory`);
    return { source: { kind: 'rows', dir: o.rows }, filters };
  }
  if (!IDENT.test(o.database)) throw new UsageError(`--database must be an identifier, got ${JSON.stringify(o.database)}`);
  if (o.tablePrefix !== '' && !IDENT.test(o.tablePrefix)) throw new UsageError(`--table-prefix must be an identifier prefix, got ${JSON.stringify(o.tablePrefix)}`);
  if (!/^https?:\/\//.test(o.clickhouse!)) throw new UsageError(`--clickhouse must be an http(s):// URL, got ${JSON.stringify(o.clickhouse)}`);
  return { source: { kind: 'clickhouse', url: o.clickhouse!.replace(/\/+$/, ''), database: o.database, tables: tableNames(o.tablePrefix, tableMap(o.tableMap)) }, filters };
}

export function formatAudit(r: AuditResult, color = colorEnabled()): string {
  const mark = { held: paintCell(color, 'green', 'held'), violated: paintCell(color, 'red', 'VIOLATED'), 'not-run': paintCell(color, 'yellow', 'not run') };
  const lines = [
    `audit of ${r.source}`,
    renderTable(['invariant', 'status', 'checked', 'violations', 'what it states'], r.checks.map((c) => [c.id, mark[c.status], String(c.checked), String(c.violationCount), c.title]), ['left', 'left', 'right', 'right']),
  ];
  for (const c of r.checks.filter((x) => x.violationCount > 0)) {
    lines.push('', paint(color, 'red', `✗ ${c.id}  ${c.title} (${c.violationCount})`));
    lines.push(renderTable(['family', 'key', 'columns', 'recorded', 'expected'], c.violations.slice(0, 10).map((v) => [v.family, v.key, v.columns.join(','), v.recorded, v.expected])));
  }
  for (const c of r.checks.filter((x) => x.status === 'not-run')) lines.push('', paint(color, 'yellow', `! ${c.id} ${c.note}`));
  lines.push('', r.status === 'clean' ? paint(color, 'green', 'audit clean') : paint(color, 'red', `audit found ${r.violationCount} violation(s)`));
  return lines.join('\n');
}

/** The Markdown audit report: the command that made it on top, then the audit section. */
export function auditReportMarkdown(r: AuditResult, command: string): string {
  return `# Audit of recorded rows\n\nMade by:\n\n\`\`\`sh\n${command}\n\`\`\`\n\n${auditSection(r)}\n`;
}

/** `command`: the command line as the report shows it (commandLine of the parsed options). */
export async function auditCommand(o: AuditCliOptions, command: string, out: (s: string) => void): Promise<number> {
  const { source, filters } = auditInputs(o);
  let result: AuditResult;
  try {
    result = { ...(await runAudit(source, filters)), command };
  } catch (e) {
    if (e instanceof AuditSourceError) throw new UsageError(`${o.rows !== undefined ? `--rows ${o.rows}` : `--clickhouse ${o.clickhouse} --database ${o.database}`}: ${e.message}`);
    if (e instanceof ClickHouseError && e.status === null) throw new UsageError(`--clickhouse ${o.clickhouse}: ${e.message}`);
    if (e instanceof ClickHouseError && (e.status === 401 || e.status === 403 || /Code: (81|192|193|516)\b/.test(e.message))) throw new UsageError(`--clickhouse ${o.clickhouse}: ${e.message}`);
    throw e;
  }
  if (o.out !== undefined) {
    ensureDir(dirname(o.out));
    writeFileSync(o.out, auditReportMarkdown(result, command));
    writeFileSync(o.out.replace(/\.md$/, '') + '.json', `${JSON.stringify(result, null, 2)}\n`);
  }
  out(o.json ? JSON.stringify(result, null, 2) : formatAudit(result));
  return result.status === 'clean' ? EXIT.OK : EXIT.VIOLATION;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('audit recorded rows (NDJSON files or ClickHouse tables): live schema, every row, and the row invariants that need no kernel (spec/audit.md)')
    .option('--rows <dir>', 'a directory of <family>.ndjson files, as the writer\'s sinks produce')
    .option('--clickhouse <url>', 'a ClickHouse HTTP URL, e.g. http://user:password@host:8123')
    .option('--database <name>', 'ClickHouse database', 'default')
    .option('--table-prefix <prefix>', 'table name = prefix + family', '')
    .option('--table-map <pairs>', 'family=table,… for tables named otherwise (wins over --table-prefix)')
    .option('--strategy <name>', 'only rows of this strategy')
    .option('--from <date>', 'only rows on or after this UTC date (YYYY-MM-DD)')
    .option('--to <date>', 'only rows on or before this UTC date (YYYY-MM-DD)')
    .option('--out <file.md>', 'also write the Markdown audit report there (and its JSON twin beside it)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: AuditCliOptions, cmd: Command) => {
      process.exitCode = await auditCommand(opts, commandLine(cmd), (s) => process.stdout.write(`${s}\n`));
    });
}
