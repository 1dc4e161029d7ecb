// `workbench parity --journal INPUTS.ndjson --rows DIR | --clickhouse URL`: a recorded day replayed through the
// reference kernel, its rows compared with what production recorded. Lives beside parity.ts, which only
// registers these options and dispatches here when --journal is given.
import type { Command } from 'commander';
import { ClickHouseError } from '../../audit/clickhouse.ts';
import { compareRows, replayJournal, type JournalParityResult } from '../../audit/journalParity.ts';
import { readRecorded } from '../../audit/recordedRows.ts';
import { chDateTime } from '../../rows/writer.ts';
import { loadScenario, ScenarioError, type Scenario } from '../../scenario/loadScenario.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, paint, renderTable } from '../output.ts';
import { auditInputs } from './audit.ts';

export interface JournalCliOptions {
  readonly journal?: string;
  readonly rows?: string;
  readonly clickhouse?: string;
  readonly database: string;
  readonly tablePrefix: string;
  readonly tableMap?: string;
  readonly json?: boolean;
}

export function addJournalOptions(cmd: Command): Command {
  return cmd
    .option('--journal <file>', 'replay a recorded input journal (scenario steps, one a line; spec/audit.md §5) and compare its rows with recorded ones (--rows or --clickhouse)')
    .option('--rows <dir>', 'with --journal: the recorded rows as NDJSON files')
    .option('--clickhouse <url>', 'with --journal: the recorded rows in ClickHouse')
    .option('--database <name>', 'with --clickhouse: database', 'default')
    .option('--table-prefix <prefix>', 'with --clickhouse: table name = prefix + family', '')
    .option('--table-map <pairs>', 'with --clickhouse: family=table,…');
}

/** The journal's days (first and last valid input time): the recorded rows it is compared with. */
function daysOf(s: Scenario): { from?: string; to?: string } {
  const times = s.inputs.map((i) => (i as { tsMs?: unknown }).tsMs).filter((t): t is number => typeof t === 'number' && Number.isSafeInteger(t) && t >= 0);
  if (times.length === 0) return {};
  return { from: chDateTime(Math.min(...times)).slice(0, 10), to: chDateTime(Math.max(...times)).slice(0, 10) };
}

export function formatJournalParity(r: JournalParityResult, color = colorEnabled()): string {
  const lines = [
    `journal ${r.journal} (${r.inputs} inputs, strategy ${r.strategy}) replayed through the reference kernel, compared with ${r.source}`,
    renderTable(['family', 'recorded', 'replayed', 'matched', 'divergent rows', 'only recorded', 'only replayed'],
      r.families.map((f) => [f.family, String(f.recorded), String(f.replayed), String(f.matched), String(f.divergentRows), String(f.onlyRecorded), String(f.onlyReplayed)]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
  if (r.divergences.length > 0) {
    lines.push('', renderTable(['family', 'key', 'column', 'recorded', 'replayed'], r.divergences.map((d) => [d.family, d.key, d.column, d.recorded, d.replayed])));
  }
  lines.push('', r.status === 'parity' ? paint(color, 'green', 'parity: the recorded rows are what the reference kernel writes for this journal') : paint(color, 'red', 'divergent: the recorded rows differ from the replay'));
  return lines.join('\n');
}

export async function journalParityCommand(o: JournalCliOptions, out: (s: string) => void): Promise<number> {
  let scenario: Scenario;
  try {
    scenario = loadScenario(o.journal!);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(`--journal ${e.message}`);
    throw e;
  }
  const { source } = auditInputs({ ...o, database: o.database, tablePrefix: o.tablePrefix });
  let replay;
  try {
    replay = replayJournal(scenario);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--journal ${o.journal}: ${e.message}`);
    throw e;
  }
  let recorded;
  try {
    recorded = await readRecorded(source, { strategy: scenario.strategy, ...daysOf(scenario) });
  } catch (e) {
    if (e instanceof ClickHouseError) throw new UsageError(`--clickhouse ${o.clickhouse}: ${e.message}`);
    if (e instanceof SyntaxError) throw new UsageError(`--rows ${o.rows}: a line is not JSON (${e.message}); run \`workbench audit --rows\` to find it`);
    throw e;
  }
  const { families, divergences } = compareRows(recorded, replay.rows);
  const name = source.kind === 'rows' ? `rows ${source.dir}` : `clickhouse ${source.database}`;
  const result: JournalParityResult = {
    journal: o.journal!, source: name, strategy: scenario.strategy, inputs: replay.inputs, families, divergences,
    status: divergences.length === 0 ? 'parity' : 'divergent',
  };
  out(o.json ? JSON.stringify(result, null, 2) : formatJournalParity(result));
  return result.status === 'parity' ? EXIT.OK : EXIT.VIOLATION;
}
