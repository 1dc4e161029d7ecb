// Replays a parity counterexample file step by step through the reference kernel and a candidate, and shows
// both sides at the divergent step: the same comparison (and the same --ignore/--tolerance) the run used.
import { configOf, type CounterexampleFile } from '../gate/counterexampleFile.ts';
import { describeInput } from '../driver/describe.ts';
import { Decimal } from '../kernel/decimal.ts';
import { renderTable } from '../cli/output.ts';
import type { Candidate } from './candidate.ts';
import { compareStep, type Divergence } from './compare.ts';
import { EXACT_POLICY, type ComparePolicy } from './comparePolicy.ts';
import { divergenceTable } from './renderParity.ts';
import { compareInputs } from './runParity.ts';
import type { CommandView, OutcomeView, StepView } from './stepView.ts';

export interface ParityReplay {
  readonly candidate: string;
  readonly recordedStep: number | null;
  readonly recordedSignature: string;
  /** The first divergent step now (null: the candidate agrees at every step). */
  readonly step: number | null;
  readonly divergences: readonly Divergence[];
  readonly fault: string | null;
  readonly steps: readonly { readonly step: number; readonly input: string; readonly reference: string; readonly candidate: string }[];
  readonly reference: StepView | null;
  readonly candidateView: StepView | null;
  /** Steps at which the reference kernel no longer gives the outputs the file recorded (the reference changed). */
  readonly referenceChangedAt: readonly number[];
}

export function policyOf(file: CounterexampleFile): ComparePolicy {
  const p = file.parity;
  if (!p) return EXACT_POLICY;
  return { ignore: new Set(p.ignore), tolerance: new Map(Object.entries(p.tolerance).map(([k, v]) => [k, new Decimal(v)])), setAside: [...p.setAside] };
}

function outcomeText(o: OutcomeView | undefined): string {
  return o ? `${o.accepted ? 'accepted' : 'rejected'} ${o.diagnostic_code}${o.state ? ` → ${o.state}` : ''}` : '(no reply)';
}

export async function replayParity(file: CounterexampleFile, candidate: Candidate): Promise<ParityReplay> {
  const config = configOf(file);
  const outcome = await compareInputs(candidate, config, file.inputs, policyOf(file));
  const stored = (file.parity?.reference ?? []) as StepView[];
  const referenceChangedAt = outcome.reference.flatMap((view, i) => (stored[i] && compareStep(i, stored[i]!, view, true).length > 0 ? [i] : []));
  const last = outcome.inputs.length - 1;
  const diverged = outcome.divergences.length > 0 || outcome.fault !== null;
  return {
    candidate: candidate.name, recordedStep: file.parity?.step ?? null, recordedSignature: file.signature,
    step: diverged ? last : null, divergences: outcome.divergences, fault: outcome.fault ? `${outcome.fault.kind}: ${outcome.fault.message}` : null,
    steps: outcome.inputs.map((input, i) => ({ step: i, input: describeInput(input), reference: outcomeText(outcome.reference[i]?.outcome), candidate: outcomeText(outcome.candidate[i]?.outcome) })),
    reference: diverged ? outcome.reference[last] ?? null : null, candidateView: diverged ? outcome.candidate[last] ?? null : null, referenceChangedAt,
  };
}

function commandsText(cs: readonly CommandView[] | undefined): string {
  if (!cs || cs.length === 0) return 'none';
  return cs.map((c) => (c.kind === 'CANCEL' ? `CANCEL ${c.order_id}` : `SUBMIT ${c.order_id} ${c.side} ${c.qty} @${c.price}${c.reduce_only ? ' reduce-only' : ''}`)).join('; ');
}

export function formatParityReplay(path: string, r: ParityReplay): string {
  const out = [`replay ${path}: ${r.steps.length} input(s), reference vs ${r.candidate}; recorded divergence ${r.recordedSignature}${r.recordedStep !== null ? ` at step ${r.recordedStep}` : ''}`, ''];
  out.push(renderTable(['step', 'input', 'reference', 'candidate'], r.steps.map((s) => [s.step === r.step ? `▶${s.step}` : String(s.step), s.input, s.reference, s.candidate]), ['right']));
  if (r.referenceChangedAt.length > 0) out.push('', `note: the reference kernel no longer gives the recorded outputs at step(s) ${r.referenceChangedAt.join(', ')}: it changed since the file was written`);
  if (r.step === null) {
    out.push('', 'in parity now: the candidate agrees with the reference at every step');
    return out.join('\n');
  }
  out.push('', `✗ both sides at step ${r.step}:`, '');
  if (r.fault) out.push(`  the candidate failed the protocol: ${r.fault}`);
  else out.push(divergenceTable(r.divergences).replace(/^/gm, '  '));
  out.push('', renderTable(['', 'reference', 'candidate'], [
    ['outcome', outcomeText(r.reference?.outcome), outcomeText(r.candidateView?.outcome)],
    ['commands', commandsText(r.reference?.commands), commandsText(r.candidateView?.commands)],
    ['capital', r.reference?.capital ?? '', r.candidateView?.capital ?? ''],
  ]).replace(/^/gm, '  '));
  return out.join('\n');
}
