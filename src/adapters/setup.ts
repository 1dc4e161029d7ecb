// The three configurations of one adapter-fuzz run, derived from one simulator config: the venue's, what the
// adapter is told (exchange info and fee-asset prices), and the kernel's (same grid, or 10× finer).
import { Decimal } from '../kernel/decimal.ts';
import { makeConfig, type InstrumentSpec } from '../kernel/state.ts';
import type { KernelConfig } from '../kernel/types.ts';
import type { SimulatorConfigInput } from '../venue/simulator/config.ts';
import type { AdapterConfig } from './contract.ts';

export function adapterConfigOf(sim: SimulatorConfigInput): AdapterConfig {
  const instruments: Record<string, AdapterConfig['instruments'][string]> = {};
  for (const [symbol, i] of Object.entries(sim.instruments)) {
    instruments[symbol] = { tickSize: i.tickSize, stepSize: i.stepSize, minQty: i.minQty, minNotional: i.minNotional };
  }
  return { instruments, quoteAsset: sim.quoteAsset, assetPrices: { [sim.feeAsset]: sim.feeAssetPrice } };
}

export function kernelConfigOf(sim: SimulatorConfigInput, finerGrid: boolean): KernelConfig {
  const instruments: Record<string, InstrumentSpec> = {};
  for (const [symbol, i] of Object.entries(sim.instruments)) {
    const k = finerGrid ? 10 : 1;
    instruments[symbol] = {
      priceTick: new Decimal(i.tickSize).div(k).toFixed(), qtyStep: new Decimal(i.stepSize).div(k).toFixed(),
      minQty: i.minQty, minNotional: i.minNotional,
    };
  }
  return makeConfig({ instruments, initialCapital: sim.initialBalance, quoteAsset: sim.quoteAsset, slotCount: 2 });
}
