// Lookups over an AdapterTrace that several INV-A checks share, computed once per trace.
import { Decimal } from '../../kernel/decimal.ts';
import type { KernelState, Order } from '../../kernel/types.ts';
import type { RequestRecord, SimExecution } from '../../venue/simulator/simulator.ts';
import type { VenueReply } from '../../venue/simulator/wire.ts';
import type { KernelDelivery, WireCommand } from '../contract.ts';
import type { AdapterTrace, DeliveryRecord } from '../trace.ts';

type Submit = Extract<WireCommand, { type: 'SubmitOrder' }>;
export type Fill = Extract<KernelDelivery, { kind: 'order_filled' }>;

export interface RequestAt {
  readonly requestIndex: number;
  readonly record: RequestRecord;
  /** The adapter call whose answer sent it. */
  readonly callIndex: number;
  /** The last kernel step before it (for Violation.stepIndex). */
  readonly stepIndex: number;
}

export interface ReplySeen {
  readonly callIndex: number;
  readonly reply: VenueReply;
  /** The request it answers: the latest one with that id sent before. */
  readonly request: RequestAt | null;
}

export interface TraceIndex {
  readonly submits: ReadonlyMap<string, Submit>;
  readonly submitStep: ReadonlyMap<string, number>;
  readonly requests: readonly RequestAt[];
  readonly replies: readonly ReplySeen[];
  readonly deliveriesByOrder: ReadonlyMap<string, readonly DeliveryRecord[]>;
  readonly executionsByOrder: ReadonlyMap<string, readonly SimExecution[]>;
  readonly executionByFillId: ReadonlyMap<string, SimExecution>;
  readonly unsupportedOrders: ReadonlySet<string>;
  readonly finalState: KernelState | null;
  readonly lastStep: number;
}

const cache = new WeakMap<AdapterTrace, TraceIndex>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function fillIdOf(e: SimExecution): string {
  return `${e.symbol}:${e.tradeId}`;
}

export function indexTrace(trace: AdapterTrace): TraceIndex {
  const hit = cache.get(trace);
  if (hit) return hit;
  const submits = new Map<string, Submit>();
  const submitStep = new Map<string, number>();
  for (const c of trace.commands) {
    if (c.command.type === 'SubmitOrder' && !submits.has(c.command.clientOrderId)) {
      submits.set(c.command.clientOrderId, c.command);
      submitStep.set(c.command.clientOrderId, c.stepIndex);
    }
  }
  const requests: RequestAt[] = [];
  const replies: ReplySeen[] = [];
  const latestById = new Map<string, RequestAt>();
  let callIndex = -1;
  let stepIndex = 0;
  for (const item of trace.log) {
    if (item.kind === 'to_adapter') {
      callIndex = item.callIndex;
      const event = trace.calls[item.callIndex]?.event;
      if (event?.type === 'reply') replies.push({ callIndex, reply: event.reply, request: latestById.get(event.reply.id) ?? null });
    } else if (item.kind === 'policy' || item.kind === 'to_kernel') {
      stepIndex = item.stepIndex;
    } else if (item.kind === 'to_venue') {
      const record = trace.venueRequests[item.requestIndex];
      if (!record) continue;
      const at = { requestIndex: item.requestIndex, record, callIndex, stepIndex };
      requests.push(at);
      latestById.set(record.request.id, at);
    }
  }
  const deliveriesByOrder = new Map<string, DeliveryRecord[]>();
  for (const d of trace.deliveries) if ('orderId' in d.delivery) push(deliveriesByOrder, d.delivery.orderId, d);
  const executionsByOrder = new Map<string, SimExecution[]>();
  const executionByFillId = new Map<string, SimExecution>();
  for (const e of trace.executions) {
    push(executionsByOrder, e.clientOrderId, e);
    executionByFillId.set(fillIdOf(e), e);
  }
  const unsupportedOrders = new Set<string>();
  for (const call of trace.calls) for (const u of call.reaction?.unsupported ?? []) unsupportedOrders.add(u.clientOrderId);
  const last = trace.records[trace.records.length - 1];
  const index: TraceIndex = {
    submits, submitStep, requests, replies, deliveriesByOrder, executionsByOrder, executionByFillId, unsupportedOrders,
    finalState: last ? last.result.state : null, lastStep: Math.max(0, trace.records.length - 1),
  };
  cache.set(trace, index);
  return index;
}

export function kernelOrder(index: TraceIndex, orderId: string): Order | undefined {
  return index.finalState?.orders.get(orderId);
}

/** A decimal from an adapter-supplied string, or null when it is not one. */
export function dec(x: unknown): Decimal | null {
  if (typeof x !== 'string' || !/^-?\d+(\.\d+)?$/.test(x.trim())) return null;
  return new Decimal(x.trim());
}

export function sum(xs: readonly Decimal[]): Decimal {
  return xs.reduce((a, b) => a.add(b), new Decimal(0));
}
