// Public surface of the reference kernel.
export { Decimal, MONEY_DP, bookMoney, plain, toDecimal, truncToStep } from './decimal.ts';
export { DIAGNOSTICS, DIAGNOSTIC_CODES, INTENT_REJECTION_PRECEDENCE, severityOf, type DiagnosticCode, type Severity } from './diagnostics.ts';
export { TRANSITIONS, DECLARED_TRANSITIONS, nextStage, transitionKey, type DeclaredTransition } from './transitions.ts';
export { initialState, makeConfig, freeCapital, marginOf, sideSign, unrealizedPnl, DEFAULT_INSTRUMENTS, type InstrumentSpec, type KernelConfigInput } from './state.ts';
export { step } from './step.ts';
export { KernelAssertionError } from './stepContext.ts';
export { legQuantity } from './intents.ts';
export { isTerminal } from './venueEvents.ts';
export { slotView, type SlotView } from './views.ts';
export * from './types.ts';
export { PersistentMap, PersistentSet } from './persistent.ts';
