// The adversarial-but-legal venue behaviours the simulator can play, each traced to VENUES.md's
// "legal and must be survived" list. Coverage is counted per behaviour; the swarm switches them per run.

export const BEHAVIOURS = {
  duplicate_exact: { item: 1, title: 'the same execution reported twice (same trade id, same numbers)' },
  duplicate_noisy: { item: 1, title: 'a noisy duplicate: same trade id, different numbers' },
  fill_before_ack: { item: 2, title: 'a fill arrives before the order acknowledgement' },
  ack_after_partial: { item: 2, title: 'NEW arrives after a partial fill' },
  canceled_after_filled: { item: 2, title: 'CANCELED arrives after FILLED' },
  partial_then_cancel: { item: 3, title: 'partial fill, then the venue cancels the rest (filled > 0)' },
  partial_then_expire: { item: 3, title: 'partial fill, then the order expires (filled > 0)' },
  fill_after_cancel_request: { item: 4, title: 'a fill lands after the cancel request was sent' },
  cancel_unknown_filled: { item: 4, title: 'cancel answered "unknown order" (−2011) because the order had filled' },
  timeout_placed: { item: 5, title: 'submit timed out; the order was placed' },
  timeout_absent: { item: 5, title: 'submit timed out; the order was not placed' },
  timeout_late: { item: 5, title: 'submit timed out; a query said absent, then the order landed' },
  duplicate_client_id: { item: 5, title: 'a resubmit answered "duplicate client order id" (−4116): the first attempt landed' },
  reject_margin: { item: 6, title: 'rejected: insufficient margin (−2019)' },
  reject_min_notional: { item: 6, title: 'rejected: below minimum notional (−4164)' },
  reject_off_grid: { item: 6, title: 'rejected: quantity or price off the grid (−1013 / −4003)' },
  reject_reduce_only: { item: 6, title: 'rejected: reduce-only would increase the position (−2022)' },
  unavailable: { item: 5, title: 'submit refused before the matching engine: HTTP 503 "Service Unavailable." or −1001 (not executed)', wireOnly: true },
  rate_limited: { item: 6, title: 'rejected: rate limited (HTTP 429, −1003)' },
  ip_banned: { item: 6, title: 'rejected: IP banned after rate limits (HTTP 418, −1003)' },
  reduce_only_expired: { item: 7, title: 'a resting reduce-only order expired by the venue after a partial fill' },
  fee_other_asset: { item: 8, title: 'commission charged in another asset (BNB)' },
  fee_varying: { item: 8, title: 'a different commission rate per fill' },
  fee_zero: { item: 8, title: 'zero commission' },
  fee_rebate: { item: 8, title: 'negative commission (maker rebate)' },
  several_prices: { item: 9, title: 'one order filled at several prices' },
  balance_stale: { item: 10, title: 'a stale balance report (older event time)' },
  balance_contradicting: { item: 10, title: 'a balance report that contradicts the kernel account' },
  stream_gap: { item: 11, title: 'stream gap: updates held back until a reconnect re-sends them' },
  stream_resend: { item: 11, title: 'stream resend: an update delivered again after a reconnect' },
  out_of_order: { item: 11, title: 'a message delivered before an older pending one' },
  qty_truncated: { item: 0, title: 'kernel quantity finer than the venue step: the adapter must truncate' },
} as const satisfies Record<string, { item: number; title: string; wireOnly?: true }>;

export type Behaviour = keyof typeof BEHAVIOURS;
export const BEHAVIOUR_IDS = Object.keys(BEHAVIOURS) as Behaviour[];
/** What the in-process venue can play (the rest only exists on the wire, src/venue/wire/). */
export const SIM_BEHAVIOUR_IDS = BEHAVIOUR_IDS.filter((b) => !('wireOnly' in BEHAVIOURS[b]));

export type BehaviourCounts = Record<Behaviour, number>;

export function emptyCounts(): BehaviourCounts {
  const counts = {} as BehaviourCounts;
  for (const b of BEHAVIOUR_IDS) counts[b] = 0;
  return counts;
}
