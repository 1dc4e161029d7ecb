// Mutants that no test can kill because the mutated program behaves exactly like the original: each one named by
// file, mutator, the original code and the replacement, with the reason. reports/mutation.md lists them apart and
// leaves them out of the score of non-equivalent mutants. Add one only with an argument a reviewer can check;
// a mutant that is merely unchecked belongs in SURVIVORS.md (and then in a sharper invariant), not here.
export interface EquivalentMutant {
  readonly file: string;
  readonly mutator: string;
  /** The original code the mutant replaces, exactly as in the source (whitespace included). */
  readonly original: string;
  readonly replacement: string;
  readonly reason: string;
}

export const EQUIVALENT_MUTANTS: readonly EquivalentMutant[] = [];

export function equivalentKey(m: Pick<EquivalentMutant, 'file' | 'mutator' | 'original' | 'replacement'>): string {
  return `${m.file}\u0000${m.mutator}\u0000${m.original}\u0000${m.replacement}`;
}
