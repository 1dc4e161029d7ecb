// A counterexample's run as a timeline: who told whom what, at which virtual time, and what the kernel answered.
import { describeInput } from '../../driver/describe.ts';
import type { StreamMessage, VenueReply } from '../../venue/simulator/wire.ts';
import type { AdapterEvent } from '../contract.ts';
import type { AdapterTrace } from '../trace.ts';

export interface TimelineRow {
  readonly tMs: number;
  readonly flow: string;
  readonly message: string;
  readonly kernel: string;
}

function reply(r: VenueReply): string {
  if (r.httpStatus === 0) return `reply ${r.id}: no answer (client timeout): fate unknown`;
  if (r.httpStatus === 200) return `reply ${r.id}: 200 ${r.body.clientOrderId} ${r.body.status} executed ${r.body.executedQty}/${r.body.origQty}`;
  return `reply ${r.id}: ${r.httpStatus} ${r.body.code} ${r.body.msg}`;
}

function stream(m: StreamMessage): string {
  if (m.e === 'ACCOUNT_UPDATE') return `ACCOUNT_UPDATE E=${m.E} ${m.a.B.map((b) => `${b.a} wb=${b.wb}`).join(' ')}`;
  const o = m.o;
  const trade = o.x === 'TRADE' ? ` l=${o.l} L=${o.L} t=${o.t} n=${o.n} ${o.N}` : '';
  return `ORDER_TRADE_UPDATE ${o.c} x=${o.x} X=${o.X} z=${o.z}/${o.q}${trade}`;
}

function event(e: AdapterEvent): { flow: string; message: string } {
  if (e.type === 'sync') return { flow: 'workbench → adapter', message: 'sync: the venue has answered and sent; report what you have' };
  if (e.type === 'command') {
    const c = e.command;
    const text = c.type === 'SubmitOrder' ? `SubmitOrder ${c.clientOrderId} ${c.orderSide} ${c.qty} @${c.referencePrice}${c.reduceOnly ? ' reduceOnly' : ''}` : `CancelOrder ${c.clientOrderId}`;
    return { flow: 'kernel → adapter', message: text };
  }
  return { flow: 'venue → adapter', message: e.type === 'reply' ? reply(e.reply) : stream(e.message) };
}

export function timelineOf(trace: AdapterTrace): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const item of trace.log) {
    switch (item.kind) {
      case 'policy':
      case 'to_kernel': {
        const r = trace.records[item.stepIndex];
        if (!r) break;
        rows.push({ tMs: item.tMs, flow: item.kind === 'policy' ? 'policy → kernel' : 'adapter → kernel', message: describeInput(r.input), kernel: r.result.outcome.diagnosticCode });
        break;
      }
      case 'to_adapter': {
        const call = trace.calls[item.callIndex];
        if (call) rows.push({ tMs: item.tMs, ...event(call.event), kernel: '' });
        break;
      }
      case 'to_venue': {
        const r = trace.venueRequests[item.requestIndex];
        if (!r) break;
        const q = r.request;
        const what = q.method === 'POST'
          ? `POST ${q.params.newClientOrderId} ${q.params.side} ${q.params.type} ${q.params.quantity}${q.params.price ? ` @${q.params.price}` : ''}${q.params.reduceOnly === 'true' ? ' reduceOnly' : ''}`
          : `${q.method} ${q.params.origClientOrderId}`;
        rows.push({ tMs: item.tMs, flow: 'adapter → venue', message: `${what} [${q.id}] → ${r.outcome}`, kernel: '' });
        break;
      }
      case 'venue_action':
        rows.push({ tMs: item.tMs, flow: 'venue', message: item.text, kernel: '' });
        break;
      case 'wire':
        rows.push({ tMs: item.tMs, flow: item.flow, message: item.text, kernel: '' });
        break;
      case 'unsupported':
        rows.push({ tMs: item.tMs, flow: 'adapter', message: `unsupported: ${item.text}`, kernel: '' });
        break;
      case 'fault': {
        const f = trace.faults[item.faultIndex];
        if (f) rows.push({ tMs: item.tMs, flow: 'adapter ✗', message: `${f.kind}: ${f.message}`, kernel: '' });
        break;
      }
    }
  }
  return rows;
}
