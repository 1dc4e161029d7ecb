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

/**
 * The reasons below are also printed, verbatim, in spec/invariants.md § "Mutation score" (a test checks it). Each
 * entry is pinned by its original and replacement text and, where that text is common, by `within` (a fragment of
 * its source line), so a claim never spreads to another place with the same snippet.
 */
export const SAME_FOR_EVERY_VALUE = 'both sides give the same result for every value that can reach this line (the next check refuses the same values with the same code and details, or the arithmetic/coercion is identical)';
export const NEVER_TAKEN = 'a fallback the kernel cannot take: the value is always present here (the subject slot exists, an order\'s slot exists, a default parameter every caller passes, a null a valid id never is)';
export const EVENT_ONLY = 'a fact carried only by a kernel event (an exit leg\'s kind, a venue rejection\'s message, CapitalChanged\'s cause, which the writer writes as a constant) that no outcome, command, state field or row carries: diagnostic only';
export const IMPLIED_BY_STATE = 'implied by an invariant of the kernel\'s state that INV-M-STATE checks after every step: a live trade\'s exit order is set exactly in EXIT_REQUESTED, and an order of a live trade that is not its trade\'s active order has a terminal status';
export const WRITER_EVENTS_ONLY = 'the row writer fed with kernel events (the only way the workbench writes rows): the TradeClosed and ExitLegCompleted events always name the trade in the step\'s subject slot, so the slot-view fallbacks and the seed-only leg flag are never read';

export const WORKING_ORDER_AGREES = 'the working order found among the leg-completed orders and the one in the state before agree on status, quantity and filled quantity, all the cancel decision reads';
export const SELF_LOOP = 'an acknowledgement and a cancel request keep the trade\'s stage (self-loop transitions, spec/kernel.md §5.1) and change no other field of it: the mutant\'s trade has no slotId, so it is stored under a key that is no slot index and every slot stays as it was';
export const ONE_TRANSITION = 'a step takes at most one transition (spec/kernel.md §5: an input fires at most one trigger), so the separator between two is never written';
export const SEED_FRONT_END_ONLY = 'read only by the seed\'s slot-dict front-end (writeFromSlots), which no workbench path drives (persistStepOf always passes the kernel events)';
export const NO_POLICY_DECISION = 'persistStepOf passes no policy decision (decision: null, the seed\'s policy front-end sets one), so this branch is never taken';
export const TIME_CACHE = 'the time formatter\'s cache only saves work: hit or miss, every time a row can hold gets the same text';
export const INPUTS_ARE_OBJECTS = 'every input the gate sends is a JSON object (spec/protocol.md: a kernel input is an object) holding JSON values (no cycles, no BigInt, so JSON.stringify never throws on them): the guards for other values are never taken; tests/rows/hostileInputs.test.ts sends other values';
export const TIME_ZERO = 'a time of 0 (1970-01-01) is a day no row can hold (the schemas start at 1970-01-02), so the gate never sends it';

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
  // intents.ts
  { file: 'src/kernel/intents.ts', mutator: 'ConditionalExpression', original: "typeof action !== 'string'", replacement: 'false', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/kernel/intents.ts', mutator: 'ConditionalExpression', original: "typeof slotId !== 'number'", replacement: 'false', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/kernel/intents.ts', mutator: 'ConditionalExpression', original: "typeof asset === 'string'", replacement: 'true', reason: SAME_FOR_EVERY_VALUE, within: 'Object.hasOwn(state.config.instruments, asset)' },
  { file: 'src/kernel/intents.ts', mutator: 'ArrayDeclaration', original: '[]', replacement: '["Stryker was here"]', reason: 'a CANCEL\'s exit ratios are never read (spec/kernel.md §3: CANCEL uses only its ids and slot)', within: 'instrument: null, price: ZERO, size: null' },
  { file: 'src/kernel/intents.ts', mutator: 'ConditionalExpression', original: 'rawSlot !== null', replacement: 'true', reason: NEVER_TAKEN },
  { file: 'src/kernel/intents.ts', mutator: 'OptionalChaining', original: 'state.slots[slotId]?.trade', replacement: 'state.slots[slotId].trade', reason: NEVER_TAKEN },
  { file: 'src/kernel/intents.ts', mutator: 'OptionalChaining', original: 'state.slots[c.slotId]?.trade', replacement: 'state.slots[c.slotId].trade', reason: NEVER_TAKEN },
  { file: 'src/kernel/intents.ts', mutator: 'ConditionalExpression', original: "trade.stage === 'EXIT_REQUESTED'", replacement: 'true', reason: IMPLIED_BY_STATE, within: 'trade.activeExitOrder : null' },
  // step.ts
  { file: 'src/kernel/step.ts', mutator: 'ConditionalExpression', original: "typeof tsRaw === 'number'", replacement: 'true', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/kernel/step.ts', mutator: 'EqualityOperator', original: 'tsRaw >= 0', replacement: 'tsRaw > 0', reason: 'a time of 0 and the fallback time are both 0: the same tsMs either way' },
  { file: 'src/kernel/step.ts', mutator: 'LogicalOperator', original: "input['message'] ?? ''", replacement: "input['message'] && ''", reason: EVENT_ONLY },
  { file: 'src/kernel/step.ts', mutator: 'StringLiteral', original: "'message'", replacement: '""', reason: EVENT_ONLY },
  { file: 'src/kernel/step.ts', mutator: 'StringLiteral', original: "''", replacement: '"Stryker was here!"', reason: EVENT_ONLY, within: "input['message'] ?? ''" },
  // stepContext.ts
  { file: 'src/kernel/stepContext.ts', mutator: 'ConditionalExpression', original: 'subject.slotId === null', replacement: 'false', reason: 'state.slots[null] is undefined, so the next line answers null as this one does' },
  { file: 'src/kernel/stepContext.ts', mutator: 'ConditionalExpression', original: '!slot', replacement: 'false', reason: NEVER_TAKEN },
  // venueEvents.ts
  { file: 'src/kernel/venueEvents.ts', mutator: 'OptionalChaining', original: 'state.slots[order.slotId]?.trade', replacement: 'state.slots[order.slotId].trade', reason: NEVER_TAKEN },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'INV-K-LEG-NONEMPTY'", replacement: '""', reason: ASSERTION_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'ArrowFunction', original: '() => `leg of ${order.orderId} completed with qty ${plain(legQty)}`', replacement: '() => undefined', reason: ASSERTION_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: '`leg of ${order.orderId} completed with qty ${plain(legQty)}`', replacement: '``', reason: ASSERTION_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'INV-K-SIZE-NON-NEGATIVE'", replacement: '""', reason: ASSERTION_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'ArrowFunction', original: '() => `exit fill of ${plain(qty)} on ${trade.tradeId} leaves size ${plain(size)}`', replacement: '() => undefined', reason: ASSERTION_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: '`exit fill of ${plain(qty)} on ${trade.tradeId} leaves size ${plain(size)}`', replacement: '``', reason: ASSERTION_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "''", replacement: '"Stryker was here!"', reason: NEVER_TAKEN, within: "status: EndStatus, venueCode = '', message = ''" },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'order'", replacement: '""', reason: EVENT_ONLY, within: "completeLeg(ctx, nextTrade, ended, 'order')" },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'order'", replacement: '""', reason: EVENT_ONLY, within: "completeLeg(ctx, next, working, 'order')" },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'late_fill'", replacement: '""', reason: EVENT_ONLY },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'order'", replacement: '""', reason: EVENT_ONLY, within: "late ? 'late_fill' : 'order'" },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "'EXIT_FILL'", replacement: '""', reason: EVENT_ONLY, within: "type: 'CapitalChanged'" },
  { file: 'src/kernel/venueEvents.ts', mutator: 'StringLiteral', original: "''", replacement: '"Stryker was here!"', reason: NEVER_TAKEN, within: "fillId: order.fillIds[order.fillIds.length - 1] ?? ''" },
  { file: 'src/kernel/venueEvents.ts', mutator: 'ConditionalExpression', original: 'result.others.length === 0', replacement: 'false', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/kernel/venueEvents.ts', mutator: 'LogicalOperator', original: "isTerminal(order.status) || (order.purpose === 'ENTRY' ? trade.activeEntryOrder : trade.activeExitOrder) !== order.orderId", replacement: "isTerminal(order.status) && (order.purpose === 'ENTRY' ? trade.activeEntryOrder : trade.activeExitOrder) !== order.orderId", reason: IMPLIED_BY_STATE },
  { file: 'src/kernel/venueEvents.ts', mutator: 'ConditionalExpression', original: "(order.purpose === 'ENTRY' ? trade.activeEntryOrder : trade.activeExitOrder) !== order.orderId", replacement: 'false', reason: IMPLIED_BY_STATE },
  { file: 'src/kernel/venueEvents.ts', mutator: 'ArrowFunction', original: '(o) => o.orderId === id', replacement: '() => undefined', reason: WORKING_ORDER_AGREES },
  { file: 'src/kernel/venueEvents.ts', mutator: 'ConditionalExpression', original: 'o.orderId === id', replacement: 'false', reason: WORKING_ORDER_AGREES },
  // writer.ts
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: "typeof x === 'number'", replacement: 'false', reason: SAME_FOR_EVERY_VALUE, within: 'return typeof x === \'number\' ? x : Number(' },
  { file: 'src/rows/writer.ts', mutator: 'StringLiteral', original: "'number'", replacement: '""', reason: SAME_FOR_EVERY_VALUE, within: 'return typeof x === \'number\' ? x : Number(' },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: "typeof x === 'string'", replacement: 'true', reason: SAME_FOR_EVERY_VALUE, within: 'return typeof x === \'number\' ? x : Number(' },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: "typeof x === 'string'", replacement: 'false', reason: SAME_FOR_EVERY_VALUE, within: 'return typeof x === \'number\' ? x : Number(' },
  { file: 'src/rows/writer.ts', mutator: 'EqualityOperator', original: "typeof x === 'string'", replacement: "typeof x !== 'string'", reason: SAME_FOR_EVERY_VALUE, within: 'return typeof x === \'number\' ? x : Number(' },
  { file: 'src/rows/writer.ts', mutator: 'StringLiteral', original: "'string'", replacement: '""', reason: SAME_FOR_EVERY_VALUE, within: 'return typeof x === \'number\' ? x : Number(' },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: "typeof x === 'string'", replacement: 'false', reason: SAME_FOR_EVERY_VALUE, within: "if (typeof x === 'string') return x;" },
  { file: 'src/rows/writer.ts', mutator: 'StringLiteral', original: "'string'", replacement: '""', reason: SAME_FOR_EVERY_VALUE, within: "if (typeof x === 'string') return x;" },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: "typeof x !== 'object'", replacement: 'false', reason: SAME_FOR_EVERY_VALUE, within: 'return show(x);' },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'i.targetSize === null || i.targetSize === undefined', replacement: 'false', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/rows/writer.ts', mutator: 'LogicalOperator', original: 'i.targetSize === null || i.targetSize === undefined', replacement: 'i.targetSize === null && i.targetSize === undefined', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'i.targetSize === null', replacement: 'false', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'i.targetSize === undefined', replacement: 'false', reason: SAME_FOR_EVERY_VALUE },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: "case 'ModeChanged':\n          break;", replacement: "case 'ModeChanged':", reason: 'the last case of the switch: falling out of it or breaking out of it is the same' },
  { file: 'src/rows/writer.ts', mutator: 'StringLiteral', original: "'ModeChanged'", replacement: '""', reason: 'ModeChanged writes no row: without its case the event falls through the switch writing nothing, as it does now' },
  { file: 'src/rows/writer.ts', mutator: 'OptionalChaining', original: 'slot?.asset', replacement: 'slot.asset', reason: WRITER_EVENTS_ONLY },
  { file: 'src/rows/writer.ts', mutator: 'OptionalChaining', original: 'slot?.side', replacement: 'slot.side', reason: WRITER_EVENTS_ONLY },
  { file: 'src/rows/writer.ts', mutator: 'StringLiteral', original: "''", replacement: '"Stryker was here!"', reason: WRITER_EVENTS_ONLY, within: "asset: slot?.asset ?? ''" },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'legs', replacement: 'true', reason: WRITER_EVENTS_ONLY, within: 'if (legs) legs.closed = true;' },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'legs', replacement: 'false', reason: WRITER_EVENTS_ONLY, within: 'if (legs) legs.closed = true;' },
  { file: 'src/rows/writer.ts', mutator: 'BooleanLiteral', original: 'true', replacement: 'false', reason: WRITER_EVENTS_ONLY, within: 'if (legs) legs.closed = true;' },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'step.slotAfter && step.slotAfter.trade_id === tradeId', replacement: 'true', reason: WRITER_EVENTS_ONLY },
  { file: 'src/rows/writer.ts', mutator: 'LogicalOperator', original: 'step.slotAfter && step.slotAfter.trade_id === tradeId', replacement: 'step.slotAfter || step.slotAfter.trade_id === tradeId', reason: WRITER_EVENTS_ONLY },
  { file: 'src/rows/writer.ts', mutator: 'ConditionalExpression', original: 'step.slotAfter.trade_id === tradeId', replacement: 'true', reason: WRITER_EVENTS_ONLY },
  { file: 'src/rows/writer.ts', mutator: 'StringLiteral', original: "''", replacement: '"Stryker was here!"', reason: WRITER_EVENTS_ONLY, within: 'step.slotAfter.trade_id === tradeId ?' },
  // views.ts
  { file: 'src/kernel/views.ts', mutator: 'ConditionalExpression', original: '!slot', replacement: 'false', reason: NEVER_TAKEN },
  // added with the shape tour (issue 10): what the tour cannot reach because no output depends on it
  { file: "src/kernel/venueEvents.ts", mutator: "ConditionalExpression", original: "o.orderId === id", replacement: "true", reason: WORKING_ORDER_AGREES },
  { file: "src/kernel/venueEvents.ts", mutator: "EqualityOperator", original: "o.orderId === id", replacement: "o.orderId !== id", reason: WORKING_ORDER_AGREES },
  { file: "src/kernel/venueEvents.ts", mutator: "ObjectLiteral", original: "{ ...trade }", replacement: "{}", reason: SELF_LOOP, within: "const nextTrade: Draft<Trade> = { ...trade };" },
  { file: "src/kernel/intents.ts", mutator: "ObjectLiteral", original: "{ ...trade }", replacement: "{}", reason: SELF_LOOP, within: "const nextTrade: Draft<Trade> = { ...trade };" },
  { file: "src/kernel/views.ts", mutator: "StringLiteral", original: "`slotView: slot ${slotId} does not exist (slotCount ${state.config.slotCount})`", replacement: "``", reason: NEVER_TAKEN },
  { file: "src/rows/writer.ts", mutator: "StringLiteral", original: "'; '", replacement: "\"\"", reason: ONE_TRANSITION, within: "transitions: o.transitions.map" },
  { file: "src/rows/writer.ts", mutator: "BlockStatement", original: "{\n    return show(x);\n  }", replacement: "{}", reason: INPUTS_ARE_OBJECTS, within: "} catch {" },
  { file: "src/rows/writer.ts", mutator: "ConditionalExpression", original: "typeof x === 'number'", replacement: "true", reason: SAME_FOR_EVERY_VALUE, within: "Number.isSafeInteger(x) && Math.abs(x) <= INT32_MAX" },
  { file: "src/rows/writer.ts", mutator: "ConditionalExpression", original: "typeof kind === 'string'", replacement: "true", reason: SAME_FOR_EVERY_VALUE, within: "(INPUT_KINDS as readonly string[]).includes(kind)" },
  { file: "src/rows/writer.ts", mutator: "ConditionalExpression", original: "!(tsMs >= dayStartMs && tsMs < dayStartMs + DAY_MS)", replacement: "true", reason: TIME_CACHE },
  { file: "src/rows/writer.ts", mutator: "ConditionalExpression", original: "tsMs >= dayStartMs && tsMs < dayStartMs + DAY_MS", replacement: "false", reason: TIME_CACHE },
  { file: "src/rows/writer.ts", mutator: "EqualityOperator", original: "tsMs >= dayStartMs", replacement: "tsMs > dayStartMs", reason: TIME_CACHE },
  { file: "src/rows/writer.ts", mutator: "ArithmeticOperator", original: "dayStartMs + DAY_MS", replacement: "dayStartMs - DAY_MS", reason: TIME_CACHE },
  { file: "src/rows/writer.ts", mutator: "StringLiteral", original: "''", replacement: "\"Stryker was here!\"", reason: TIME_CACHE, within: "private ts = '';" },
  { file: "src/rows/writer.ts", mutator: "StringLiteral", original: "''", replacement: "\"Stryker was here!\"", reason: TIME_CACHE, within: "private date = '';" },
  { file: "src/rows/writer.ts", mutator: "ConditionalExpression", original: "tsMs !== this.tsMs", replacement: "true", reason: TIME_CACHE },
  { file: "src/rows/writer.ts", mutator: "LogicalOperator", original: "this.capital ?? capitalAfter", replacement: "this.capital && capitalAfter", reason: SEED_FRONT_END_ONLY },
  { file: "src/rows/writer.ts", mutator: "StringLiteral", original: "'policy'", replacement: "\"\"", reason: NO_POLICY_DECISION },
  { file: "src/rows/writer.ts", mutator: "BooleanLiteral", original: "true", replacement: "false", reason: SEED_FRONT_END_ONLY, within: "opened: true, closed: false, commandId: ''," },
  { file: "src/rows/writer.ts", mutator: "BooleanLiteral", original: "false", replacement: "true", reason: SEED_FRONT_END_ONLY, within: "opened: true, closed: false, commandId: ''," },
  { file: "src/rows/writer.ts", mutator: "StringLiteral", original: "''", replacement: "\"Stryker was here!\"", reason: SEED_FRONT_END_ONLY, within: "opened: true, closed: false, commandId: ''," },
  { file: "src/rows/writer.ts", mutator: "OptionalChaining", original: "intentOf(step.input)?.exitLegRatios", replacement: "intentOf(step.input).exitLegRatios", reason: NEVER_TAKEN },
  { file: "src/rows/writer.ts", mutator: "OptionalChaining", original: "legs?.requestedSize", replacement: "legs.requestedSize", reason: NEVER_TAKEN },
  { file: "src/rows/writer.ts", mutator: "OptionalChaining", original: "legs?.nextSeq", replacement: "legs.nextSeq", reason: NEVER_TAKEN },
  { file: "src/rows/fromRecords.ts", mutator: "ConditionalExpression", original: "typeof tsMs === 'number'", replacement: "true", reason: SAME_FOR_EVERY_VALUE, within: "Number.isSafeInteger(tsMs) && tsMs >= 0" },
  { file: "src/rows/fromRecords.ts", mutator: "EqualityOperator", original: "tsMs >= 0", replacement: "tsMs > 0", reason: TIME_ZERO, within: "Number.isSafeInteger(tsMs) && tsMs >= 0" },
  { file: "src/rows/fromRecords.ts", mutator: "ConditionalExpression", original: "typeof input === 'object' && input !== null", replacement: "true", reason: INPUTS_ARE_OBJECTS },
  { file: "src/rows/fromRecords.ts", mutator: "LogicalOperator", original: "typeof input === 'object' && input !== null", replacement: "typeof input === 'object' || input !== null", reason: INPUTS_ARE_OBJECTS },
  { file: "src/rows/fromRecords.ts", mutator: "ConditionalExpression", original: "typeof input === 'object'", replacement: "true", reason: INPUTS_ARE_OBJECTS, within: "(input as { tsMs?: unknown }).tsMs" },
  { file: "src/rows/fromRecords.ts", mutator: "ConditionalExpression", original: "input !== null", replacement: "true", reason: INPUTS_ARE_OBJECTS, within: "(input as { tsMs?: unknown }).tsMs" },
];

export function equivalentKey(m: Pick<EquivalentMutant, 'file' | 'mutator' | 'original' | 'replacement'>): string {
  return `${m.file}\u0000${m.mutator}\u0000${m.original}\u0000${m.replacement}`;
}
