// The venue's choices as plain data: part of the generated input, so a failure shrinks the venue schedule
// together with the intents and a replay file re-plays it exactly. Defaults are the plain, well-behaved venue.

/** What the venue does with one placed order (consumed in placement order, one per POST it receives). */
export interface OrderScript {
  /** A rejection the venue decides on its own (grid, notional and duplicate checks always run). */
  /** `filter`: the venue's filters changed since the adapter read exchange info (−1013). */
  readonly reject: 'none' | 'margin' | 'reduce_only' | 'rate_limit' | 'banned' | 'filter';
  /**
   * The submit's reply is lost (client timeout); the order was placed, was not, or lands late: a query
   * right after the timeout answers −2013 and the order appears just after it (Binance warns of this for −1007).
   */
  readonly timeout: 'none' | 'placed' | 'absent' | 'late';
  /** Where the NEW update goes: before any fill, after the first fill, or never sent. */
  readonly ack: 'first' | 'after_fill' | 'none';
  /** Relative sizes of the executions (truncated to the step; the last takes the remainder). */
  readonly pieces: readonly number[];
  /** How many pieces execute at once on placement; the rest wait for `match` actions. */
  readonly immediate: number;
  /** After the immediate pieces: keep resting, or end the rest (cancel / expire) with filled > 0. */
  readonly end: 'rest' | 'cancel' | 'expire';
  /** Price improvement of each piece in ticks (cycled); different values give several fill prices. */
  readonly priceTicks: readonly number[];
  readonly fee: 'quote' | 'other_asset' | 'zero' | 'rebate' | 'varying';
  /** One execution is reported twice: identical, or noisy (same trade id, other numbers). */
  readonly duplicate: 'none' | 'exact' | 'noisy';
  /** After FILLED, a spurious CANCELED update follows. */
  readonly canceledAfterFilled: boolean;
  /** When a cancel request arrives: cancel at once, fill one more piece first, or fill everything first. */
  readonly cancelRace: 'none' | 'partial_first' | 'fill_first';
  /** A reconnect re-sends this order's first update later (a resend). */
  readonly resend: boolean;
  /** This order's updates are held back (a gap) until the next reconnect. */
  readonly gap: boolean;
  /**
   * On the wire only (`--venue wire`, src/venue/wire/): how a lost submit reply reaches the client — the
   * connection dropped or held, HTTP 503 "Unknown error…", 408 −1007, or 500 −1000 (all: fate unknown).
   */
  readonly lost?: WireLost;
  /** On the wire only: the submit fails before the matching engine (503 "Service Unavailable." or −1001): not executed. */
  readonly unavailable?: 'none' | 'service_unavailable' | 'internal_error';
}

export type WireLost = 'drop' | 'hold' | '503_unknown' | '1007' | '1000';

export const PLAIN_SCRIPT: OrderScript = {
  reject: 'none', timeout: 'none', ack: 'first', pieces: [1], immediate: 1, end: 'rest', priceTicks: [0], fee: 'quote',
  duplicate: 'none', canceledAfterFilled: false, cancelRace: 'none', resend: false, gap: false,
};

/** Swarm switches: a behaviour switched off is masked out of every script of the run. */
export interface VenueSwarm {
  readonly rejects: boolean;
  readonly timeouts: boolean;
  readonly ackOrder: boolean;
  readonly partials: boolean;
  readonly endings: boolean;
  readonly prices: boolean;
  readonly fees: boolean;
  readonly duplicates: boolean;
  readonly cancelRaces: boolean;
  readonly streamFaults: boolean;
  readonly balances: boolean;
}

export const SWARM_ALL_ON: VenueSwarm = {
  rejects: true, timeouts: true, ackOrder: true, partials: true, endings: true, prices: true, fees: true,
  duplicates: true, cancelRaces: true, streamFaults: true, balances: true,
};

/** The effective script: what the swarm switched off falls back to the plain venue. */
export function maskScript(s: OrderScript, w: VenueSwarm): OrderScript {
  return {
    reject: w.rejects ? s.reject : 'none',
    timeout: w.timeouts ? s.timeout : 'none',
    ack: w.ackOrder ? s.ack : 'first',
    pieces: w.partials ? s.pieces : [1],
    immediate: w.partials ? s.immediate : 1,
    end: w.endings ? s.end : 'rest',
    priceTicks: w.prices ? s.priceTicks : [0],
    fee: w.fees ? s.fee : 'quote',
    duplicate: w.duplicates ? s.duplicate : 'none',
    canceledAfterFilled: w.duplicates ? s.canceledAfterFilled : false,
    cancelRace: w.cancelRaces ? s.cancelRace : 'none',
    resend: w.streamFaults ? s.resend : false,
    gap: w.streamFaults ? s.gap : false,
    ...(s.lost !== undefined && w.timeouts ? { lost: s.lost } : {}),
    ...(s.unavailable !== undefined && w.rejects ? { unavailable: s.unavailable } : {}),
  };
}

/** One line describing what a script does differently from the plain venue (for timelines). */
export function describeScript(s: OrderScript): string {
  const parts: string[] = [];
  if (s.reject !== 'none') parts.push(`reject ${s.reject}`);
  if (s.timeout !== 'none') parts.push(`timeout (${s.timeout}${s.lost && s.lost !== 'drop' ? `, wire: ${s.lost}` : ''})`);
  if (s.unavailable && s.unavailable !== 'none') parts.push(`unavailable (${s.unavailable})`);
  if (s.ack !== 'first') parts.push(`ack ${s.ack}`);
  if (s.pieces.length > 1) parts.push(`${s.pieces.length} pieces [${s.pieces.join(':')}], ${s.immediate} at once`);
  else if (s.immediate === 0) parts.push('rests');
  if (s.end !== 'rest') parts.push(`then ${s.end}`);
  if (s.priceTicks.some((t) => t !== 0)) parts.push(`price +[${s.priceTicks.join(',')}] ticks`);
  if (s.fee !== 'quote') parts.push(`fee ${s.fee}`);
  if (s.duplicate !== 'none') parts.push(`duplicate ${s.duplicate}`);
  if (s.canceledAfterFilled) parts.push('CANCELED after FILLED');
  if (s.cancelRace !== 'none') parts.push(`cancel race ${s.cancelRace}`);
  if (s.resend) parts.push('resend');
  if (s.gap) parts.push('gap');
  return parts.length > 0 ? parts.join(', ') : 'plain';
}
