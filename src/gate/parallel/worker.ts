// A gate worker thread: rebuilds the system under test once (warm across tasks), then executes chunks of
// generated runs, shrinks a pass's first failure, or replays corpus files. Results are plain data.
import { isAbsolute } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { loadModule } from '../../cli/io/loadModule.ts';
import type { ActionKind } from '../actions.ts';
import { makeConfig } from '../../kernel/state.ts';
import type { KernelConfig } from '../../kernel/types.ts';
import { CATALOGUE } from '../../invariants/catalogue.ts';
import { checkExecution, counterexampleOf, signatureOf } from '../checks.ts';
import { addTrace, emptyCoverage } from '../coverage.ts';
import { executeInputs, type StepHooks } from '../execute.ts';
import { checkCase, shrinkRun, type PassContext } from '../pass.ts';
import type { Failure } from '../result.ts';
import { REFERENCE, type SystemUnderTest } from '../systemUnderTest.ts';
import { kernelChildSut } from '../../protocol/kernelChildSut.ts';
import type { ChunkResult, ChunkTask, ConfigText, CorpusTask, DescribeTask, Heartbeat, RunFailure, ShrinkResult, ShrinkTask, SystemSpec, Task } from './tasks.ts';

/** A module under test called process.exit: in a worker that would end the thread silently; here it is a throw. */
class ProcessExitCalled extends Error {
  override readonly name = 'ProcessExitCalled';
}
// Only inside a worker thread: the main thread's process.exit must stay the real one.
if (!isMainThread) {
  process.exit = ((code?: number | string | null) => {
    throw new ProcessExitCalled(`the module called process.exit(${code ?? ''}) instead of returning a StepResult`);
  }) as typeof process.exit;
}

const systems = new Map<string, Promise<SystemUnderTest>>();
const configs = new Map<string, KernelConfig>();

export class ModuleShapeError extends Error {
  override readonly name = 'ModuleShapeError';
}

async function loadSystem(path: string): Promise<SystemUnderTest> {
  if (!isAbsolute(path)) throw new ModuleShapeError(`module path must be absolute, got ${path}`);
  // No load deadline of its own: the pool's watchdog decides when a load that never settles is a finding.
  const mod = await loadModule('--kernel', path, 2 ** 31 - 1);
  const sut = (mod['sut'] ?? mod['default']) as Partial<SystemUnderTest> | undefined;
  if (!sut || typeof sut.step !== 'function' || typeof sut.name !== 'string') {
    throw new ModuleShapeError('must export `sut` (or default) = { name, step(state, input), writeRows(records) | null }');
  }
  return { name: sut.name, step: sut.step, writeRows: sut.writeRows ?? null };
}

export function systemOf(spec: Pick<SystemSpec, 'kernelModule'> & Partial<Pick<SystemSpec, 'kernelCommand' | 'timeoutMs'>>): Promise<SystemUnderTest> {
  if (spec.kernelCommand) {
    // One child per worker thread, started at its first task and kept across tasks.
    const key = `cmd:${spec.kernelCommand}:${spec.timeoutMs ?? 5000}`;
    let s = systems.get(key);
    if (!s) {
      const command = spec.kernelCommand;
      s = Promise.resolve().then(() => kernelChildSut(command, { timeoutMs: spec.timeoutMs ?? 5000 }));
      systems.set(key, s);
    }
    return s;
  }
  if (spec.kernelModule === null) return Promise.resolve(REFERENCE);
  let s = systems.get(spec.kernelModule);
  if (!s) {
    s = loadSystem(spec.kernelModule);
    systems.set(spec.kernelModule, s);
  }
  return s;
}


export function configOf(t: ConfigText): KernelConfig {
  const key = JSON.stringify(t);
  let c = configs.get(key);
  if (!c) {
    c = makeConfig({ slotCount: t.slotCount, initialCapital: t.initialCapital, quoteAsset: t.quoteAsset, instruments: t.instruments });
    configs.set(key, c);
  }
  return c;
}

function hooksOf(spec: SystemSpec, run: { index: number }): StepHooks | undefined {
  const port = spec.port;
  if (!port) return undefined;
  return { beforeStep: (input, step) => port.postMessage({ run: run.index, step, input } satisfies Heartbeat) };
}

async function contextOf(spec: SystemSpec, run: { index: number }): Promise<PassContext> {
  const sut = await systemOf(spec);
  spec.port?.postMessage('loaded');
  const hooks = hooksOf(spec, run);
  return {
    sut, config: configOf(spec.config), invariants: sut.blackBox?.plan.invariants ?? CATALOGUE, seed: spec.seed, runs: spec.runs, stepCountMax: spec.stepCountMax,
    replay: (f) => spec.replayTemplate.replace('{file}', f ?? '<file>'), without: spec.without as ActionKind[], ...(hooks ? { hooks } : {}),
  };
}

async function describe(t: DescribeTask): Promise<{ name: string }> {
  const sut = await systemOf(t);
  return { name: sut.name };
}

async function chunk(t: ChunkTask): Promise<ChunkResult> {
  const run = { index: t.start };
  const ctx = await contextOf(t, run);
  const skip = new Set(t.skip);
  const coverage = emptyCoverage();
  const exercised: Record<string, number> = Object.fromEntries(ctx.invariants.map((i) => [i.id, 0]));
  const failures: RunFailure[] = [];
  let determinismRuns = 0;
  let counted = 0;
  for (let k = 0; k < t.cases.length; k++) {
    run.index = t.start + k;
    const determinism = run.index < t.determinismRuns;
    const r = checkCase(ctx, t.cases[k]!, skip, determinism);
    const failed = r.violations.length > 0;
    if (failures.length === 0) {
      // Pass 0 counts runs up to its first failure, as the in-process runner does.
      if (determinism && !r.exec.fault) determinismRuns++;
      counted++;
      addTrace(coverage, r.exec.trace);
      for (const [id, n] of r.checked.exercised) exercised[id] = (exercised[id] ?? 0) + n;
    }
    if (failed) {
      failures.push({
        index: run.index, ids: r.checked.violations.map((v) => v.invariantId), fault: r.exec.fault !== null,
        determinismFailed: r.violations.length > r.checked.violations.length,
      });
    }
  }
  return { failures, coverage, exercised, determinismRuns, counted };
}

async function shrink(t: ShrinkTask): Promise<ShrinkResult> {
  const ctx = await contextOf(t, { index: t.index });
  return shrinkRun(ctx, t.index, new Set(t.skip), t.determinism, t.timeLimitMs ?? undefined);
}

async function corpus(t: CorpusTask): Promise<(Failure | null)[]> {
  const run = { index: -1 };
  const ctx = await contextOf(t, run);
  return t.files.map((c, i) => {
    run.index = -1 - i;
    const exec = executeInputs(ctx.sut, ctx.config, c.inputs, ctx.hooks);
    const v = checkExecution(exec, ctx.invariants).violations[0];
    if (!v) return null;
    const cx = { ...counterexampleOf(v, exec, ctx.replay), file: c.file, replayCommand: ctx.replay(c.file) };
    return { signature: signatureOf(v, exec), invariantId: v.invariantId, origin: 'corpus', occurrences: 1, counterexample: cx, seed: t.seed, path: null, shrinks: 0 };
  });
}

/** The pool's one entry point: tinypool calls it with each task. */
export default async function runTask(t: Task): Promise<unknown> {
  switch (t.kind) {
    case 'describe':
      return describe(t);
    case 'chunk':
      return chunk(t);
    case 'shrink':
      return shrink(t);
    case 'corpus':
      return corpus(t);
  }
}
