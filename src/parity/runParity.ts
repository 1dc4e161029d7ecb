// Parity runs: the gate's generated inputs through the reference kernel and a candidate, compared step by
// step; the first divergence is shrunk by fast-check to a minimal input sequence and named by step, family,
// row and column with both values. A candidate that crashes, hangs or breaks the protocol is a finding.
import fc from 'fast-check';
import { describeInput } from '../driver/describe.ts';
import { initialState } from '../kernel/state.ts';
import { step } from '../kernel/step.ts';
import type { KernelConfig, KernelInput, KernelState } from '../kernel/types.ts';
import { CORE_MIX, gateCaseArb, type GateCase } from '../gate/actions.ts';
import { executeActions } from '../gate/execute.ts';
import { REFERENCE } from '../gate/systemUnderTest.ts';
import { ProtocolFault } from '../protocol/jsonLinesChild.ts';
import { StepViewer, type Candidate } from './candidate.ts';
import { compareStep, type Divergence } from './compare.ts';

export interface ParityOptions {
  readonly candidate: Candidate;
  readonly config: KernelConfig;
  readonly runs: number;
  readonly seed: number;
  readonly stepCountMax: number;
  readonly mix: 'full' | 'core';
  readonly onProgress?: (done: number, total: number) => void;
  /** Once the candidate has timed out, shrinking stops after this long (each step could wait a full timeout). */
  readonly shrinkTimeBudgetMs?: number;
}

/** Default bound on shrinking after a timeout (spec/reliability.md). */
export const SHRINK_AFTER_TIMEOUT_BUDGET_MS = 10_000;

export interface ParityFinding {
  readonly signature: string;
  readonly divergence: Divergence | null;
  readonly fault: { readonly kind: string; readonly message: string; readonly stderrTail: string } | null;
  readonly inputs: readonly KernelInput[];
  readonly steps: readonly { step: number; input: string }[];
  readonly shrinks: number;
  /** Set when shrinking was cut short by its time bound (after a timeout): why, for the output. */
  readonly shrinkBounded?: string;
}

export interface ParityResult {
  readonly status: 'parity' | 'divergent';
  readonly candidate: string;
  readonly comparedRows: boolean;
  readonly seed: number;
  readonly runsPlanned: number;
  readonly runsDone: number;
  readonly inputsCompared: number;
  readonly rowsCompared: number;
  readonly mix: string;
  /** The first finding (null in parity). */
  readonly finding: ParityFinding | null;
  /** Every distinct divergence found, one per signature, each shrunk. */
  readonly findings: readonly ParityFinding[];
}

interface CaseOutcome {
  readonly divergence: Divergence | null;
  readonly fault: ProtocolFault | null;
  readonly inputs: readonly KernelInput[];
  readonly rows: number;
}

/** Runs one case's concrete inputs through both kernels; stops at the first divergence or fault. */
export async function compareInputs(candidate: Candidate, config: KernelConfig, inputs: readonly KernelInput[]): Promise<CaseOutcome> {
  const viewer = new StepViewer();
  let state: KernelState = initialState(config);
  let rows = 0;
  try {
    await candidate.reset(config);
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const before = state;
      const result = step(before, input);
      state = result.state;
      const ref = viewer.view(before, input, result);
      const cand = await candidate.step(input);
      const divergence = compareStep(i, ref, cand, candidate.writesRows);
      rows += Object.values(ref.rows ?? {}).reduce((n, rs) => n + rs.length, 0);
      if (divergence) return { divergence, fault: null, inputs: inputs.slice(0, i + 1), rows };
    }
  } catch (e) {
    if (e instanceof ProtocolFault) return { divergence: null, fault: e, inputs, rows };
    throw e;
  }
  return { divergence: null, fault: null, inputs, rows };
}

function signatureOf(o: CaseOutcome): string {
  if (o.fault) return `protocol ${o.fault.kind}`;
  const d = o.divergence!;
  return `${d.where}${d.row !== null ? `[${d.row}]` : ''}.${d.column}`.replace(/^slot\.slot \d+\./, 'slot.');
}

/** Distinct divergence signatures to look for; each needs its own search. */
const MAX_FINDINGS = 4;

function findingOf(outcome: CaseOutcome, shrinks: number): ParityFinding {
  return {
    signature: signatureOf(outcome), divergence: outcome.divergence,
    fault: outcome.fault ? { kind: outcome.fault.kind, message: outcome.fault.message, stderrTail: outcome.fault.stderrTail } : null,
    inputs: outcome.inputs, steps: outcome.inputs.map((input, step) => ({ step, input: describeInput(input) })), shrinks,
  };
}

export async function runParity(o: ParityOptions): Promise<ParityResult> {
  let runsDone = 0;
  let inputsCompared = 0;
  let rowsCompared = 0;
  const arb = gateCaseArb(o.config.slotCount, o.stepCountMax, o.mix === 'core' ? CORE_MIX : undefined);
  const inputsOf = (gcase: GateCase) => executeActions(REFERENCE, o.config, gcase.actions).inputs;
  const findings: ParityFinding[] = [];
  const known = new Set<string>();
  // Each pass stops at its first divergence with a signature not yet known and shrinks it; the next pass
  // treats known signatures as agreed, so one run reports each distinct divergence once.
  const shrinkBudgetMs = o.shrinkTimeBudgetMs ?? SHRINK_AFTER_TIMEOUT_BUDGET_MS;
  for (let pass = 0; pass < MAX_FINDINGS; pass++) {
    let failedYet = false;
    let shrinkDeadline: number | null = null;
    let bounded = false;
    const details = await fc.check(fc.asyncProperty(arb, async (gcase) => {
      // Past the bound, every remaining shrink candidate counts as agreeing: fast-check keeps the smallest
      // failing case found so far, without waiting another timeout per step.
      if (shrinkDeadline !== null && performance.now() > shrinkDeadline) {
        bounded = true;
        return true;
      }
      const outcome = await compareInputs(o.candidate, o.config, inputsOf(gcase));
      if (pass === 0 && !failedYet) {
        runsDone++;
        inputsCompared += outcome.inputs.length;
        rowsCompared += outcome.rows;
        o.onProgress?.(runsDone, o.runs);
      }
      const ok = (!outcome.divergence && !outcome.fault) || known.has(signatureOf(outcome));
      if (!ok) failedYet = true;
      if (!ok && outcome.fault?.kind === 'timeout' && shrinkDeadline === null) shrinkDeadline = performance.now() + shrinkBudgetMs;
      return ok;
    }), { seed: o.seed, numRuns: o.runs });
    if (!details.failed || !details.counterexample) break;
    const inputs = inputsOf(details.counterexample[0]);
    const outcome = await compareInputs(o.candidate, o.config, inputs);
    const finding = outcome.divergence || outcome.fault
      ? findingOf(outcome, details.numShrinks)
      // It diverged once and not on the re-run: the candidate is not deterministic, itself a finding.
      : {
        signature: 'candidate not deterministic', divergence: null,
        fault: { kind: 'nondeterministic', message: 'the candidate diverged on these inputs once and not when they were replayed', stderrTail: '' },
        inputs, steps: inputs.map((input, step) => ({ step, input: describeInput(input) })), shrinks: details.numShrinks,
      };
    if (known.has(finding.signature)) break;
    findings.push(bounded ? { ...finding, shrinkBounded: `shrinking stopped after ${shrinkBudgetMs / 1000} s: the candidate had timed out, and each step could wait a full timeout` } : finding);
    known.add(finding.signature);
    if (finding.fault) break;
  }
  return {
    status: findings.length > 0 ? 'divergent' : 'parity', candidate: o.candidate.name, comparedRows: o.candidate.writesRows, seed: o.seed,
    runsPlanned: o.runs, runsDone, inputsCompared, rowsCompared, mix: o.mix, finding: findings[0] ?? null, findings,
  };
}
