// One row of spec/reliability.md's catalogue: its stable ID, the text of the row, and the test that checks it.
export interface Case {
  readonly id: string;
  /** Kind of failure the case covers (the catalogue's section). */
  readonly kind: string;
  readonly title: string;
  readonly run: () => Promise<void>;
  /** Deadline for the case (default 30 s): a hang is a failure. */
  readonly timeoutMs?: number;
}

/** Numbers cases of one kind: PREFIX-001, PREFIX-002, … in the order given. */
export function numbered(prefix: string, kind: string, rows: readonly (Omit<Case, 'id' | 'kind'>)[]): Case[] {
  return rows.map((r, i) => ({ ...r, kind, id: `${prefix}-${String(i + 1).padStart(3, '0')}` }));
}
