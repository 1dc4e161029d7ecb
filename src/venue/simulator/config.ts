// The simulated venue's instruments, rates and balances, normalized once; plain strings in, Decimals inside.
import { Decimal } from '../../kernel/decimal.ts';

export interface VenueInstrumentSpec {
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly minNotional: string;
  /** The price MARKET orders fill around, and the mark for margin. */
  readonly markPrice: string;
}

export interface SimulatorConfigInput {
  readonly instruments: Readonly<Record<string, VenueInstrumentSpec>>;
  readonly quoteAsset: string;
  /** The other asset commissions may be charged in (Binance: BNB), and its price in the quote asset. */
  readonly feeAsset: string;
  readonly feeAssetPrice: string;
  readonly takerRate: string;
  readonly makerRate: string;
  /** Negative: a maker rebate. */
  readonly rebateRate: string;
  /** Initial margin as a fraction of notional (1 / leverage). */
  readonly initialMarginRate: string;
  readonly initialBalance: string;
}

export const DEFAULT_SIMULATOR_CONFIG: SimulatorConfigInput = {
  instruments: {
    BTCUSDT: { tickSize: '0.1', stepSize: '0.001', minQty: '0.001', minNotional: '5', markPrice: '100' },
    ETHUSDT: { tickSize: '0.01', stepSize: '0.001', minQty: '0.001', minNotional: '5', markPrice: '20' },
  },
  quoteAsset: 'USDT',
  feeAsset: 'BNB',
  feeAssetPrice: '500',
  takerRate: '0.0004',
  makerRate: '0.0002',
  rebateRate: '-0.0001',
  initialMarginRate: '0.05',
  initialBalance: '25000',
};

export interface VenueInstrument {
  readonly symbol: string;
  readonly tick: Decimal;
  readonly step: Decimal;
  readonly minQty: Decimal;
  readonly minNotional: Decimal;
  readonly mark: Decimal;
}

export interface SimulatorConfig {
  readonly input: SimulatorConfigInput;
  readonly instruments: ReadonlyMap<string, VenueInstrument>;
  readonly feeAssetPrice: Decimal;
  readonly takerRate: Decimal;
  readonly makerRate: Decimal;
  readonly rebateRate: Decimal;
  readonly initialMarginRate: Decimal;
  readonly initialBalance: Decimal;
}

function positive(name: string, value: string): Decimal {
  const d = new Decimal(value);
  if (!d.isFinite() || d.lte(0)) throw new RangeError(`simulator.${name} must be a positive decimal, got ${value}`);
  return d;
}

export function makeSimulatorConfig(input: SimulatorConfigInput = DEFAULT_SIMULATOR_CONFIG): SimulatorConfig {
  const instruments = new Map<string, VenueInstrument>();
  for (const [symbol, spec] of Object.entries(input.instruments)) {
    instruments.set(symbol, {
      symbol,
      tick: positive(`instruments.${symbol}.tickSize`, spec.tickSize),
      step: positive(`instruments.${symbol}.stepSize`, spec.stepSize),
      minQty: positive(`instruments.${symbol}.minQty`, spec.minQty),
      minNotional: new Decimal(spec.minNotional),
      mark: positive(`instruments.${symbol}.markPrice`, spec.markPrice),
    });
  }
  return {
    input, instruments,
    feeAssetPrice: positive('feeAssetPrice', input.feeAssetPrice),
    takerRate: new Decimal(input.takerRate),
    makerRate: new Decimal(input.makerRate),
    rebateRate: new Decimal(input.rebateRate),
    initialMarginRate: positive('initialMarginRate', input.initialMarginRate),
    initialBalance: new Decimal(input.initialBalance),
  };
}

/** Binance's quantity rule: minQty ≤ q and (q − minQty) a multiple of stepSize. */
export function qtyOnGrid(q: Decimal, inst: VenueInstrument): boolean {
  return q.gte(inst.minQty) && q.sub(inst.minQty).mod(inst.step).isZero();
}

export function priceOnGrid(p: Decimal, inst: VenueInstrument): boolean {
  return p.gt(0) && p.mod(inst.tick).isZero();
}
