// Is an adapter's answer well-formed? Returns a message naming the field and value, or null. Nonsense is a
// finding (INV-A-ANSWERS), never something the workbench passes on to the venue or the kernel.
import { DELIVERY_KINDS, type AdapterReaction } from './contract.ts';

const REQUEST_LIMIT = 64;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  try {
    const s = JSON.stringify(x);
    return s === undefined ? String(x) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(x);
  }
}

function strings(obj: Record<string, unknown>, fields: readonly string[], where: string): string | null {
  for (const f of fields) if (typeof obj[f] !== 'string') return `${where}.${f} must be a string, got ${show(obj[f])}`;
  return null;
}

function checkRequest(r: unknown, where: string): string | null {
  if (!isRecord(r)) return `${where} must be an object, got ${show(r)}`;
  if (typeof r['id'] !== 'string' || r['id'] === '') return `${where}.id must be a non-empty string, got ${show(r['id'])}`;
  if (!['POST', 'DELETE', 'GET'].includes(r['method'] as string)) return `${where}.method must be POST, DELETE or GET, got ${show(r['method'])}`;
  if (r['path'] !== '/fapi/v1/order') return `${where}.path must be /fapi/v1/order, got ${show(r['path'])}`;
  const p = r['params'];
  if (!isRecord(p)) return `${where}.params must be an object, got ${show(p)}`;
  if (r['method'] === 'POST') {
    const bad = strings(p, ['symbol', 'side', 'type', 'quantity', 'reduceOnly', 'newClientOrderId'], `${where}.params`);
    if (bad) return bad;
    if (p['price'] !== undefined && typeof p['price'] !== 'string') return `${where}.params.price must be a string, got ${show(p['price'])}`;
    return null;
  }
  return strings(p, ['symbol', 'origClientOrderId'], `${where}.params`);
}

const DELIVERY_FIELDS: Record<string, readonly string[]> = {
  order_accepted: ['orderId'],
  order_filled: ['orderId', 'fillId', 'qty', 'price', 'fee'],
  order_rejected: ['orderId', 'venueCode', 'message'],
  order_canceled: ['orderId'],
  order_expired: ['orderId'],
  balance_reported: ['balance'],
};

function checkDelivery(d: unknown, where: string): string | null {
  if (!isRecord(d)) return `${where} must be an object, got ${show(d)}`;
  const kind = d['kind'];
  if (typeof kind !== 'string' || !(DELIVERY_KINDS as readonly string[]).includes(kind)) {
    return `${where}.kind must be one of ${DELIVERY_KINDS.join(', ')}, got ${show(kind)}`;
  }
  return strings(d, DELIVERY_FIELDS[kind] ?? [], where);
}

function list(x: unknown, name: string): readonly unknown[] | string {
  if (x === undefined) return [];
  if (!Array.isArray(x)) return `reaction.${name} must be an array, got ${show(x)}`;
  if (x.length > REQUEST_LIMIT) return `reaction.${name} has ${x.length} entries (limit ${REQUEST_LIMIT} per answer)`;
  return x;
}

export function validateReaction(x: unknown): string | null {
  if (!isRecord(x)) return `the answer must be an object {requests?, deliver?, unsupported?}, got ${show(x)}`;
  const requests = list(x['requests'], 'requests');
  if (typeof requests === 'string') return requests;
  for (const [i, r] of requests.entries()) {
    const bad = checkRequest(r, `reaction.requests[${i}]`);
    if (bad) return bad;
  }
  const deliver = list(x['deliver'], 'deliver');
  if (typeof deliver === 'string') return deliver;
  for (const [i, d] of deliver.entries()) {
    const bad = checkDelivery(d, `reaction.deliver[${i}]`);
    if (bad) return bad;
  }
  const unsupported = list(x['unsupported'], 'unsupported');
  if (typeof unsupported === 'string') return unsupported;
  for (const [i, u] of unsupported.entries()) {
    if (!isRecord(u)) return `reaction.unsupported[${i}] must be an object, got ${show(u)}`;
    const bad = strings(u, ['command', 'clientOrderId', 'reason'], `reaction.unsupported[${i}]`);
    if (bad) return bad;
  }
  return null;
}

export function asReaction(x: unknown): AdapterReaction {
  return x as AdapterReaction;
}
