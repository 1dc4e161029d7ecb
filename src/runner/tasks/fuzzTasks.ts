// Adapter-fuzz tasks in a pool worker: the adapter module is loaded here (never on the main thread), and each
// call into it (the factory, every handle) is announced to the watchdog first, so a call that loops, blocks or
// ends the thread is a finding. Results cross back as plain data (a trace holds Decimals: only its timeline does).
import type { MessagePort } from 'node:worker_threads';
import fc from 'fast-check';
import type { AdapterFactory, AdapterUnderTest } from '../../adapters/contract.ts';
import { loadAdapterFactory } from '../../adapters/loadAdapter.ts';
import { fuzzCaseArb } from '../../adapters/fuzz/arbitraries.ts';
import type { FuzzCase } from '../../adapters/fuzz/fuzzCase.ts';
import type { FuzzProfile } from '../../adapters/fuzz/profile.ts';
import { checksFor, checkTrace, replayCase, type Counterexample } from '../../adapters/fuzz/runFuzz.ts';
import { executeCase } from '../../adapters/executor.ts';
import type { AdapterCapabilities } from '../../adapters/contract.ts';
import type { BehaviourCounts } from '../../venue/simulator/behaviours.ts';
import type { Heartbeat } from '../watchdog.ts';

export interface FuzzSpec {
  /** Path of the adapter module as given; null: no module (warming a thread). */
  readonly adapterModule: string | null;
  readonly profile: FuzzProfile;
  readonly seed: number;
  readonly runs: number;
  readonly kernelInvariants: boolean;
  readonly shrinkBudgetMs: number;
  readonly port?: MessagePort;
}

export type FuzzTask =
  | (FuzzSpec & { readonly kind: 'fuzz-describe' })
  | (FuzzSpec & { readonly kind: 'fuzz-chunk'; readonly start: number; readonly cases: readonly FuzzCase[] })
  | (FuzzSpec & { readonly kind: 'fuzz-shrink'; readonly index: number; readonly timeLimitMs: number | null });

/** One generated run, as the in-process runner counts it. */
export interface FuzzRun {
  readonly violated: readonly string[];
  readonly exercised: Readonly<Record<string, number>>;
  readonly coverage: BehaviourCounts;
  readonly capabilities: AdapterCapabilities | null;
  /** Kernel steps the run took (progress's inputs checked). */
  readonly inputs: number;
}

export interface FuzzShrunk {
  readonly failed: boolean;
  readonly shrinks: number;
  readonly path: string | null;
  readonly interrupted: boolean;
  /** Without its trace (see above). */
  readonly counterexample: Counterexample | null;
  readonly bounded: boolean;
}

const factories = new Map<string, Promise<AdapterFactory>>();

function factoryOf(path: string): Promise<AdapterFactory> {
  let f = factories.get(path);
  if (!f) {
    f = loadAdapterFactory(path);
    factories.set(path, f);
  }
  return f;
}

/** The factory and every handle() announced to the watchdog; `run.index` says which run it is watching. */
function watched(factory: AdapterFactory, port: MessagePort | undefined, run: { index: number }): AdapterFactory {
  if (!port) return factory;
  let call = 0;
  const beat = (input: string) => port.postMessage({ run: run.index, step: call++, input } satisfies Heartbeat);
  return async (config) => {
    call = 0;
    beat('createAdapter');
    const adapter: AdapterUnderTest = await factory(config);
    if (!adapter || typeof adapter.handle !== 'function') return adapter;
    return {
      get capabilities() {
        return adapter.capabilities;
      },
      handle(event) {
        beat(`handle(${event.type === 'command' ? `${event.type} ${event.command.type} ${event.command.clientOrderId}` : event.type})`);
        return adapter.handle(event);
      },
    };
  };
}

export async function runFuzzTask(t: FuzzTask): Promise<unknown> {
  if (t.adapterModule === null) return {};
  const run = { index: 0 };
  const factory = watched(await factoryOf(t.adapterModule), t.port, run);
  t.port?.postMessage('loaded');
  const checks = await checksFor(t.kernelInvariants);
  const options = { callTimeoutMs: t.profile.callTimeoutMs };
  switch (t.kind) {
    case 'fuzz-describe':
      return {};
    case 'fuzz-chunk': {
      const out: FuzzRun[] = [];
      for (let k = 0; k < t.cases.length; k++) {
        run.index = t.start + k;
        const trace = await executeCase(t.cases[k]!, factory, options);
        const r = checkTrace(trace, checks);
        out.push({ violated: r.violations.map((v) => v.invariantId), exercised: Object.fromEntries(r.exercised), coverage: trace.coverage, capabilities: trace.capabilities, inputs: trace.records.length });
      }
      return out;
    }
    case 'fuzz-shrink': {
      run.index = t.index;
      let shrinkDeadline: number | null = null;
      let bounded = false;
      const property = fc.asyncProperty(fuzzCaseArb(t.profile), async (fuzzCase) => {
        // Past the bound every remaining shrink candidate counts as passing (runFuzz.ts does the same).
        if (shrinkDeadline !== null && performance.now() > shrinkDeadline) {
          bounded = true;
          return true;
        }
        const trace = await executeCase(fuzzCase, factory, options);
        const failed = checkTrace(trace, checks).violations.length > 0;
        if (failed && shrinkDeadline === null && trace.faults.some((f) => f.kind === 'timeout')) shrinkDeadline = performance.now() + t.shrinkBudgetMs;
        return !failed;
      });
      const details = await fc.check(property, {
        seed: t.seed, numRuns: t.runs, path: String(t.index),
        ...(t.timeLimitMs !== null ? { interruptAfterTimeLimit: t.timeLimitMs, markInterruptAsFailure: false } : {}),
      });
      let counterexample: Counterexample | null = null;
      if (details.failed && details.counterexample) {
        const replayed = await replayCase(details.counterexample[0], factory, t.profile, t.kernelInvariants);
        if ('primary' in replayed) counterexample = { fuzzCase: replayed.fuzzCase, timeline: replayed.timeline, violations: replayed.violations, primary: replayed.primary };
      }
      return {
        failed: details.failed, shrinks: details.numShrinks, path: details.counterexamplePath ?? null, interrupted: details.interrupted, counterexample, bounded,
      } satisfies FuzzShrunk;
    }
  }
}
