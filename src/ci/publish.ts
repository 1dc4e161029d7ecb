// The CLI's one edge to GitHub Actions: error annotations on stderr when GITHUB_ACTIONS=true (stderr, so
// `--json > result.json` stays clean: the runner reads workflow commands from both streams), and the job summary
// appended to the file GITHUB_STEP_SUMMARY names. Outside Actions both are silent.
import { appendFileSync } from 'node:fs';
import type { FuzzResult } from '../adapters/fuzz/runFuzz.ts';
import type { GateResult } from '../gate/result.ts';
import type { ParityResult } from '../parity/runParity.ts';
import { stepSummaryMarkdown } from '../report/stepSummary.ts';
import { fuzzAnnotations, gateAnnotations, parityAnnotations } from './annotations.ts';
import { fuzzStepSummary, parityStepSummary } from './stepSummaries.ts';
import { underGitHubActions } from './workflowCommands.ts';
import { oneLine } from '../cli/showValue.ts';

export interface CiSink {
  readonly env: NodeJS.ProcessEnv;
  readonly err: (s: string) => void;
}

const PROCESS: CiSink = { env: process.env, err: (s) => process.stderr.write(s) };

/** Annotations, then the summary; a summary file that cannot be written is a warning (false), never a throw. */
function publish(summary: string, annotations: () => readonly string[], sink: CiSink): boolean {
  if (underGitHubActions(sink.env)) for (const line of annotations()) sink.err(`${line}\n`);
  const file = sink.env['GITHUB_STEP_SUMMARY'];
  if (!file) return true;
  try {
    appendFileSync(file, summary);
    return true;
  } catch (e) {
    sink.err(`workbench: warning: GITHUB_STEP_SUMMARY ${oneLine(file, 200)}: cannot append the summary (${(e as NodeJS.ErrnoException).code ?? oneLine((e as Error).message, 200)})\n`);
    return false;
  }
}

export function publishGate(result: GateResult, options: { readonly title?: string; readonly annotate?: boolean } = {}, sink: CiSink = PROCESS): boolean {
  return publish(stepSummaryMarkdown(result, options.title), () => (options.annotate === false ? [] : gateAnnotations(result)), sink);
}

export function publishParity(result: ParityResult, replayCommand: string, sink: CiSink = PROCESS): void {
  publish(parityStepSummary(result, replayCommand), () => parityAnnotations(result, replayCommand), sink);
}

export function publishFuzz(result: FuzzResult, adapter: string, replayCommand: string | null, sink: CiSink = PROCESS): void {
  publish(fuzzStepSummary(result, adapter, replayCommand), () => fuzzAnnotations(result, replayCommand ?? 'npx workbench fuzz … --replay FILE'), sink);
}

/** The library's entry: the gate's summary appended when GITHUB_STEP_SUMMARY names a file; whether it did. */
export function appendStepSummary(result: GateResult, env: NodeJS.ProcessEnv = process.env, title?: string): boolean {
  if (!env['GITHUB_STEP_SUMMARY']) return false;
  return publishGate(result, title === undefined ? { annotate: false } : { title, annotate: false }, { env, err: PROCESS.err });
}

/** `workbench parity` keeps no replay file: the same options re-run the same search and shrink to the same inputs. */
export function parityRerunCommand(o: { readonly candidate?: string | undefined; readonly candidateCmd?: string | undefined; readonly runs: number; readonly seed: number; readonly stepCountMax: number; readonly mix: string }): string {
  const who = o.candidate !== undefined ? `--candidate ${o.candidate}` : `--candidate-cmd ${JSON.stringify(o.candidateCmd ?? '')}`;
  return `npx workbench parity ${who} --runs ${o.runs} --seed ${o.seed} --max-steps ${o.stepCountMax} --mix ${o.mix}`;
}
