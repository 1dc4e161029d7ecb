// Parity's tasks in a pool worker: the candidate module is loaded here (never on the main thread), each of its
// steps announced to the watchdog first, so a step that loops, blocks or ends the thread is a finding.
import type { MessagePort } from 'node:worker_threads';
import type { KernelInput } from '../../kernel/types.ts';
import type { GateCase } from '../../gate/actions.ts';
import type { ConfigText } from '../../gate/parallel/tasks.ts';
import { configOf, systemOf } from '../../gate/parallel/worker.ts';
import { inProcessCandidate, type Candidate } from '../../parity/candidate.ts';
import { parsePolicy } from '../../parity/comparePolicy.ts';
import { caseSignature, compareInputs, findingOf, parityArb, parityInputs, shrinkNewSignature, type ParityFinding } from '../../parity/runParity.ts';
import type { Heartbeat } from '../watchdog.ts';

export interface ParitySpec {
  /** Absolute path of the candidate module; null: the reference kernel (warming a thread). */
  readonly candidateModule: string | null;
  readonly config: ConfigText;
  readonly seed: number;
  readonly runs: number;
  readonly stepCountMax: number;
  readonly mix: 'full' | 'core';
  /** --ignore / --tolerance / --force as given (a ComparePolicy holds Decimals, which do not cross threads). */
  readonly policy: { readonly ignore: readonly string[]; readonly tolerance: readonly string[]; readonly force: boolean };
  readonly shrinkBudgetMs: number;
  readonly port?: MessagePort;
}

export type ParityTask =
  | (ParitySpec & { readonly kind: 'parity-describe' })
  | (ParitySpec & { readonly kind: 'parity-corpus'; readonly files: readonly { readonly file: string; readonly inputs: readonly KernelInput[] }[] })
  | (ParitySpec & { readonly kind: 'parity-census'; readonly start: number; readonly cases: readonly GateCase[] })
  | (ParitySpec & { readonly kind: 'parity-shrink'; readonly index: number; readonly known: readonly string[] });

/** One generated run's census entry. */
export interface CensusRun {
  readonly signature: string | null;
  readonly fault: boolean;
  readonly inputs: number;
  readonly rows: number;
}

/** The candidate with a heartbeat before each step: `run.index` says which run the watchdog is watching. */
async function watchedCandidate(spec: ParitySpec, run: { index: number }): Promise<Candidate> {
  const sut = await systemOf({ kernelModule: spec.candidateModule });
  spec.port?.postMessage('loaded');
  const inner = inProcessCandidate(sut, spec.candidateModule);
  const port = spec.port;
  let stepIndex = 0;
  return {
    ...inner,
    async reset(config) {
      stepIndex = 0;
      return inner.reset(config);
    },
    async step(input) {
      port?.postMessage({ run: run.index, step: stepIndex++, input } satisfies Heartbeat);
      return inner.step(input);
    },
  };
}

export async function runParityTask(t: ParityTask): Promise<unknown> {
  const run = { index: 0 };
  const candidate = await watchedCandidate(t, run);
  const config = configOf(t.config);
  const policy = parsePolicy(t.policy.ignore, t.policy.tolerance, t.policy.force);
  switch (t.kind) {
    case 'parity-describe':
      return { name: candidate.name, writesRows: candidate.writesRows };
    case 'parity-corpus': {
      const out: (ParityFinding | null)[] = [];
      for (let i = 0; i < t.files.length; i++) {
        run.index = -1 - i;
        const outcome = await compareInputs(candidate, config, t.files[i]!.inputs, policy);
        out.push(caseSignature(outcome) === null ? null : findingOf(outcome, 0, 'corpus'));
      }
      return out;
    }
    case 'parity-census': {
      const out: CensusRun[] = [];
      for (let k = 0; k < t.cases.length; k++) {
        run.index = t.start + k;
        const outcome = await compareInputs(candidate, config, parityInputs(config, t.cases[k]!), policy);
        out.push({ signature: caseSignature(outcome), fault: outcome.fault !== null, inputs: outcome.inputs.length, rows: outcome.rows });
      }
      return out;
    }
    case 'parity-shrink': {
      run.index = t.index;
      return shrinkNewSignature(candidate, config, parityArb(config, t.stepCountMax, t.mix), policy, new Set(t.known), {
        seed: t.seed, runs: t.runs, path: String(t.index), shrinkBudgetMs: t.shrinkBudgetMs,
      });
    }
  }
}
