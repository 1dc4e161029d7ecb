// Extra outputs of `workbench run` (row files, …) hook in here so run.ts stays about the kernel.
import type { Command } from 'commander';
import type { KernelDriver } from '../../driver/driver.ts';
import { writeFileSync } from 'node:fs';
import { FAMILIES, NdjsonFileSink, writeRecords } from '../../rows/index.ts';
import { journalOf } from '../../scenario/journalWriter.ts';
import type { Scenario } from '../../scenario/loadScenario.ts';
import { UsageError } from '../exitCodes.ts';

export interface RunExtensionOptions {
  readonly rows?: string;
  readonly journal?: string;
}

export function registerRunExtensions(cmd: Command): void {
  cmd.option('--rows <dir>', 'also write the eight row families as NDJSON (ClickHouse JSONEachRow), one <family>.ndjson per family');
  cmd.option('--journal <file>', 'also write the input journal (every input the kernel processed, venue events included): what `workbench parity --journal` replays');
}

/** Returns lines to print after the run's tables. */
export function runExtensions(driver: KernelDriver, scenario: Scenario, options: RunExtensionOptions): string[] {
  const notes = options.journal ? [writeJournal(driver, scenario, options.journal)] : [];
  if (!options.rows) return notes;
  let sink: NdjsonFileSink;
  try {
    sink = new NdjsonFileSink(options.rows);
  } catch (e) {
    throw new UsageError(`--rows ${options.rows}: cannot write there (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    writeRecords(driver.records, sink);
  } finally {
    sink.close();
  }
  const counts = FAMILIES.map((f) => `${f} ${sink.counts.get(f) ?? 0}`).join(', ');
  return [...notes, `rows written to ${options.rows}: ${counts}`];
}

function writeJournal(driver: KernelDriver, scenario: Scenario, file: string): string {
  const { lines, unjournaled } = journalOf(scenario.config, driver.records, scenario.strategy);
  try {
    writeFileSync(file, `${lines.join('\n')}\n`);
  } catch (e) {
    throw new UsageError(`--journal ${file}: cannot write there (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const skipped = unjournaled.length > 0 ? `; steps ${unjournaled.join(', ')} have no valid time and are not in it` : '';
  return `journal written to ${file}: ${lines.length - 1} inputs${skipped}`;
}
