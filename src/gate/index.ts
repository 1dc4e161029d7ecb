// The gate as a library: options in, GateResult out; counterexamples written to files. The CLI, the report
// command and tests all go through `runGateWith`.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../cli/exitCodes.ts';
import { canonicalPath } from '../cli/io/atomicWrite.ts';
import { oneLine } from '../cli/showValue.ts';
import { shapeTour } from './shapeTour.ts';
import { CounterexampleFileError, readCorpus, toFile, fileNameOf, writeCounterexample, type CounterexampleFile } from './counterexampleFile.ts';
import { normalizeGateOptions, type GateSettings, type RawGateOptions } from './options.ts';
import { runGateParallel } from './parallel/runParallel.ts';
import type { GateResult } from './result.ts';
import { runGate } from './runner.ts';
import { GATE_CONFIG, REFERENCE, type SystemUnderTest } from './systemUnderTest.ts';
import { KernelChildStartError, kernelChildSut } from '../protocol/kernelChildSut.ts';
import { blackBoxSection } from './blackBoxReport.ts';
import { withSpecOutputs } from './blackBoxCounterexample.ts';

export type { GateResult } from './result.ts';
export { runGate, checkExecution, stepTable } from './runner.ts';
export { runGateParallel, type ParallelGateOptions } from './parallel/runParallel.ts';
export { closeGatePool, defaultWorkers } from './parallel/pool.ts';
export { executeActions, executeInputs } from './execute.ts';
export { gateCaseArb, actionArb, mixArb, BASE_MIX, type GateAction, type GateCase } from './actions.ts';
export { REFERENCE, GATE_CONFIG, type SystemUnderTest } from './systemUnderTest.ts';
export { PROFILES } from './profiles.ts';
export { normalizeGateOptions, type RawGateOptions, type GateSettings } from './options.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export interface GateRun {
  readonly settings: GateSettings;
  readonly result: GateResult;
  /** Counterexample files: written already, or (writeFiles: false) planned, to be saved by saveCounterexamples. */
  readonly files: readonly string[];
  readonly pending: readonly { readonly path: string; readonly data: CounterexampleFile }[];
  /** Files the run read (corpus files, the kernel module): never to be overwritten by its outputs. */
  readonly inputs: readonly string[];
}

export async function runGateWith(raw: RawGateOptions, hooks: { onProgress?: (done: number, total: number, failures: number, inputsChecked: number) => void; writeFiles?: boolean } = {}): Promise<GateRun> {
  const settings = normalizeGateOptions(raw, () => Math.floor(Math.random() * 2 ** 31));
  let corpusFiles: ReturnType<typeof readCorpus> = [];
  try {
    corpusFiles = settings.corpusDir ? readCorpus(settings.corpusDir, settings.corpusNamed) : [];
  } catch (e) {
    if (e instanceof CounterexampleFileError) throw new UsageError(`--corpus: ${e.message}`);
    throw e;
  }
  const corpus = corpusFiles.map((c) => ({ file: c.file, inputs: c.data.inputs }));
  const kernelFlag = settings.kernelModule ? ` --kernel ${settings.kernelModule}` : settings.kernelCommand ? ` --kernel-cmd ${shellQuote(settings.kernelCommand)}` : '';
  // A kernel child says hello here first: its capabilities decide which invariants apply (one list for every
  // worker), and a command that cannot start is bad usage, as in parity.
  let box: SystemUnderTest | null = null;
  if (settings.kernelCommand !== null) {
    try {
      box = kernelChildSut(settings.kernelCommand, { timeoutMs: settings.timeoutMs });
    } catch (e) {
      if (e instanceof KernelChildStartError) throw new UsageError(oneLine(e.message, 400));
      throw e;
    }
  }
  const common = {
    config: GATE_CONFIG, profile: settings.profile.name, runs: settings.runs, seed: settings.seed, stepCountMax: settings.stepCountMax,
    timeBudgetMs: settings.timeBudgetMs, determinismRuns: settings.determinismRuns, shard: settings.shard, corpus,
    tour: settings.without.includes('invalid') ? [] : shapeTour(GATE_CONFIG),
    enforceCoverage: settings.enforceCoverage, without: settings.without,
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    replayCommand: (f: string | null) => `npx workbench replay ${f ?? '<file>'}${kernelFlag}`,
    meta: { startedAt: new Date().toISOString(), gitCommit: gitCommit(), workbenchVersion: pkg.version, nodeVersion: process.version },
  };
  // A user's module always runs in the pool: its watchdog turns a hang or an exit into a finding. The reference
  // kernel on one worker runs in-process (same result, no thread to start).
  let result: GateResult;
  if (box?.blackBox) {
    const plan = box.blackBox.plan;
    try {
      // Over the pool every worker starts its own child; on one worker this thread's child serves the runs.
      if (settings.workers > 1) box.blackBox.close();
      result = settings.workers > 1
        ? await runGateParallel({ ...common, kernelModule: null, kernelCommand: settings.kernelCommand, timeoutMs: settings.timeoutMs, invariants: plan.invariants, workers: settings.workers })
        : runGate({ ...common, sut: box, invariants: plan.invariants });
    } finally {
      box.blackBox.close();
    }
    result = { ...result, meta: { ...result.meta, kernel: box.name }, blackBox: blackBoxSection(box.blackBox) };
  } else {
    result = settings.kernelModule !== null || settings.workers > 1
      ? await runGateParallel({ ...common, kernelModule: settings.kernelModule === null ? null : resolve(settings.kernelModule), workers: settings.workers, stepDeadlineMs: settings.stepDeadlineMs })
      : runGate({ ...common, sut: REFERENCE });
  }
  const sutName = result.meta.kernel;
  // Paths are decided (and shown in the result) before anything is written: a finding is printed even when
  // its file cannot be saved.
  const files: string[] = [];
  const pending: { path: string; data: CounterexampleFile }[] = [];
  result.failures.forEach((f, i) => {
    if (f.origin === 'corpus') return;
    const path = join(settings.counterexampleDir, fileNameOf(f, i));
    const shown = relative(process.cwd(), path) || path;
    files.push(shown);
    const data = toFile(f, sutName, GATE_CONFIG);
    pending.push({ path, data: result.blackBox ? withSpecOutputs(data, f, result.blackBox, sutName, GATE_CONFIG) : data });
    const cx = f.counterexample;
    cx.file = shown;
    cx.replayCommand = `npx workbench replay ${shown}${kernelFlag}`;
  });
  const inputs = [...corpusFiles.map((c) => c.file), ...(settings.kernelModule ? [settings.kernelModule] : [])];
  const run: GateRun = { settings, result, files, pending, inputs };
  if (hooks.writeFiles !== false) {
    const warnings = saveCounterexamples(run);
    if (warnings.length > 0) throw new Error(warnings.join('; '));
  }
  return run;
}

/** A command as one POSIX shell word (for replay commands printed to copy). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Writes the run's counterexample files; returns one warning per file that could not be saved. */
export function saveCounterexamples(run: GateRun): string[] {
  const inputs = new Set(run.inputs.map(canonicalPath));
  const warnings: string[] = [];
  for (const p of run.pending) {
    if (inputs.has(canonicalPath(p.path))) {
      warnings.push(`counterexample not saved: ${p.path} is one of this run's inputs (choose another --counterexamples folder); its inputs are printed above`);
      continue;
    }
    try {
      writeCounterexample('', p.path, p.data);
    } catch (e) {
      warnings.push(`counterexample not saved to ${p.path} (${(e as NodeJS.ErrnoException).code ?? oneLine((e as Error).message)}); its inputs are printed above`);
    }
  }
  return warnings;
}
