// A parity divergence as a counterexample file in the gate's format (schemas/counterexample.schema.json), with
// a `parity` section: the candidate and how to start it, what differed at the divergent step, the comparison
// policy, and the reference kernel's outputs at every step (so a Python test can compare without the workbench).
import { relative } from 'node:path';
import { writeCounterexample, type CounterexampleFile } from '../gate/counterexampleFile.ts';
import type { KernelConfig } from '../kernel/types.ts';
import { configMessage, type Candidate } from './candidate.ts';
import type { ComparePolicy } from './comparePolicy.ts';
import { referenceViews, type ParityFinding } from './runParity.ts';

/** What a counterexample file names of its candidate (a pooled run has no Candidate object on the main thread). */
export type CandidateName = Pick<Candidate, 'name' | 'writesRows' | 'origin'>;

/** The ID parity counterexamples carry where a gate file names the invariant it broke. */
export const PARITY_ID = 'INV-P-REFERENCE-PARITY';

function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `"${a.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** How to start the candidate again: the replay command's flag. */
export function candidateFlag(c: Candidate['origin']): string {
  if (c === null) return '';
  return 'module' in c ? ` --candidate ${quoteArg(c.module)}` : ` --candidate-cmd ${quoteArg(c.command)}`;
}

export function parityFile(f: ParityFinding, candidate: CandidateName, config: KernelConfig, policy: ComparePolicy, seed: number): CounterexampleFile {
  const d = f.divergence;
  const origin = candidate.origin;
  return {
    version: 1, invariantId: PARITY_ID, signature: f.signature,
    message: d ? `${candidate.name} diverges from the reference at step ${d.step}: ${f.signature}` : `${candidate.name}: ${f.fault?.kind ?? 'fault'}: ${f.fault?.message ?? ''}`,
    values: d ? { where: d.where, column: d.column, reference: d.reference, candidate: d.candidate, ...(d.key ? { key: d.key } : {}) } : { fault: f.fault?.kind ?? '' },
    kernel: 'reference', config: { slotCount: config.slotCount, initialCapital: config.initialCapital.toFixed() }, seed, path: null,
    inputs: JSON.parse(JSON.stringify(f.inputs)) as CounterexampleFile['inputs'],
    parity: {
      candidate: candidate.name,
      ...(origin && 'command' in origin ? { candidateCmd: origin.command } : {}),
      ...(origin && 'module' in origin ? { candidateModule: origin.module } : {}),
      step: d?.step ?? Math.max(0, f.inputs.length - 1), divergences: f.divergences.length > 0 ? f.divergences.map((x) => ({ ...x })) : [{ step: f.inputs.length - 1, where: 'protocol', row: null, key: null, column: f.fault?.kind ?? 'fault', reference: 'a reply', candidate: f.fault?.message ?? '' }],
      setAside: [...policy.setAside], ignore: [...policy.ignore], tolerance: Object.fromEntries([...policy.tolerance].map(([k, v]) => [k, v.toString()])),
      config: configMessage(config), comparedRows: candidate.writesRows,
      reference: JSON.parse(JSON.stringify(referenceViews(config, f.inputs))) as unknown[],
    },
  };
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Writes one file per finding into `dir`; sets each finding's file and replay command. */
export function writeParityCounterexamples(findings: readonly ParityFinding[], dir: string, candidate: CandidateName, config: KernelConfig, policy: ComparePolicy, seed: number): string[] {
  return findings.map((f, i) => {
    const path = writeCounterexample(dir, `parity-${slug(f.signature)}-seed${seed}-${i}.json`, parityFile(f, candidate, config, policy, seed));
    // Relative when inside the working folder, absolute otherwise (a temp folder), so the command pastes back.
    const rel = relative(process.cwd(), path);
    const shown = rel && !rel.startsWith('..') ? rel : path;
    f.file = shown;
    f.replayCommand = `npx workbench replay ${shown}${candidateFlag(candidate.origin)}`;
    return shown;
  });
}
