// Extra outputs of `workbench run` (row files, …) hook in here so run.ts stays about the kernel.
import type { Command } from 'commander';
import type { KernelDriver } from '../../driver/driver.ts';
import { FAMILIES, NdjsonFileSink, writeRecords } from '../../rows/index.ts';
import type { Scenario } from '../../scenario/loadScenario.ts';
import { UsageError } from '../exitCodes.ts';

export interface RunExtensionOptions {
  readonly rows?: string;
}

export function registerRunExtensions(cmd: Command): void {
  cmd.option('--rows <dir>', 'also write the eight row families as NDJSON (ClickHouse JSONEachRow), one <family>.ndjson per family');
}

/** Returns lines to print after the run's tables. */
export function runExtensions(driver: KernelDriver, _scenario: Scenario, options: RunExtensionOptions): string[] {
  if (!options.rows) return [];
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
  return [`rows written to ${options.rows}: ${counts}`];
}
