// Combines the results of sharded gate runs (`workbench gate --shard k/n --json`) into one GateResult:
// counts add up, coverage merges, failures with one signature are grouped, an invariant is violated if any
// shard violated it. Shards of different kernels, profiles, base seeds or commits are refused, and so is a
// shard set that is not whole (a missing, duplicated or mixed k/n) unless the caller accepts a partial merge.
import { mergeCoverage } from '../gate/coverage.ts';
import type { Failure, GateResult, InvariantResult } from '../gate/result.ts';
import { UsageError } from '../cli/exitCodes.ts';

export interface MergedGate {
  readonly result: GateResult;
  /** The shards merged, as 'k/n' (or 'whole' for an unsharded input), in input order. */
  readonly shards: readonly string[];
  /** Shards of the run not given ('k/n'); non-empty only with `partial`. */
  readonly missing: readonly string[];
}

/**
 * Checks that the inputs are one whole shard set: every k of one n exactly once, or a single unsharded run.
 * Returns the missing shards (allowed only when `partial`); anything else is a UsageError naming the files.
 */
export function checkShardSet(results: readonly GateResult[], names: readonly string[], partial: boolean): string[] {
  const parsed = results.map((r, i) => {
    const m = /^(\d+)\/(\d+)$/.exec(r.meta.shard ?? '');
    return { name: names[i]!, k: m ? Number(m[1]) : null, n: m ? Number(m[2]) : null };
  });
  const whole = parsed.filter((p) => p.k === null);
  if (whole.length > 0 && parsed.length > 1) {
    throw new UsageError(`${whole[0]!.name} is a whole (unsharded) gate run; it cannot be merged with ${whole.length > 1 ? 'another run' : 'shards'} (${parsed.filter((p) => p !== whole[0]).map((p) => p.name).join(', ')})`);
  }
  if (whole.length > 0) return [];
  const n = parsed[0]!.n!;
  const other = parsed.find((p) => p.n !== n);
  if (other) throw new UsageError(`mismatched shard set: ${parsed[0]!.name} is shard ${parsed[0]!.k}/${n}, but ${other.name} is shard ${other.k}/${other.n}`);
  const byK = new Map<number, string[]>();
  for (const p of parsed) byK.set(p.k!, [...(byK.get(p.k!) ?? []), p.name]);
  for (const [k, files] of byK) if (files.length > 1) throw new UsageError(`shard ${k}/${n} is given twice (${files.join(', ')})`);
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k)).map((k) => `${k}/${n}`);
  if (missing.length > 0 && !partial) {
    throw new UsageError(`incomplete shard set: shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} missing (given ${parsed.map((p) => `${p.k}/${n}`).join(', ')}); pass --partial to merge what there is (verdict PARTIAL)`);
  }
  return missing;
}

/** A shard runs seed + k − 1: every shard of one gate run gives back the same base seed. */
function baseSeed(r: GateResult): number {
  const m = /^(\d+)\/(\d+)$/.exec(r.meta.shard ?? '');
  return m ? r.meta.seed - (Number(m[1]) - 1) : r.meta.seed;
}

function same(results: readonly GateResult[], names: readonly string[], what: string, get: (r: GateResult) => string | number): void {
  const first = get(results[0]!);
  results.forEach((r, i) => {
    if (get(r) !== first) throw new UsageError(`${names[i]}: ${what} is ${JSON.stringify(get(r))}, but ${names[0]} has ${JSON.stringify(first)}: shards of one gate run must agree`);
  });
}

function mergeInvariants(results: readonly GateResult[]): InvariantResult[] {
  const byId = new Map<string, InvariantResult>();
  for (const r of results) {
    for (const inv of r.invariants) {
      const prev = byId.get(inv.id);
      if (!prev) {
        byId.set(inv.id, { ...inv });
        continue;
      }
      const exercised = prev.exercised + inv.exercised;
      const status = prev.status === 'violated' || inv.status === 'violated' ? 'violated' : exercised > 0 ? 'held' : 'not-exercised';
      byId.set(inv.id, { ...prev, exercised, status, counterexample: prev.counterexample ?? inv.counterexample });
    }
  }
  return [...byId.values()];
}

function mergeFailures(results: readonly GateResult[]): Failure[] {
  const bySignature = new Map<string, Failure>();
  for (const r of results) {
    for (const f of r.failures) {
      const prev = bySignature.get(f.signature);
      // Corpus cases are replayed by every shard: count them once.
      if (prev) bySignature.set(f.signature, { ...prev, occurrences: prev.occurrences + (f.origin === 'corpus' ? 0 : f.occurrences) });
      else bySignature.set(f.signature, { ...f });
    }
  }
  return [...bySignature.values()];
}

export function mergeGateResults(results: readonly GateResult[], names: readonly string[], options: { partial?: boolean } = {}): MergedGate {
  if (results.length === 0) throw new UsageError('merge needs at least one gate JSON file');
  // The set's shape first (what is missing or doubled), then that its members belong to one run.
  const missing = checkShardSet(results, names, options.partial === true);
  same(results, names, 'the kernel', (r) => r.meta.kernel);
  same(results, names, 'the profile', (r) => r.meta.profile);
  same(results, names, 'the base seed (seed − shard index + 1)', baseSeed);
  same(results, names, 'the git commit', (r) => r.meta.gitCommit);
  const shards = results.map((r) => r.meta.shard ?? 'whole');
  const metas = results.map((r) => r.meta);
  const sum = (get: (m: GateResult['meta']) => number) => metas.reduce((n, m) => n + get(m), 0);
  const failures = mergeFailures(results);
  // A gap of the whole is a gap no shard closed: one every shard reported (shards that failed report none).
  const gaps = results.slice(1).reduce((acc, r) => acc.filter((g) => r.coverageGaps.includes(g)), [...results[0]!.coverageGaps]);
  const first = metas[0]!;
  const started = metas.map((m) => m.startedAt).filter((s) => s !== '').sort()[0] ?? '';
  const result: GateResult = {
    version: 1,
    status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    meta: {
      ...first, seed: baseSeed(results[0]!), shard: null, runsPlanned: sum((m) => m.runsPlanned), runsDone: sum((m) => m.runsDone),
      stepCountMax: Math.max(...metas.map((m) => m.stepCountMax)), determinismRuns: sum((m) => m.determinismRuns),
      inputsChecked: sum((m) => m.inputsChecked), rowsValidated: sum((m) => m.rowsValidated), corpusFiles: Math.max(...metas.map((m) => m.corpusFiles)),
      tourRuns: Math.max(...metas.map((m) => m.tourRuns ?? 0)),
      // Shards run side by side: the whole took as long as the slowest.
      timeMs: Math.max(...metas.map((m) => m.timeMs)), interrupted: metas.some((m) => m.interrupted), startedAt: started,
    },
    invariants: mergeInvariants(results),
    failures,
    coverage: results.slice(1).reduce((acc, r) => mergeCoverage(acc, r.coverage), results[0]!.coverage),
    coverageGaps: gaps,
    // Shards of one black-box kernel: the same child and capabilities, so the same lists (the first shard's).
    ...(results[0]!.blackBox ? { blackBox: results[0]!.blackBox } : {}),
  };
  return { result, shards, missing };
}
