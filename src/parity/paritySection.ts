// A parity result (`workbench parity --json`) as the report's parity section (`workbench report --parity`).
import { UsageError } from '../cli/exitCodes.ts';
import { FAMILIES } from '../rows/families.ts';
import type { ParitySection } from '../report/model.ts';
import type { ParityResult } from './runParity.ts';
import { JsonFileError, readJsonFile } from '../cli/io/readJsonFile.ts';

export function paritySectionOf(r: ParityResult): ParitySection {
  const findings = r.findings ?? (r.finding ? [r.finding] : []);
  const divergentFamilies = new Set(findings.map((f) => f.divergence?.where).filter((w): w is string => w !== undefined && (FAMILIES as readonly string[]).includes(w)));
  return {
    candidate: r.candidate,
    inputsCompared: r.inputsCompared,
    familiesInParity: r.comparedRows ? FAMILIES.filter((f) => !divergentFamilies.has(f)) : [],
    divergences: findings.map((f) => {
      const d = f.divergence;
      return {
        signature: f.signature, step: d?.step ?? 0, family: d ? d.where : null, column: d?.column ?? null,
        reference: d?.reference ?? '', candidate: d?.candidate ?? (f.fault ? `${f.fault.kind}: ${f.fault.message}` : ''), occurrences: 1,
      };
    }),
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
  return paritySectionOf(data as ParityResult);
}
