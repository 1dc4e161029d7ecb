// Which invariants read which row column and which state field or output of a step: the column coverage the
// catalogue test enforces and the report prints. A column or field no invariant reads can hold anything.
import { FAMILIES, columnsOf, type Family } from '../rows/families.ts';
import type { InvariantMeta } from './invariant.ts';

/** Fields that are genuinely free, with the reason (spec/invariants.md §Coverage lists the same). */
export const FREE_FIELDS: Readonly<Record<string, string>> = {
  'state.config': 'the run\'s configuration: an input the kernel never changes',
  'state.slots': 'a container: every field of the trade it holds is read',
  'state.account': 'a container: every field of it is read',
  'state.orders': 'a container: every field of every order a step names is read',
};

export function allColumns(): string[] {
  return FAMILIES.flatMap((f) => columnsOf(f).map((c) => `${f}.${c}`));
}

/** field or 'family.column' → the IDs of the invariants that read it. */
export function readersOf(invariants: readonly InvariantMeta[]): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const inv of invariants) {
    for (const r of inv.reads ?? []) {
      const list = readers.get(r) ?? [];
      list.push(inv.id);
      readers.set(r, list);
    }
  }
  return readers;
}

export interface FamilyCoverage {
  readonly family: Family;
  readonly columns: number;
  readonly read: number;
  /** Columns no invariant reads (must be empty). */
  readonly unread: readonly string[];
  /** For each column, how many invariants read it. */
  readonly readersPerColumn: Readonly<Record<string, number>>;
}

export function columnCoverage(invariants: readonly InvariantMeta[]): FamilyCoverage[] {
  const readers = readersOf(invariants);
  return FAMILIES.map((family) => {
    const cols = columnsOf(family);
    const readersPerColumn = Object.fromEntries(cols.map((c) => [c, readers.get(`${family}.${c}`)?.length ?? 0]));
    const unread = cols.filter((c) => (readersPerColumn[c] ?? 0) === 0);
    return { family, columns: cols.length, read: cols.length - unread.length, unread, readersPerColumn };
  });
}
