// The gate as a library: options in, GateResult out; counterexamples written to files. The CLI, the report
// command and tests all go through `runGateWith`.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { readCorpus, toFile, fileNameOf, writeCounterexample } from './counterexampleFile.ts';
import { normalizeGateOptions, type GateSettings, type RawGateOptions } from './options.ts';
import { runGateParallel } from './parallel/runParallel.ts';
import type { GateResult } from './result.ts';
import { runGate } from './runner.ts';
import { GATE_CONFIG, REFERENCE } from './systemUnderTest.ts';

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
  readonly files: readonly string[];
}

export async function runGateWith(raw: RawGateOptions, hooks: { onProgress?: (done: number, total: number, failures: number) => void; writeFiles?: boolean } = {}): Promise<GateRun> {
  const settings = normalizeGateOptions(raw, () => Math.floor(Math.random() * 2 ** 31));
  const corpus = settings.corpusDir ? readCorpus(settings.corpusDir).map((c) => ({ file: c.file, inputs: c.data.inputs })) : [];
  const kernelFlag = settings.kernelModule ? ` --kernel ${settings.kernelModule}` : '';
  const common = {
    config: GATE_CONFIG, profile: settings.profile.name, runs: settings.runs, seed: settings.seed, stepCountMax: settings.stepCountMax,
    timeBudgetMs: settings.timeBudgetMs, determinismRuns: settings.determinismRuns, shard: settings.shard, corpus,
    enforceCoverage: settings.profile.enforceCoverage && raw.runs === undefined && raw.maxSteps === undefined && raw.timeBudget === undefined,
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    replayCommand: (f: string | null) => `npx workbench replay ${f ?? '<file>'}${kernelFlag}`,
    meta: { startedAt: new Date().toISOString(), gitCommit: gitCommit(), workbenchVersion: pkg.version, nodeVersion: process.version },
  };
  // A user's module always runs in the pool: its watchdog turns a hang or an exit into a finding. The reference
  // kernel on one worker runs in-process (same result, no thread to start).
  const result = settings.kernelModule !== null || settings.workers > 1
    ? await runGateParallel({ ...common, kernelModule: settings.kernelModule === null ? null : resolve(settings.kernelModule), workers: settings.workers, stepDeadlineMs: settings.stepDeadlineMs })
    : runGate({ ...common, sut: REFERENCE });
  const sutName = result.meta.kernel;
  const files: string[] = [];
  if (hooks.writeFiles !== false) {
    result.failures.forEach((f, i) => {
      if (f.origin === 'corpus') return;
      const path = writeCounterexample(settings.counterexampleDir, fileNameOf(f, i), toFile(f, sutName, GATE_CONFIG, settings.kernelModule ?? undefined));
      const shown = relative(process.cwd(), path) || path;
      files.push(shown);
      const cx = f.counterexample;
      cx.file = shown;
      cx.replayCommand = `npx workbench replay ${shown}${kernelFlag}`;
    });
  }
  return { settings, result, files };
}
