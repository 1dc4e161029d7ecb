// Parity runs: the gate's generated inputs (and the corpus's concrete ones) through the reference kernel and a
// candidate, compared step by step. A census pass over every run counts each distinct first-divergence signature;
// then one fast-check pass per signature (up to a cap) shrinks it to a minimal input sequence. A candidate that
// crashes, hangs or breaks the protocol is a finding too.
import fc from 'fast-check';
import { describeInput } from '../driver/describe.ts';
import { initialState } from '../kernel/state.ts';
import { step } from '../kernel/step.ts';
import type { KernelConfig, KernelInput, KernelState } from '../kernel/types.ts';
import { CORE_MIX, gateCaseArb, type GateCase } from '../gate/actions.ts';
import { executeActions } from '../gate/execute.ts';
import { REFERENCE } from '../gate/systemUnderTest.ts';
import { STEP_CONTRACT_ID } from '../gate/stepContract.ts';
import type { OnProgress } from '../runner/progress.ts';
import { ProtocolFault } from '../protocol/jsonLinesChild.ts';
import { ModuleFault, type Candidate, type CandidateFault } from './candidate.ts';
import { compareStep, signatureOf as divergenceSignature, type Divergence } from './compare.ts';
import { EXACT_POLICY, type ComparePolicy } from './comparePolicy.ts';
import { StepViewer, type StepView } from './stepView.ts';

export interface ParityOptions {
  readonly candidate: Candidate;
  readonly config: KernelConfig;
  readonly runs: number;
  readonly seed: number;
  readonly stepCountMax: number;
  readonly mix: 'full' | 'core';
  readonly policy?: ComparePolicy;
  /** Distinct signatures shrunk at most; the rest are counted. */
  readonly findingCountMax?: number;
  /** Concrete input sequences compared first (corpus/ files): regression cases. */
  readonly corpus?: readonly { readonly file: string; readonly inputs: readonly KernelInput[] }[];
  readonly onProgress?: OnProgress;
  /** Once the candidate has timed out, shrinking stops after this long (each step could wait a full timeout). */
  readonly shrinkTimeBudgetMs?: number;
}

/** Default bound on shrinking after a timeout (spec/reliability.md). */
export const SHRINK_AFTER_TIMEOUT_BUDGET_MS = 10_000;

export interface ParityFinding {
  readonly signature: string;
  readonly origin: 'generated' | 'corpus';
  /** The first difference at the divergent step (null for a protocol fault). */
  readonly divergence: Divergence | null;
  /** Every difference at the divergent step. */
  readonly divergences: readonly Divergence[];
  readonly fault: { readonly kind: string; readonly message: string; readonly stderrTail: string } | null;
  readonly inputs: readonly KernelInput[];
  readonly steps: readonly { step: number; input: string }[];
  readonly shrinks: number;
  /** Set when shrinking was cut short by its time bound (after a timeout): why, for the output. */
  readonly shrinkBounded?: string;
  /** Generated runs whose first divergence has this signature (corpus findings: 1). */
  occurrences: number;
  /** Set once its counterexample file is written. */
  file: string | null;
  replayCommand: string | null;
}

export interface ParityResult {
  /** The command line that made the run (set by the CLI; shown in the report's parity section). */
  command?: string;
  readonly status: 'parity' | 'divergent';
  readonly candidate: string;
  readonly comparedRows: boolean;
  readonly seed: number;
  readonly runsPlanned: number;
  readonly runsDone: number;
  readonly inputsCompared: number;
  readonly rowsCompared: number;
  readonly mix: string;
  /** --ignore / --tolerance as given. */
  readonly setAside: readonly string[];
  readonly corpusFiles: number;
  /** The first finding (null in parity). */
  readonly finding: ParityFinding | null;
  /** Every distinct divergence, one per signature, each shrunk (up to the cap). */
  readonly findings: readonly ParityFinding[];
  /** Distinct signatures beyond the cap: counted over the runs, not shrunk. */
  readonly divergencesNotShrunk: number;
  /** The time budget (or a signal) stopped the run before every planned run was compared. */
  readonly interrupted?: boolean;
  /** Worker threads the run used (absent: in-process, on the main thread). */
  readonly workers?: number;
}

export interface CaseOutcome {
  readonly divergences: readonly Divergence[];
  readonly fault: CandidateFault | null;
  /** The inputs up to and including the divergent step (all of them when none). */
  readonly inputs: readonly KernelInput[];
  readonly rows: number;
  readonly reference: readonly StepView[];
  readonly candidate: readonly StepView[];
}

/** The reference kernel's views of a concrete input sequence (what a counterexample file stores). */
export function referenceViews(config: KernelConfig, inputs: readonly KernelInput[]): StepView[] {
  const viewer = new StepViewer();
  let state: KernelState = initialState(config);
  return inputs.map((input) => {
    const before = state;
    const result = step(before, input);
    state = result.state;
    return viewer.view(before, input, result);
  });
}

/** Runs one case's concrete inputs through both kernels; stops at the first divergent step or fault. */
export async function compareInputs(candidate: Candidate, config: KernelConfig, inputs: readonly KernelInput[], policy: ComparePolicy = EXACT_POLICY): Promise<CaseOutcome> {
  const reference = referenceViews(config, inputs);
  const seen: StepView[] = [];
  let rows = 0;
  try {
    await candidate.reset(config);
    for (let i = 0; i < inputs.length; i++) {
      const ref = reference[i]!;
      const cand = await candidate.step(inputs[i]!);
      seen.push(cand);
      rows += Object.values(ref.rows ?? {}).reduce((n, rs) => n + rs.length, 0);
      const divergences = compareStep(i, ref, cand, candidate.writesRows, policy);
      if (divergences.length > 0) return { divergences, fault: null, inputs: inputs.slice(0, i + 1), rows, reference: reference.slice(0, i + 1), candidate: seen };
    }
  } catch (e) {
    if (e instanceof ProtocolFault || e instanceof ModuleFault) return { divergences: [], fault: e, inputs: inputs.slice(0, seen.length + 1), rows, reference: reference.slice(0, seen.length + 1), candidate: seen };
    throw e;
  }
  return { divergences: [], fault: null, inputs, rows, reference, candidate: seen };
}

/** A module's broken step contract is named by its invariant; everything else a candidate does instead of answering is a protocol fault. */
export function caseSignature(o: CaseOutcome): string | null {
  if (o.fault) return o.fault.kind === 'step_contract' ? STEP_CONTRACT_ID : `protocol ${o.fault.kind}`;
  const d = o.divergences[0];
  return d ? divergenceSignature(d) : null;
}

export function findingOf(outcome: CaseOutcome, shrinks: number, origin: ParityFinding['origin']): ParityFinding {
  return {
    signature: caseSignature(outcome) ?? 'candidate not deterministic', origin, divergence: outcome.divergences[0] ?? null, divergences: outcome.divergences,
    fault: outcome.fault ? { kind: outcome.fault.kind, message: outcome.fault.message, stderrTail: outcome.fault.stderrTail } : null,
    inputs: outcome.inputs, steps: outcome.inputs.map((input, i) => ({ step: i, input: describeInput(input) })), shrinks, occurrences: 1, file: null, replayCommand: null,
  };
}

/** Default cap on shrunk signatures: each needs its own search. */
export const FINDING_COUNT_MAX = 10;

/** Parity's generated cases: the gate's, in the full or the core mix. */
export function parityArb(config: KernelConfig, stepCountMax: number, mix: 'full' | 'core'): fc.Arbitrary<GateCase> {
  return gateCaseArb(config.slotCount, stepCountMax, mix === 'core' ? CORE_MIX : undefined);
}

/** A generated case's concrete inputs, as the reference kernel's driver builds them. */
export function parityInputs(config: KernelConfig, gcase: GateCase): readonly KernelInput[] {
  return executeActions(REFERENCE, config, gcase.actions).inputs;
}

export const SHRINK_BOUNDED = (budgetMs: number) => `shrinking stopped after ${budgetMs / 1000} s: the candidate had timed out, and each step could wait a full timeout`;

/**
 * One pass for a new signature: the first run (from `path`'s run, or from the first) whose signature is not yet
 * known, shrunk; null when every run agrees or is known. The in-process runner and the pool's workers share it.
 */
export async function shrinkNewSignature(
  candidate: Candidate, config: KernelConfig, arb: fc.Arbitrary<GateCase>, policy: ComparePolicy, known: ReadonlySet<string>,
  run: { seed: number; runs: number; path?: string; shrinkBudgetMs: number },
): Promise<ParityFinding | null> {
  let shrinkDeadline: number | null = null;
  let bounded = false;
  const details = await fc.check(fc.asyncProperty(arb, async (gcase) => {
    // Past the bound, every remaining shrink candidate counts as agreeing: fast-check keeps the smallest
    // failing case found so far, without waiting another timeout per step.
    if (shrinkDeadline !== null && performance.now() > shrinkDeadline) {
      bounded = true;
      return true;
    }
    const outcome = await compareInputs(candidate, config, parityInputs(config, gcase), policy);
    const sig = caseSignature(outcome);
    const ok = sig === null || known.has(sig);
    if (!ok && outcome.fault?.kind === 'timeout' && shrinkDeadline === null) shrinkDeadline = performance.now() + run.shrinkBudgetMs;
    return ok;
  }), { seed: run.seed, numRuns: run.runs, ...(run.path !== undefined ? { path: run.path } : {}) });
  if (!details.failed || !details.counterexample) return null;
  const outcome = await compareInputs(candidate, config, parityInputs(config, details.counterexample[0]), policy);
  const finding = caseSignature(outcome) !== null
    ? findingOf(outcome, details.numShrinks, 'generated')
    // It diverged once and not on the re-run: the candidate is not deterministic, itself a finding.
    : { ...findingOf(outcome, details.numShrinks, 'generated'), fault: { kind: 'nondeterministic', message: 'the candidate diverged on these inputs once and not when they were replayed', stderrTail: '' } };
  return bounded ? { ...finding, shrinkBounded: SHRINK_BOUNDED(run.shrinkBudgetMs) } : finding;
}

export async function runParity(o: ParityOptions): Promise<ParityResult> {
  const policy = o.policy ?? EXACT_POLICY;
  const cap = o.findingCountMax ?? FINDING_COUNT_MAX;
  const arb = parityArb(o.config, o.stepCountMax, o.mix);
  const inputsOf = (gcase: GateCase) => parityInputs(o.config, gcase);
  const findings: ParityFinding[] = [];
  const known = new Set<string>();

  // 1. Corpus: concrete regression cases, not shrunk.
  for (const c of o.corpus ?? []) {
    const outcome = await compareInputs(o.candidate, o.config, c.inputs, policy);
    const sig = caseSignature(outcome);
    if (sig !== null && !known.has(sig)) {
      findings.push(findingOf(outcome, 0, 'corpus'));
      known.add(sig);
    }
  }

  // 2. Census: every generated run once, counting first-divergence signatures (how often, and how many distinct).
  let runsDone = 0;
  let inputsCompared = 0;
  let rowsCompared = 0;
  let divergentRuns = 0;
  const census = new Map<string, number>();
  let censusFault = false;
  await fc.assert(fc.asyncProperty(arb, async (gcase) => {
    // A candidate that broke the protocol is restarted per run; one fault is enough to report it.
    if (censusFault) return;
    const outcome = await compareInputs(o.candidate, o.config, inputsOf(gcase), policy);
    runsDone++;
    inputsCompared += outcome.inputs.length;
    rowsCompared += outcome.rows;
    const sig = caseSignature(outcome);
    if (sig !== null) census.set(sig, (census.get(sig) ?? 0) + 1);
    if (sig !== null) divergentRuns++;
    if (outcome.fault) censusFault = true;
    o.onProgress?.(runsDone, o.runs, divergentRuns, inputsCompared);
  }), { seed: o.seed, numRuns: o.runs });

  // 3. One pass per new signature: stop at the first run with a signature not yet known and shrink it.
  // After a timeout, each shrink step could wait a full timeout again: shrinking is bounded in time.
  const shrinkBudgetMs = o.shrinkTimeBudgetMs ?? SHRINK_AFTER_TIMEOUT_BUDGET_MS;
  let faulted = findings.some((f) => f.fault !== null);
  while (!faulted && census.size > 0 && findings.filter((f) => f.origin === 'generated').length < cap && [...census.keys()].some((s) => !known.has(s))) {
    const finding = await shrinkNewSignature(o.candidate, o.config, arb, policy, known, { seed: o.seed, runs: o.runs, shrinkBudgetMs });
    if (!finding || known.has(finding.signature)) break;
    findings.push(finding);
    known.add(finding.signature);
    faulted = finding.fault !== null;
  }
  for (const f of findings) if (f.origin === 'generated') f.occurrences = census.get(f.signature) ?? 1;
  const notShrunk = [...census.keys()].filter((s) => !known.has(s)).length;
  return {
    status: findings.length > 0 || notShrunk > 0 ? 'divergent' : 'parity', candidate: o.candidate.name, comparedRows: o.candidate.writesRows, seed: o.seed,
    runsPlanned: o.runs, runsDone, inputsCompared, rowsCompared, mix: o.mix, setAside: policy.setAside, corpusFiles: o.corpus?.length ?? 0,
    finding: findings[0] ?? null, findings, divergencesNotShrunk: notShrunk,
  };
}
