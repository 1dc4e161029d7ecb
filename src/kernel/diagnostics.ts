// The closed list of diagnostic codes, each with its severity. spec/kernel.md §Diagnostics mirrors this table.

export type Severity = 'INFO' | 'WARN' | 'ERROR';

export const DIAGNOSTICS = {
  // accepted
  OK: { severity: 'INFO', accepted: true, meaning: 'input applied' },
  EXIT_CLAMPED: { severity: 'WARN', accepted: true, meaning: 'EXIT asked more than remains; the leg was clamped to the remaining size' },
  FILL_CLAMPED: { severity: 'WARN', accepted: true, meaning: 'fill larger than the order (or position) had left; only the remainder was applied' },
  BALANCE_DRIFT: { severity: 'WARN', accepted: true, meaning: 'venue balance report recorded; it differs from kernel capital (capital unchanged)' },
  // rejected: malformed or invalid input (checked first)
  INVALID_INPUT: { severity: 'ERROR', accepted: false, meaning: 'input is not an object of a known kind, or a required field is missing or mistyped' },
  INVALID_TIMESTAMP: { severity: 'ERROR', accepted: false, meaning: 'tsMs is not a non-negative safe integer' },
  UNKNOWN_ACTION: { severity: 'ERROR', accepted: false, meaning: 'intent action is not ENTER, EXIT or CANCEL' },
  INVALID_INTENT_ID: { severity: 'ERROR', accepted: false, meaning: 'intent id or trade id is empty or not a string' },
  DUPLICATE_INTENT: { severity: 'WARN', accepted: false, meaning: 'an intent with this id was already accepted' },
  KERNEL_HALTED: { severity: 'WARN', accepted: false, meaning: 'mode HALTED: only CANCEL intents are accepted' },
  REDUCE_ONLY: { severity: 'WARN', accepted: false, meaning: 'mode REDUCE_ONLY: ENTER is rejected' },
  UNKNOWN_SLOT: { severity: 'ERROR', accepted: false, meaning: 'slot id is not an integer in [0, slotCount)' },
  UNKNOWN_ASSET: { severity: 'ERROR', accepted: false, meaning: 'asset has no instrument in the kernel config' },
  INVALID_SIDE: { severity: 'ERROR', accepted: false, meaning: 'side is not LONG or SHORT' },
  INVALID_PRICE: { severity: 'ERROR', accepted: false, meaning: 'price is NaN, infinite, zero, negative or not a number' },
  INVALID_SIZE: { severity: 'ERROR', accepted: false, meaning: 'size is NaN, infinite, zero, negative or not a number' },
  INVALID_LEVERAGE: { severity: 'ERROR', accepted: false, meaning: 'leverage is NaN, infinite, zero or negative' },
  INVALID_EXIT_RATIOS: { severity: 'ERROR', accepted: false, meaning: 'exit plan empty, a ratio not positive and finite, or ratios summing past 1' },
  OFF_GRID_PRICE: { severity: 'ERROR', accepted: false, meaning: 'price is not a multiple of the instrument tick' },
  OFF_GRID_SIZE: { severity: 'ERROR', accepted: false, meaning: 'size is not a multiple of the instrument step' },
  // rejected: state-dependent
  SLOT_OCCUPIED: { severity: 'WARN', accepted: false, meaning: 'ENTER on a slot whose trade is not CLOSED' },
  DUPLICATE_TRADE_ID: { severity: 'ERROR', accepted: false, meaning: 'ENTER reuses a trade id the kernel has already opened' },
  BELOW_MIN_QTY: { severity: 'WARN', accepted: false, meaning: 'ENTER size below the instrument minimum quantity' },
  BELOW_MIN_NOTIONAL: { severity: 'WARN', accepted: false, meaning: 'ENTER notional below the instrument minimum notional' },
  INSUFFICIENT_MARGIN: { severity: 'WARN', accepted: false, meaning: 'margin (notional ÷ leverage) exceeds free capital' },
  NO_POSITION: { severity: 'WARN', accepted: false, meaning: 'EXIT or CANCEL on a slot that never held a trade' },
  TRADE_CLOSED: { severity: 'WARN', accepted: false, meaning: 'EXIT or CANCEL on a CLOSED trade (no double close)' },
  TRADE_ID_MISMATCH: { severity: 'ERROR', accepted: false, meaning: 'intent trade id differs from the slot\'s trade' },
  ASSET_MISMATCH: { severity: 'ERROR', accepted: false, meaning: 'intent asset differs from the slot\'s trade' },
  SIDE_MISMATCH: { severity: 'ERROR', accepted: false, meaning: 'intent side differs from the slot\'s trade' },
  ENTRY_WORKING: { severity: 'WARN', accepted: false, meaning: 'EXIT while the entry order is working (cancel it first)' },
  EXIT_WORKING: { severity: 'WARN', accepted: false, meaning: 'EXIT while an exit order is working' },
  LEG_SIZE_ZERO: { severity: 'WARN', accepted: false, meaning: 'the planned leg truncates to zero on the instrument step; nothing is sent' },
  NO_WORKING_ORDER: { severity: 'WARN', accepted: false, meaning: 'CANCEL on a trade with no working order' },
  CANCEL_ALREADY_REQUESTED: { severity: 'INFO', accepted: false, meaning: 'CANCEL for an order already asked to cancel' },
  // rejected or ignored venue events
  UNKNOWN_ORDER: { severity: 'ERROR', accepted: false, meaning: 'venue event for an order the kernel never submitted' },
  INVALID_FILL: { severity: 'ERROR', accepted: false, meaning: 'fill id empty, or fill qty/price/fee not a valid number' },
  DUPLICATE_FILL: { severity: 'INFO', accepted: false, meaning: 'fill id already applied: duplicates have no effect' },
  OVERFILL: { severity: 'ERROR', accepted: false, meaning: 'fill on an order (or position) with nothing left: nothing applied' },
  FILL_AFTER_CLOSE: { severity: 'ERROR', accepted: false, meaning: 'fill for a trade already CLOSED: not applied, needs reconciliation' },
  STALE_ORDER_EVENT: { severity: 'INFO', accepted: false, meaning: 'ack/cancel/expire/reject for an order already past that status: ignored' },
  INVALID_BALANCE: { severity: 'ERROR', accepted: false, meaning: 'balance report is not a finite number' },
  INVALID_MODE: { severity: 'ERROR', accepted: false, meaning: 'control change names an unknown mode or verbosity' },
} as const satisfies Record<string, { severity: Severity; accepted: boolean; meaning: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;
export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTICS) as DiagnosticCode[];

export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTICS[code].severity;
}

/**
 * The order in which an intent's rejections are checked: the first that applies wins.
 * tests/kernel/precedence.test.ts pins this order; spec/kernel.md §Precedence lists it.
 */
export const INTENT_REJECTION_PRECEDENCE: readonly DiagnosticCode[] = [
  'INVALID_INPUT',
  'INVALID_TIMESTAMP',
  'UNKNOWN_ACTION',
  'INVALID_INTENT_ID',
  'DUPLICATE_INTENT',
  'KERNEL_HALTED',
  'REDUCE_ONLY',
  'UNKNOWN_SLOT',
  'UNKNOWN_ASSET',
  'INVALID_SIDE',
  'INVALID_PRICE',
  'OFF_GRID_PRICE',
  'INVALID_SIZE',
  'OFF_GRID_SIZE',
  'INVALID_LEVERAGE',
  'INVALID_EXIT_RATIOS',
  'SLOT_OCCUPIED',
  'NO_POSITION',
  'TRADE_CLOSED',
  'TRADE_ID_MISMATCH',
  'DUPLICATE_TRADE_ID',
  'ASSET_MISMATCH',
  'SIDE_MISMATCH',
  'ENTRY_WORKING',
  'EXIT_WORKING',
  'NO_WORKING_ORDER',
  'CANCEL_ALREADY_REQUESTED',
  'BELOW_MIN_QTY',
  'BELOW_MIN_NOTIONAL',
  'INSUFFICIENT_MARGIN',
  'LEG_SIZE_ZERO',
];
