// Turns an abstract IntentPlan into a concrete kernel intent against the kernel's current state: ids come
// from the action's position, EXIT and CANCEL name the slot's live trade, so most intents are meaningful.
import { Decimal } from '../kernel/decimal.ts';
import type { KernelIntent, KernelState, Trade } from '../kernel/types.ts';
import { FUZZ_ASSETS, RATIO_PLANS, type IntentPlan } from './fuzz/fuzzCase.ts';

function autoAction(trade: Trade | null): 'ENTER' | 'EXIT' | 'CANCEL' {
  if (!trade || trade.closed) return 'ENTER';
  return trade.stage === 'POSITION_OPEN' ? 'EXIT' : 'CANCEL';
}

export function buildIntent(state: KernelState, planned: IntentPlan, actionIndex: number): KernelIntent {
  const slotId = planned.slot % state.config.slotCount;
  const live = state.slots[slotId]?.trade ?? null;
  const plan = { ...planned, action: planned.action === 'AUTO' ? autoAction(live) : planned.action };
  const asset = plan.action === 'ENTER' || !live ? FUZZ_ASSETS[plan.asset % FUZZ_ASSETS.length] ?? 'BTCUSDT' : live.asset;
  const side = plan.action === 'ENTER' || !live ? plan.side : live.side;
  const inst = state.config.instruments[asset];
  const tick = inst?.priceTick ?? new Decimal('0.1');
  const mark = asset === 'ETHUSDT' ? new Decimal(20) : new Decimal(100);
  const venueStep = (inst?.minQty ?? new Decimal('0.001'));
  const scale = asset === 'ETHUSDT' ? 5 : 1;
  const size = venueStep.mul(plan.sizeSteps * scale).add((inst?.qtyStep ?? venueStep).mul(plan.fineSteps));
  const exitSize = plan.exitSteps === null ? null : venueStep.mul(plan.exitSteps * scale).toFixed();
  return {
    intentId: `i${actionIndex}`,
    tradeId: plan.action === 'ENTER' || !live ? `t${actionIndex}` : live.tradeId,
    slotId,
    asset,
    side,
    action: plan.action,
    referencePrice: mark.add(tick.mul(plan.priceTicks)).toFixed(),
    targetSize: plan.action === 'ENTER' ? size.toFixed() : plan.action === 'EXIT' ? exitSize : null,
    leverage: '5',
    exitLegRatios: RATIO_PLANS[plan.ratioPlan % RATIO_PLANS.length] ?? ['1'],
    reason: plan.action === 'EXIT' ? 'TP' : plan.action,
  };
}
