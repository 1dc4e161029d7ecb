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
  /** Text the mutant's source line must contain: pins a common snippet (`''`, `true`) to the one place argued for. */
  readonly within?: string;
}

/**
 * The kernel's own assertions (kernelAssert, KernelAssertionError) never fire on the reference kernel: if one did,
 * the gate would fail on the unmutated code. Weakening an assertion, blanking its ID or message, or emptying the
 * error's constructor therefore changes no outcome, command, event or row of the reference on any input; they
 * matter only to a kernel that is already wrong (and the gate reports those through INV-K-NEVER-THROWS).
 */
const ASSERTION_ONLY = 'a kernel assertion: it never fires on the reference kernel (else the gate fails unmutated), so weakening it or its message changes no output';

export const EQUIVALENT_MUTANTS: readonly EquivalentMutant[] = [
  { file: "src/kernel/stepContext.ts", mutator: "BlockStatement", original: "{\n    super(message);\n    this.name = 'KernelAssertionError';\n  }", replacement: "{}", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "'KernelAssertionError'", replacement: "\"\"", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "`${id}: ${message()}`", replacement: "``", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "`no transition ${trade.stage} --${trigger}--> in the table (trade ${trade.tradeId})`", replacement: "``", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "`code ${code} is not a rejection code`", replacement: "``", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "`code ${code} is not an acceptance code`", replacement: "``", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "BlockStatement", original: "{\n  if (!cond) throw new KernelAssertionError(`${id}: ${message()}`);\n}", replacement: "{}", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "ConditionalExpression", original: "!cond", replacement: "false", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "ConditionalExpression", original: "to !== undefined", replacement: "true", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "'INV-K-DECLARED-TRANSITIONS'", replacement: "\"\"", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "ArrowFunction", original: "() => `no transition ${trade.stage} --${trigger}--> in the table (trade ${trade.tradeId})`", replacement: "() => undefined", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "'INV-K-REJECT-NO-CHANGE'", replacement: "\"\"", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "ArrowFunction", original: "() => `code ${code} is not a rejection code`", replacement: "() => undefined", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "ArrowFunction", original: "() => `code ${code} is not an acceptance code`", replacement: "() => undefined", reason: ASSERTION_ONLY },
  { file: "src/kernel/stepContext.ts", mutator: "StringLiteral", original: "'INV-K-REJECT-NO-CHANGE'", replacement: "\"\"", reason: ASSERTION_ONLY },
];

export function equivalentKey(m: Pick<EquivalentMutant, 'file' | 'mutator' | 'original' | 'replacement'>): string {
  return `${m.file}\u0000${m.mutator}\u0000${m.original}\u0000${m.replacement}`;
}
