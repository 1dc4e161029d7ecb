// Combines the results of sharded gate runs (`workbench gate --shard k/n --json`) into one GateResult:
// counts add up, coverage merges, failures with one signature are grouped, an invariant is violated if any
// shard violated it. Shards of different kernels, profiles, base seeds or commits are refused.
import { mergeCoverage } from '../gate/coverage.ts';
import type { Failure, GateResult, InvariantResult } from '../gate/result.ts';
import { UsageError } from '../cli/exitCodes.ts';

export interface MergedGate {
  readonly result: GateResult;
  /** The shards merged, as 'k/n' (or 'whole' for an unsharded input), in input order. */
  readonly shards: readonly string[];
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

export function mergeGateResults(results: readonly GateResult[], names: readonly string[]): MergedGate {
  if (results.length === 0) throw new UsageError('merge needs at least one gate JSON file');
  same(results, names, 'the kernel', (r) => r.meta.kernel);
  same(results, names, 'the profile', (r) => r.meta.profile);
  same(results, names, 'the base seed (seed − shard index + 1)', baseSeed);
  same(results, names, 'the git commit', (r) => r.meta.gitCommit);
  const shards = results.map((r) => r.meta.shard ?? 'whole');
  const dup = shards.find((s, i) => s !== 'whole' && shards.indexOf(s) !== i);
  if (dup) throw new UsageError(`shard ${dup} is given twice (${names.filter((_, i) => shards[i] === dup).join(', ')})`);
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
      // Shards run side by side: the whole took as long as the slowest.
      timeMs: Math.max(...metas.map((m) => m.timeMs)), interrupted: metas.some((m) => m.interrupted), startedAt: started,
    },
    invariants: mergeInvariants(results),
    failures,
    coverage: results.slice(1).reduce((acc, r) => mergeCoverage(acc, r.coverage), results[0]!.coverage),
    coverageGaps: gaps,
  };
  return { result, shards };
}
