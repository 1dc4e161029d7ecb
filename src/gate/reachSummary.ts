// The reach matrix as rows for people: per dimension how many possible cells a run reached, and every cell with
// its count (or why it cannot happen). Shared by the terminal summary and the report.
import { REACH_CELLS, REACH_DIMENSIONS, cellId, type ReachDimension } from './reachMatrix.ts';

export interface ReachDimensionSummary {
  readonly dimension: ReachDimension;
  readonly title: string;
  readonly possible: number;
  readonly reached: number;
  readonly impossible: number;
}

export interface ReachCellCount {
  readonly dimension: ReachDimension;
  readonly key: string;
  readonly count: number;
  readonly impossible: string | null;
}

export function reachCells(reach: Readonly<Record<string, number>>): ReachCellCount[] {
  return REACH_CELLS.map((c) => ({ dimension: c.dimension, key: c.key, count: reach[cellId(c.dimension, c.key)] ?? 0, impossible: c.impossible }));
}

export function reachSummary(reach: Readonly<Record<string, number>>): ReachDimensionSummary[] {
  const cells = reachCells(reach);
  return (Object.keys(REACH_DIMENSIONS) as ReachDimension[]).map((dimension) => {
    const mine = cells.filter((c) => c.dimension === dimension);
    const possible = mine.filter((c) => c.impossible === null);
    return {
      dimension, title: REACH_DIMENSIONS[dimension], possible: possible.length,
      reached: possible.filter((c) => c.count > 0).length, impossible: mine.length - possible.length,
    };
  });
}
