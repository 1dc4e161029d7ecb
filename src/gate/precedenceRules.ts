// The intent rejection rules of spec/kernel.md §6.1 as the reach matrix reads them: when an intent breaks a
// rule, worked out from the intent as sent and the state before the step (never from the kernel's outcome),
// and which actions, slot stages and modes a rule needs. A pair of rules is "met" by one input that breaks
// both; which pairs can be met at all follows from this table and the field conflicts below.
import { Decimal, isOnGrid, isPositiveFinite, toDecimal, truncToStep } from '../kernel/decimal.ts';
import { INTENT_REJECTION_PRECEDENCE, type DiagnosticCode } from '../kernel/diagnostics.ts';
import type { Instrument, KernelInput, KernelMode, KernelState, Stage, Trade } from '../kernel/types.ts';

/** The intent's action as the rules see it: OTHER is any action the kernel does not know. */
export type ActionClass = 'ENTER' | 'EXIT' | 'CANCEL' | 'OTHER';
/** The slot an intent names, before the step: UNKNOWN (no such slot) or its trade's stage (IDLE: never used). */
export type SlotClass = 'UNKNOWN' | Stage;

const ALL_ACTIONS: readonly ActionClass[] = ['ENTER', 'EXIT', 'CANCEL', 'OTHER'];
const PRICED: readonly ActionClass[] = ['ENTER', 'EXIT'];
export const SLOT_CLASSES: readonly SlotClass[] = ['UNKNOWN', 'IDLE', 'ORDER_REQUESTED', 'POSITION_OPEN', 'EXIT_REQUESTED', 'CLOSED'];
const LIVE: readonly SlotClass[] = ['ORDER_REQUESTED', 'POSITION_OPEN', 'EXIT_REQUESTED'];

/** What one intent is, read once: the raw record, its parsed numbers and the slot's trade before the step. */
export interface IntentView {
  readonly raw: Record<string, unknown> | null;
  readonly tsMs: unknown;
  readonly action: ActionClass | null;
  readonly slot: SlotClass;
  readonly trade: Trade | null;
  readonly pre: KernelState;
  /** Parsed once: each is null unless a positive finite number. */
  readonly price: Decimal | null;
  readonly size: Decimal | null;
  readonly leverage: Decimal | null;
  readonly instrument: Instrument | null;
}

export interface RuleSpec {
  readonly code: DiagnosticCode;
  readonly actions: readonly ActionClass[];
  readonly slots: readonly SlotClass[];
  readonly mode: KernelMode | null;
  readonly breaks: (v: IntentView) => boolean;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Decimal strings recur (prices on a few hundred ticks, the same sizes and ratios), so parses are kept, up to a bound. */
const parsed = new Map<string, Decimal | null>();
const PARSED_MAX = 20_000;
export const validNum = (x: unknown): Decimal | null => {
  if (typeof x === 'string') {
    const known = parsed.get(x);
    if (known !== undefined) return known;
    if (parsed.size >= PARSED_MAX) parsed.clear();
    const d = toDecimal(x);
    const v = d && isPositiveFinite(d) ? d : null;
    parsed.set(x, v);
    return v;
  }
  const d = toDecimal(x);
  return d && isPositiveFinite(d) ? d : null;
};
const is = (v: IntentView, a: ActionClass, b?: ActionClass) => v.action === a || (b !== undefined && v.action === b);
const field = (v: IntentView, k: string): unknown => v.raw?.[k];
const instrumentOf = (v: IntentView) => v.instrument;
const hasExplicitSize = (v: IntentView) => is(v, 'ENTER') || (is(v, 'EXIT') && field(v, 'targetSize') !== null && field(v, 'targetSize') !== undefined);
const live = (v: IntentView) => v.trade !== null && !v.trade.closed;

// Trades are immutable and shared between the states of a run, so what is derived from one trade is kept per trade.
const marginByTrade = new WeakMap<Trade, Decimal>();
const zeroLegByTrade = new WeakMap<Trade, boolean>();

/** Margin held per spec/kernel.md §7: requested size at the reference price while the entry works, else size at entry. */
function marginHeld(t: Trade): Decimal {
  let m = marginByTrade.get(t);
  if (m === undefined) {
    m = t.stage === 'ORDER_REQUESTED' ? t.requestedSize.mul(t.entryReferencePrice).div(t.leverage) : t.size.mul(t.entryPrice).div(t.leverage);
    marginByTrade.set(t, m);
  }
  return m;
}

export function freeCapitalOf(state: KernelState): Decimal {
  let free = state.account.capital;
  for (const s of state.slots) if (s.trade && !s.trade.closed) free = free.sub(marginHeld(s.trade));
  return free;
}

/** On the grid of `step`; a power-of-ten step (every gate instrument) is decided by decimal places, without a division. */
function onGrid(x: Decimal, step: Decimal): boolean {
  const dp = step.decimalPlaces();
  return step.eq(TEN_POWERS[dp] ?? 0) ? x.decimalPlaces() <= dp : isOnGrid(x, step);
}
const TEN_POWERS = Array.from({ length: 19 }, (_, i) => new Decimal(10).pow(-i));

/** The next planned leg truncates to zero (spec/kernel.md §7): a ratio leg that is not the last one. */
export function plannedLegIsZero(t: Trade, state: KernelState): boolean {
  const known = zeroLegByTrade.get(t);
  if (known !== undefined) return known;
  const ratio = t.exitLegRatios[t.activeLegIndex];
  const step = state.config.instruments[t.asset]?.qtyStep;
  const zero = !!ratio && !!step && t.activeLegIndex < t.exitLegRatios.length - 1 && truncToStep(ratio.mul(t.initialSize), step).isZero();
  zeroLegByTrade.set(t, zero);
  return zero;
}

function rule(code: DiagnosticCode, actions: readonly ActionClass[], slots: readonly SlotClass[], breaks: (v: IntentView) => boolean, mode: KernelMode | null = null): RuleSpec {
  return { code, actions, slots, mode, breaks };
}

/** One entry per code of INTENT_REJECTION_PRECEDENCE, in that order (a test keeps them equal). */
export const RULES: readonly RuleSpec[] = [
  rule('INVALID_INPUT', ALL_ACTIONS, SLOT_CLASSES, (v) => !v.raw || typeof v.raw['reason'] !== 'string' || !Array.isArray(v.raw['exitLegRatios'])),
  rule('INVALID_TIMESTAMP', ALL_ACTIONS, SLOT_CLASSES, (v) => !(typeof v.tsMs === 'number' && Number.isSafeInteger(v.tsMs) && v.tsMs >= 0)),
  rule('UNKNOWN_ACTION', ['OTHER'], SLOT_CLASSES, (v) => v.action === 'OTHER'),
  rule('INVALID_INTENT_ID', ALL_ACTIONS, SLOT_CLASSES, (v) => {
    const i = field(v, 'intentId');
    const t = field(v, 'tradeId');
    return v.raw !== null && (typeof i !== 'string' || i === '' || typeof t !== 'string' || t === '');
  }),
  rule('DUPLICATE_INTENT', ALL_ACTIONS, SLOT_CLASSES, (v) => typeof field(v, 'intentId') === 'string' && v.pre.seenIntentIds.has(field(v, 'intentId') as string)),
  rule('KERNEL_HALTED', ['ENTER', 'EXIT', 'OTHER'], SLOT_CLASSES, (v) => v.pre.mode === 'HALTED' && v.action !== null && v.action !== 'CANCEL', 'HALTED'),
  rule('REDUCE_ONLY', ['ENTER'], SLOT_CLASSES, (v) => v.pre.mode === 'REDUCE_ONLY' && v.action === 'ENTER', 'REDUCE_ONLY'),
  rule('UNKNOWN_SLOT', ALL_ACTIONS, ['UNKNOWN'], (v) => v.raw !== null && v.slot === 'UNKNOWN'),
  rule('UNKNOWN_ASSET', PRICED, SLOT_CLASSES, (v) => is(v, 'ENTER', 'EXIT') && instrumentOf(v) === null),
  rule('INVALID_SIDE', PRICED, SLOT_CLASSES, (v) => is(v, 'ENTER', 'EXIT') && field(v, 'side') !== 'LONG' && field(v, 'side') !== 'SHORT'),
  rule('INVALID_PRICE', PRICED, SLOT_CLASSES, (v) => is(v, 'ENTER', 'EXIT') && v.price === null),
  rule('OFF_GRID_PRICE', PRICED, SLOT_CLASSES, (v) => {
    const inst = instrumentOf(v);
    const p = v.price;
    return is(v, 'ENTER', 'EXIT') && inst !== null && p !== null && !onGrid(p, inst.priceTick);
  }),
  rule('INVALID_SIZE', PRICED, SLOT_CLASSES, (v) => hasExplicitSize(v) && v.size === null),
  rule('OFF_GRID_SIZE', PRICED, SLOT_CLASSES, (v) => {
    const inst = instrumentOf(v);
    const s = v.size;
    return hasExplicitSize(v) && inst !== null && s !== null && !onGrid(s, inst.qtyStep);
  }),
  rule('INVALID_LEVERAGE', ['ENTER'], SLOT_CLASSES, (v) => is(v, 'ENTER') && v.leverage === null),
  rule('INVALID_EXIT_RATIOS', ['ENTER'], SLOT_CLASSES, (v) => {
    const rs = field(v, 'exitLegRatios');
    if (!is(v, 'ENTER') || !Array.isArray(rs)) return false;
    const ds = rs.map(validNum);
    return ds.length === 0 || ds.some((d) => d === null) || ds.reduce<Decimal>((a, d) => a.add(d ?? 0), new Decimal(0)).gt(1);
  }),
  rule('SLOT_OCCUPIED', ['ENTER'], LIVE, (v) => is(v, 'ENTER') && live(v)),
  rule('NO_POSITION', ['EXIT', 'CANCEL'], ['IDLE'], (v) => is(v, 'EXIT', 'CANCEL') && v.slot === 'IDLE'),
  rule('TRADE_CLOSED', ['EXIT', 'CANCEL'], ['CLOSED'], (v) => is(v, 'EXIT', 'CANCEL') && v.trade !== null && v.trade.closed),
  rule('TRADE_ID_MISMATCH', ['EXIT', 'CANCEL'], LIVE, (v) => is(v, 'EXIT', 'CANCEL') && live(v) && field(v, 'tradeId') !== v.trade?.tradeId),
  rule('DUPLICATE_TRADE_ID', ['ENTER'], SLOT_CLASSES, (v) => is(v, 'ENTER') && typeof field(v, 'tradeId') === 'string' && v.pre.seenTradeIds.has(field(v, 'tradeId') as string)),
  rule('ASSET_MISMATCH', ['EXIT'], LIVE, (v) => is(v, 'EXIT') && live(v) && field(v, 'asset') !== v.trade?.asset),
  rule('SIDE_MISMATCH', ['EXIT'], LIVE, (v) => is(v, 'EXIT') && live(v) && field(v, 'side') !== v.trade?.side),
  rule('ENTRY_WORKING', ['EXIT'], ['ORDER_REQUESTED'], (v) => is(v, 'EXIT') && live(v) && v.trade?.stage === 'ORDER_REQUESTED'),
  rule('EXIT_WORKING', ['EXIT'], ['EXIT_REQUESTED'], (v) => is(v, 'EXIT') && live(v) && v.trade?.stage === 'EXIT_REQUESTED'),
  rule('NO_WORKING_ORDER', ['CANCEL'], ['POSITION_OPEN'], (v) => is(v, 'CANCEL') && live(v) && v.trade?.stage === 'POSITION_OPEN'),
  rule('CANCEL_ALREADY_REQUESTED', ['CANCEL'], ['ORDER_REQUESTED', 'EXIT_REQUESTED'], (v) => {
    const t = v.trade;
    if (!is(v, 'CANCEL') || !t || t.closed) return false;
    const id = t.stage === 'ORDER_REQUESTED' ? t.activeEntryOrder : t.stage === 'EXIT_REQUESTED' ? t.activeExitOrder : null;
    return id !== null && v.pre.orders.get(id)?.cancelRequested === true;
  }),
  rule('BELOW_MIN_QTY', ['ENTER'], SLOT_CLASSES, (v) => {
    const inst = instrumentOf(v);
    const s = v.size;
    return is(v, 'ENTER') && inst !== null && s !== null && s.lt(inst.minQty);
  }),
  rule('BELOW_MIN_NOTIONAL', ['ENTER'], SLOT_CLASSES, (v) => {
    const inst = instrumentOf(v);
    const s = v.size;
    const p = v.price;
    return is(v, 'ENTER') && inst !== null && s !== null && p !== null && s.mul(p).lt(inst.minNotional);
  }),
  rule('INSUFFICIENT_MARGIN', ['ENTER'], SLOT_CLASSES, (v) => {
    const s = v.size;
    const p = v.price;
    const l = v.leverage;
    return is(v, 'ENTER') && s !== null && p !== null && l !== null && s.mul(p).div(l).gt(freeCapitalOf(v.pre));
  }),
  rule('LEG_SIZE_ZERO', ['EXIT'], ['POSITION_OPEN'], (v) => {
    const t = v.trade;
    const size = field(v, 'targetSize');
    return is(v, 'EXIT') && t !== null && t.stage === 'POSITION_OPEN' && (size === null || size === undefined) && plannedLegIsZero(t, v.pre);
  }),
];

/** Reads an intent input against the state before the step. */
export function viewIntent(input: Extract<KernelInput, { kind: 'intent' }>, pre: KernelState): IntentView {
  const raw = isRecord(input.intent) ? (input.intent as unknown as Record<string, unknown>) : null;
  const a = raw?.['action'];
  const action: ActionClass | null = raw === null ? null : a === 'ENTER' || a === 'EXIT' || a === 'CANCEL' ? a : 'OTHER';
  const s = raw?.['slotId'];
  const known = typeof s === 'number' && Number.isInteger(s) && s >= 0 && s < pre.config.slotCount;
  const trade = known ? pre.slots[s]?.trade ?? null : null;
  const asset = raw?.['asset'];
  // own keys only: an asset named 'toString' is unknown, not an inherited property
  const instrument = typeof asset === 'string' && Object.hasOwn(pre.config.instruments, asset) ? pre.config.instruments[asset] ?? null : null;
  return {
    raw, tsMs: (input as { tsMs: unknown }).tsMs, action, slot: !known ? 'UNKNOWN' : trade ? trade.stage : 'IDLE', trade, pre, instrument,
    // only what some rule of this action reads is parsed (CANCEL reads no number, EXIT no leverage)
    price: action === 'ENTER' || action === 'EXIT' ? validNum(raw?.['referencePrice']) : null,
    size: action === 'ENTER' || action === 'EXIT' ? validNum(raw?.['targetSize']) : null,
    leverage: action === 'ENTER' ? validNum(raw?.['leverage']) : null,
  };
}

/** Per action (null: the intent is not even a record), the rules that can apply to it, in precedence order. */
const RULES_FOR = new Map<ActionClass | null, readonly RuleSpec[]>([
  [null, RULES.filter((r) => r.code === 'INVALID_INPUT' || r.code === 'INVALID_TIMESTAMP')],
  ...ALL_ACTIONS.map((a) => [a, RULES.filter((r) => r.actions.includes(a))] as const),
]);

/** The codes of every rule the intent breaks, in precedence order. */
export function brokenRules(v: IntentView): DiagnosticCode[] {
  const out: DiagnosticCode[] = [];
  for (const r of RULES_FOR.get(v.action) ?? RULES) if (r.breaks(v)) out.push(r.code);
  return out;
}

/** Pairs that share actions, slots and modes but still cannot be broken by one input: the two rules read one field. */
export const FIELD_CONFLICTS: readonly { readonly pair: readonly [DiagnosticCode, DiagnosticCode]; readonly reason: string }[] = [
  { pair: ['UNKNOWN_ASSET', 'OFF_GRID_PRICE'], reason: 'the tick grid is the named instrument\'s; an unknown asset has none' },
  { pair: ['UNKNOWN_ASSET', 'OFF_GRID_SIZE'], reason: 'the step grid is the named instrument\'s; an unknown asset has none' },
  { pair: ['UNKNOWN_ASSET', 'BELOW_MIN_QTY'], reason: 'the minimum quantity is the named instrument\'s; an unknown asset has none' },
  { pair: ['UNKNOWN_ASSET', 'BELOW_MIN_NOTIONAL'], reason: 'the minimum notional is the named instrument\'s; an unknown asset has none' },
  { pair: ['INVALID_PRICE', 'OFF_GRID_PRICE'], reason: 'one field: a price that is not a positive number has no place on the grid' },
  { pair: ['INVALID_PRICE', 'BELOW_MIN_NOTIONAL'], reason: 'the notional needs a valid price' },
  { pair: ['INVALID_PRICE', 'INSUFFICIENT_MARGIN'], reason: 'the margin needs a valid price' },
  { pair: ['INVALID_SIZE', 'OFF_GRID_SIZE'], reason: 'one field: a size that is not a positive number has no place on the grid' },
  { pair: ['INVALID_SIZE', 'BELOW_MIN_QTY'], reason: 'the minimum applies to a valid size' },
  { pair: ['INVALID_SIZE', 'BELOW_MIN_NOTIONAL'], reason: 'the notional needs a valid size' },
  { pair: ['INVALID_SIZE', 'INSUFFICIENT_MARGIN'], reason: 'the margin needs a valid size' },
  { pair: ['INVALID_SIZE', 'LEG_SIZE_ZERO'], reason: 'a planned leg (the only one that can be zero) has no explicit size' },
  { pair: ['OFF_GRID_SIZE', 'LEG_SIZE_ZERO'], reason: 'a planned leg (the only one that can be zero) has no explicit size' },
  { pair: ['INVALID_LEVERAGE', 'INSUFFICIENT_MARGIN'], reason: 'the margin needs a valid leverage' },
];

export interface PairCell {
  readonly first: DiagnosticCode;
  readonly second: DiagnosticCode;
  /** null: one input can break both; else why it cannot. */
  readonly impossible: string | null;
}

const list = (xs: readonly string[]) => xs.join('/');

function pairReason(a: RuleSpec, b: RuleSpec): string | null {
  if (!a.actions.some((x) => b.actions.includes(x))) return `actions: ${a.code} applies to ${list(a.actions)}, ${b.code} to ${list(b.actions)}`;
  if (!a.slots.some((x) => b.slots.includes(x))) return `slots: ${a.code} needs a slot ${list(a.slots)}, ${b.code} one ${list(b.slots)}`;
  if (a.mode && b.mode && a.mode !== b.mode) return `modes: ${a.code} needs ${a.mode}, ${b.code} needs ${b.mode}`;
  const conflict = FIELD_CONFLICTS.find((c) => c.pair[0] === a.code && c.pair[1] === b.code);
  return conflict ? `fields: ${conflict.reason}` : null;
}

/** Every ordered pair (earlier, later) of the precedence list, with why it cannot be met when it cannot. */
export const PRECEDENCE_PAIRS: readonly PairCell[] = RULES.flatMap((a, i) => RULES.slice(i + 1).map((b) => ({ first: a.code, second: b.code, impossible: pairReason(a, b) })));

export const POSSIBLE_PAIRS: readonly PairCell[] = PRECEDENCE_PAIRS.filter((p) => p.impossible === null);

export function ruleOf(code: DiagnosticCode): RuleSpec {
  const r = RULES.find((x) => x.code === code);
  if (!r) throw new Error(`no precedence rule ${code}`);
  return r;
}

export { INTENT_REJECTION_PRECEDENCE };
