// A parity result (`workbench parity --json`) as the report's parity section (`workbench report --parity`).
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli/exitCodes.ts';
import { FAMILIES } from '../rows/families.ts';
import type { ParitySection } from '../report/model.ts';
import type { ParityResult } from './runParity.ts';

export function paritySectionOf(r: ParityResult): ParitySection {
  const d = r.finding?.divergence ?? null;
  const divergentFamily = d && (FAMILIES as readonly string[]).includes(d.where) ? d.where : null;
  return {
    candidate: r.candidate,
    inputsCompared: r.inputsCompared,
    familiesInParity: r.comparedRows ? FAMILIES.filter((f) => f !== divergentFamily) : [],
    divergences: r.finding
      ? [{
        signature: r.finding.signature, step: d?.step ?? 0, family: divergentFamily ?? (d ? d.where : null), column: d?.column ?? null,
        reference: d?.reference ?? '', candidate: d?.candidate ?? (r.finding.fault ? `${r.finding.fault.kind}: ${r.finding.fault.message}` : ''), occurrences: 1,
      }]
      : [],
  };
}

export function readParityJson(file: string): ParitySection {
  let data: Partial<ParityResult>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<ParityResult>;
  } catch (e) {
    throw new UsageError(`--parity ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'cannot read file: ENOENT' : `not valid JSON: ${(e as Error).message}`}`);
  }
  if (typeof data.candidate !== 'string' || typeof data.inputsCompared !== 'number' || (data.status !== 'parity' && data.status !== 'divergent')) {
    throw new UsageError(`--parity ${file}: not the JSON of \`workbench parity --json\` (candidate, status, inputsCompared missing)`);
  }
  return paritySectionOf(data as ParityResult);
}
