// Binance's request security for SIGNED (TRADE / USER_DATA) and USER_STREAM endpoints: the API key in the
// X-MBX-APIKEY header, and an HMAC-SHA256 signature of the query string concatenated with the request body,
// sent as `signature`, with `timestamp` inside `recvWindow` of the server's clock.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { wireError, type WireFailure } from './errors.ts';

export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

/** The signed payload: query string + body with the `signature` parameter taken out (wherever it was). */
function unsigned(part: string): { rest: string; signature: string | null } {
  const m = /(^|&)signature=([^&]*)/.exec(part);
  if (!m) return { rest: part, signature: null };
  const rest = (part.slice(0, m.index) + part.slice(m.index + m[0].length)).replace(/^&/, '');
  return { rest, signature: decodeURIComponent(m[2] ?? '') };
}

export function checkApiKey(header: string | string[] | undefined, creds: Credentials): WireFailure | null {
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') return wireError(401, -2014, 'API-key format invalid.');
  if (key !== creds.apiKey) return wireError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  return null;
}

/**
 * Checks timestamp, recvWindow and signature. `realNowMs` is the server's real clock: a client signs with its
 * own clock, so this one check is against real time (it never changes what the venue does, only whether it listens).
 */
export function checkSignature(rawQuery: string, rawBody: string, params: URLSearchParams, creds: Credentials, realNowMs: number): WireFailure | null {
  const ts = params.get('timestamp');
  if (ts === null || !/^\d+$/.test(ts)) return wireError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  const windowRaw = params.get('recvWindow');
  const recvWindow = windowRaw === null ? 5000 : Number(windowRaw);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0 || recvWindow > 60000) return wireError(400, -1131, 'recvWindow must be less than 60000');
  const t = Number(ts);
  if (t >= realNowMs + 1000 || realNowMs - t > recvWindow) return wireError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
  const q = unsigned(rawQuery);
  const b = unsigned(rawBody);
  const given = q.signature ?? b.signature;
  if (given === null || given === '') return wireError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const expected = createHmac('sha256', creds.apiSecret).update(q.rest + b.rest).digest('hex');
  const a = Buffer.from(given.toLowerCase());
  const e = Buffer.from(expected);
  if (a.length !== e.length || !timingSafeEqual(a, e)) return wireError(400, -1022, 'Signature for this request is not valid.');
  return null;
}

/** Signs a parameter string the way Binance's documentation (and ccxt) does; for tests and `venue serve` examples. */
export function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}
