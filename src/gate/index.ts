// The gate as a library: options in, GateResult out; counterexamples written to files. The CLI, the report
// command and tests all go through `runGateWith`.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { readCorpus, toFile, fileNameOf, writeCounterexample } from './counterexampleFile.ts';
import { normalizeGateOptions, loadSystem, type GateSettings, type RawGateOptions } from './options.ts';
import type { GateResult } from './result.ts';
import { runGate } from './runner.ts';
import { GATE_CONFIG } from './systemUnderTest.ts';

export type { GateResult } from './result.ts';
export { runGate, checkExecution, stepTable } from './runner.ts';
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
  const sut = await loadSystem(settings.kernelModule);
  const corpus = settings.corpusDir ? readCorpus(settings.corpusDir).map((c) => ({ file: c.file, inputs: c.data.inputs })) : [];
  const kernelFlag = settings.kernelModule ? ` --kernel ${settings.kernelModule}` : '';
  const result = runGate({
    sut, config: GATE_CONFIG, profile: settings.profile.name, runs: settings.runs, seed: settings.seed, stepCountMax: settings.stepCountMax,
    timeBudgetMs: settings.timeBudgetMs, determinismRuns: settings.determinismRuns, shard: settings.shard, corpus,
    enforceCoverage: settings.enforceCoverage, without: settings.without,
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    replayCommand: (f) => `npx workbench replay ${f ?? '<file>'}${kernelFlag}`,
    meta: { startedAt: new Date().toISOString(), gitCommit: gitCommit(), workbenchVersion: pkg.version, nodeVersion: process.version },
  });
  const files: string[] = [];
  if (hooks.writeFiles !== false) {
    result.failures.forEach((f, i) => {
      if (f.origin === 'corpus') return;
      const path = writeCounterexample(settings.counterexampleDir, fileNameOf(f, i), toFile(f, sut.name, GATE_CONFIG, settings.kernelModule ?? undefined));
      const shown = relative(process.cwd(), path) || path;
      files.push(shown);
      const cx = f.counterexample;
      cx.file = shown;
      cx.replayCommand = `npx workbench replay ${shown}${kernelFlag}`;
    });
  }
  return { settings, result, files };
}
