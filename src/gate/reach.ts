// Classifies every step of a run into reach-matrix cells (reachMatrix.ts) from what the kernel was given and the
// state before the step: the input, the slot, trade and order it names, the mode. The kernel's outcome, events
// and transitions are not read; the one thing taken from after a step is when a fill id was first applied, an
// order ended or a trade closed (the next step's state before), to measure how late a repeat is.
import type { StepRecord } from '../driver/driver.ts';
import { truncToStep, type Decimal } from '../kernel/decimal.ts';
import type { KernelInput, KernelState, Order, Trade } from '../kernel/types.ts';
import { brokenRules, validNum, viewIntent } from './precedenceRules.ts';
import { DUPLICATE_AGES, MANY_INPUTS, REACH_CELLS, VENUE_KINDS, cellId, stageKey, type Distance, type ExitSizeClass, type ReachDimension } from './reachMatrix.ts';

/** Counts one cell by its id (`dimension:key`). */
type Hit = (id: string) => void;

/** Cell ids by the parts of their key, built once: the hot path indexes constant strings instead of concatenating. */
function idsOf(dimension: ReachDimension, sep: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const c of REACH_CELLS) {
    if (c.dimension !== dimension) continue;
    const cut = c.key.lastIndexOf(sep);
    (out[c.key.slice(0, cut)] ??= {})[c.key.slice(cut + sep.length)] = cellId(dimension, c.key);
  }
  return out;
}
const STAGE_IDS = idsOf('stage', '/');
const MODE_IDS = idsOf('modeAction', '/');
const PAIR_IDS = idsOf('precedence', '>');
const SAME_IDS = idsOf('sameInstrument', '/');
const rare = (d: ReachDimension, k: string) => cellId(d, k);
type IntentInput = Extract<KernelInput, { kind: 'intent' }>;

const TERMINAL = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED']);
const EARLY_RULES = new Set(['INVALID_INPUT', 'INVALID_TIMESTAMP', 'UNKNOWN_ACTION', 'INVALID_INTENT_ID', 'DUPLICATE_INTENT']);


/** The trade an order belongs to, as it stood before the step (a replaced trade was CLOSED before it left). */
function stageOfOrderTrade(pre: KernelState, o: Order): { trade: Trade | null; stage: Trade['stage'] } {
  const t = pre.slots[o.slotId]?.trade ?? null;
  return t && t.tradeId === o.tradeId ? { trade: t, stage: t.stage } : { trade: null, stage: 'CLOSED' };
}


function distanceOf(n: number): Distance {
  return n <= 1 ? 'next' : n < MANY_INPUTS ? 'few' : 'many';
}

function sameInstrument(hit: Hit, pre: KernelState, input: 'ENTER' | 'EXIT' | 'fill', self: number, asset: string, side: string): void {
  for (const s of pre.slots) {
    const t = s.trade;
    if (s.slotId === self || !t || t.closed || t.asset !== asset) continue;
    hit(SAME_IDS[input]![t.side === side ? 'same-side' : 'opposite-side']!);
  }
}

function exitSizeClasses(input: IntentInput, t: Trade, pre: KernelState): ExitSizeClass[] {
  const inst = pre.config.instruments[t.asset];
  if (!inst) return [];
  const raw = input.intent as unknown as Record<string, unknown>;
  const out: ExitSizeClass[] = [];
  const explicitRaw = raw['targetSize'];
  let leg: Decimal;
  if (explicitRaw === null || explicitRaw === undefined) {
    const n = t.exitLegRatios.length;
    const ratio = t.exitLegRatios[t.activeLegIndex];
    if (t.activeLegIndex >= n) out.push('past-plan');
    else if (t.activeLegIndex === n - 1) out.push('plan-last-leg');
    else out.push('plan-leg');
    leg = t.activeLegIndex >= n - 1 || !ratio ? t.size : truncToStep(ratio.mul(t.initialSize), inst.qtyStep);
    if (leg.isZero()) out.push('plan-leg-zero');
  } else {
    const s = validNum(explicitRaw);
    if (!s) return out;
    if (s.eq(t.size)) out.push('remainder');
    if (s.eq(t.size.add(inst.qtyStep))) out.push('remainder+step');
    if (s.eq(t.size.sub(inst.qtyStep))) out.push('remainder-step');
    if (t.size.gt(0) && s.gt(t.size) && s.mod(t.size).isZero()) out.push('multiple');
    leg = s;
  }
  if (leg.gt(t.size)) leg = t.size;
  const price = validNum(raw['referencePrice']);
  if (!price) return out;
  const belowMin = (q: Decimal) => q.lt(inst.minQty) || q.mul(price).lt(inst.minNotional);
  if (leg.gt(0) && belowMin(leg)) out.push('below-min');
  const residue = t.size.sub(leg);
  if (leg.gt(0) && residue.gt(0) && belowMin(residue)) out.push('residue-below-min');
  return out;
}

function classifyIntent(hit: Hit, input: IntentInput, pre: KernelState): void {
  const v = viewIntent(input, pre);
  const broken = brokenRules(v);
  for (let i = 0; i < broken.length; i++) for (let j = i + 1; j < broken.length; j++) hit(PAIR_IDS[broken[i]!]?.[broken[j]!] ?? rare('precedence', `${broken[i]}>${broken[j]}`));
  const action = v.action;
  if (action === null || action === 'OTHER') return;
  if (v.slot !== 'UNKNOWN') hit(STAGE_IDS[`${action}/${action === 'ENTER' ? 'ENTRY' : action === 'EXIT' ? 'EXIT' : 'ANY'}`]![v.slot]!);
  if (!broken.some((c) => EARLY_RULES.has(c))) hit(MODE_IDS[pre.mode]?.[action] ?? rare('modeAction', `${pre.mode}/${action}`));
  const raw = v.raw;
  const t = v.trade;
  if (!raw || v.slot === 'UNKNOWN') return;
  if (action === 'EXIT' && t && t.stage === 'POSITION_OPEN' && raw['tradeId'] === t.tradeId) {
    for (const c of exitSizeClasses(input, t, pre)) hit(rare('exitSize', c));
    sameInstrument(hit, pre, 'EXIT', t.slotId, t.asset, t.side);
  }
  if (action === 'ENTER' && (!t || t.closed) && typeof raw['asset'] === 'string' && (raw['side'] === 'LONG' || raw['side'] === 'SHORT')) {
    sameInstrument(hit, pre, 'ENTER', raw['slotId'] as number, raw['asset'], raw['side']);
  }
}

/** Per run: when each fill id was first applied, and when each order could no longer take quantity. */
interface RunMemory {
  readonly fillAppliedAt: Map<string, number>;
  /** Per order, the ids of the fills applied to it, oldest first. */
  readonly orderFills: Map<string, string[]>;
  readonly orderDoneAt: Map<string, number>;
  readonly tradeClosedAt: Map<string, number>;
}

function classifyVenue(hit: Hit, r: StepRecord, mem: RunMemory): void {
  const input = r.input;
  const pre = r.before;
  const orderId = (input as { orderId?: unknown }).orderId;
  const o = typeof orderId === 'string' ? pre.orders.get(orderId) : undefined;
  if (!o) return;
  const { trade, stage } = stageOfOrderTrade(pre, o);
  hit(STAGE_IDS[`${input.kind}/${o.purpose}`]?.[stage] ?? rare('stage', stageKey(input.kind, o.purpose, stage)));
  // the order could still take quantity: some left, and its trade live
  const capacity = trade !== null && !trade.closed && o.filledQty.lt(o.qty) ? 'open' : 'spent';
  const doneAt = Math.min(mem.orderDoneAt.get(o.orderId) ?? Infinity, mem.tradeClosedAt.get(o.tradeId) ?? Infinity);
  if (input.kind === 'order_filled') {
    const fillId = (input as { fillId?: unknown }).fillId;
    const first = typeof fillId === 'string' && pre.seenFillIds.has(fillId) ? mem.fillAppliedAt.get(fillId) : undefined;
    if (first !== undefined) {
      hit(rare('venueRepeat', `duplicate-fill/${distanceOf(r.index - first)}/${capacity}`));
      const ids = mem.orderFills.get(o.orderId) ?? [];
      const behind = ids.length - 1 - ids.indexOf(fillId as string);
      if (behind >= 0) hit(rare('venueRepeat', `duplicate-fill-age/${DUPLICATE_AGES[Math.min(behind, 2)]}/${capacity}`));
    }
    else if (doneAt !== Infinity) hit(rare('venueRepeat', `late-fill/${distanceOf(r.index - doneAt)}/${capacity}`));
    if (first === undefined && trade && !trade.closed) sameInstrument(hit, pre, 'fill', trade.slotId, trade.asset, trade.side);
  } else if (doneAt !== Infinity) {
    hit(rare('venueRepeat', `late-event/${distanceOf(r.index - doneAt)}/${capacity}`));
  }
  // Remember, from the state the next step starts from, what this step ended.
  const post = r.result.state;
  const fillId = (input as { fillId?: unknown }).fillId;
  if (typeof fillId === 'string' && !pre.seenFillIds.has(fillId) && post.seenFillIds.has(fillId)) {
    mem.fillAppliedAt.set(fillId, r.index);
    mem.orderFills.set(o.orderId, [...(mem.orderFills.get(o.orderId) ?? []), fillId]);
  }
  const after = post.orders.get(o.orderId);
  if (!mem.orderDoneAt.has(o.orderId) && !TERMINAL.has(o.status) && after && TERMINAL.has(after.status)) mem.orderDoneAt.set(o.orderId, r.index);
  const tAfter = post.slots[o.slotId]?.trade;
  if (trade && !trade.closed && tAfter && tAfter.tradeId === trade.tradeId && tAfter.closed) mem.tradeClosedAt.set(trade.tradeId, r.index);
}

/** Adds one run's cells to `counts` (keys from cellId). */
export function addReach(counts: Record<string, number>, records: readonly StepRecord[]): void {
  const hit: Hit = (id) => {
    counts[id] = (counts[id] ?? 0) + 1;
  };
  const mem: RunMemory = { fillAppliedAt: new Map(), orderFills: new Map(), orderDoneAt: new Map(), tradeClosedAt: new Map() };
  for (const r of records) {
    const input = r.input as { kind?: unknown };
    if (input.kind === 'intent') classifyIntent(hit, r.input as IntentInput, r.before);
    else if ((VENUE_KINDS as readonly unknown[]).includes(input.kind)) classifyVenue(hit, r, mem);
  }
}
