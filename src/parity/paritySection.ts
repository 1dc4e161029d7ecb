// Parity results (`workbench parity --json`) as the report's parity section (`workbench report --parity`,
// `workbench merge --parity`). Several results of one candidate (shards, seeds) merge into one section:
// counts add up, divergences with one signature are one row, and any divergence fails the report.
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli/exitCodes.ts';
import { FAMILIES } from '../rows/families.ts';
import type { ParitySection } from '../report/model.ts';
import type { ParityResult } from './runParity.ts';
import { JsonFileError, readJsonFile } from '../cli/io/readJsonFile.ts';

export function paritySectionOf(r: ParityResult): ParitySection {
  const findings = r.findings ?? (r.finding ? [r.finding] : []);
  const divergentFamilies = new Set(findings.flatMap((f) => (f.divergences ?? (f.divergence ? [f.divergence] : [])).map((d) => d.where)).filter((w) => (FAMILIES as readonly string[]).includes(w)));
  return {
    candidate: r.candidate,
    commands: [r.command ?? ''],
    runs: r.runsDone,
    inputsCompared: r.inputsCompared,
    familiesInParity: r.comparedRows ? FAMILIES.filter((f) => !divergentFamilies.has(f)) : [],
    setAside: [...(r.setAside ?? [])],
    divergences: findings.map((f) => {
      const d = f.divergence;
      return {
        signature: f.signature, step: d?.step ?? Math.max(0, f.inputs.length - 1), family: d ? d.where : null, column: d?.column ?? null,
        reference: d?.reference ?? '', candidate: d?.candidate ?? (f.fault ? `${f.fault.kind}: ${f.fault.message}` : ''), occurrences: f.occurrences ?? 1,
        replay: f.replayCommand ?? null,
      };
    }),
    divergencesNotShrunk: r.divergencesNotShrunk ?? 0,
  };
}

/** Sections of one candidate, merged: the first occurrence of a signature is kept, occurrences add up. */
export function mergeParitySections(sections: readonly ParitySection[], names: readonly string[]): ParitySection {
  const first = sections[0];
  if (!first) throw new UsageError('--parity needs at least one file');
  sections.forEach((s, i) => {
    if (s.candidate !== first.candidate) throw new UsageError(`--parity ${names[i]}: candidate is ${JSON.stringify(s.candidate)}, but ${names[0]} has ${JSON.stringify(first.candidate)}: merge parity runs of one candidate`);
    if (s.setAside.join('\n') !== first.setAside.join('\n')) throw new UsageError(`--parity ${names[i]}: set aside ${JSON.stringify(s.setAside)}, but ${names[0]} has ${JSON.stringify(first.setAside)}: merged runs must compare the same columns`);
  });
  const bySignature = new Map<string, ParitySection['divergences'][number]>();
  for (const s of sections) {
    for (const d of s.divergences) {
      const prev = bySignature.get(d.signature);
      bySignature.set(d.signature, prev ? { ...prev, occurrences: prev.occurrences + d.occurrences } : d);
    }
  }
  return {
    candidate: first.candidate,
    commands: sections.flatMap((s) => s.commands),
    runs: sections.reduce((n, s) => n + s.runs, 0),
    inputsCompared: sections.reduce((n, s) => n + s.inputsCompared, 0),
    familiesInParity: first.familiesInParity.filter((f) => sections.every((s) => s.familiesInParity.includes(f))),
    setAside: first.setAside,
    divergences: [...bySignature.values()],
    divergencesNotShrunk: Math.max(...sections.map((s) => s.divergencesNotShrunk)),
  };
}

export function readParityJson(file: string): ParitySection {
  let data: Partial<ParityResult>;
  try {
    data = readJsonFile(file) as Partial<ParityResult>;
  } catch (e) {
    if (e instanceof JsonFileError) throw new UsageError(`--parity ${e.message}`);
    throw e;
  }
  if (data === null || typeof data !== 'object' || typeof data.candidate !== 'string' || typeof data.inputsCompared !== 'number' || (data.status !== 'parity' && data.status !== 'divergent')) {
    throw new UsageError(`--parity ${file}: not the JSON of \`workbench parity --json\` (candidate, status, inputsCompared missing)`);
  }
  if (!Array.isArray(data.findings)) throw new UsageError(`--parity ${file}: findings must be an array (value: ${JSON.stringify(data.findings ?? null)})`);
  return paritySectionOf(data as ParityResult);
}

/** One or more parity results (one candidate) as one section. */
export function readParityFiles(files: readonly string[]): ParitySection {
  return mergeParitySections(files.map(readParityJson), files);
}
