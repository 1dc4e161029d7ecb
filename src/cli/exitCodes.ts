// What a workbench exit code means; CI scripts branch on these.
export const EXIT = {
  /** Everything checked held. */
  OK: 0,
  /** An invariant was violated (or a parity divergence / adapter finding was found). */
  VIOLATION: 1,
  /** Bad usage or bad input: unknown flag, unreadable or invalid file. Nothing was checked. */
  USAGE: 2,
  /** The workbench itself failed (a bug): please report it with the command line. */
  INTERNAL: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad usage or bad input; the message names the field and the value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
