// One shard arithmetic for every runner: shard k of n runs seed + k − 1 with ⌈runs ÷ n⌉ runs, so `merge` can
// put the shards of one run back together whichever runner produced them.
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface ShardPlan {
  readonly seed: number;
  readonly runs: number;
}

export function shardPlan(seed: number, runs: number, shard: Shard | null): ShardPlan {
  return shard ? { seed: seed + shard.index - 1, runs: Math.ceil(runs / shard.count) } : { seed, runs };
}
