// How the virtual clock meets real time on the wire (spec/venue.md §7.3). The run's clock stays virtual: it
// moves only by the generated case's `advanceMs`, so a replay sends the same times. On the wire a virtual
// time is shown as VIRTUAL_EPOCH_MS + nowMs; waits are compressed to nothing (a Retry-After counts virtual
// seconds, which pass as the case advances); only two things take real time, each bounded below.

/** 2026-01-01T00:00:00Z: the wall time that virtual time 0 is shown as (event times, updateTime, serverTime). */
export const VIRTUAL_EPOCH_MS = 1_767_225_600_000;

/** A "held" lost reply: the connection stays silent this long in real time, then is dropped. */
export const HOLD_MS = 300;

/** After the venue drops the user-data stream, how long (real time) it waits for the adapter to reconnect. */
export const RECONNECT_WAIT_MS = 2_000;

/** How long (real time) the venue waits for the pong that proves the adapter's stream reader got a batch. */
export const PONG_WAIT_MS = 1_000;

/** A lasting IP ban after a 418: requests are refused for this much virtual time. */
export const BAN_MS = 5_000;

export function wireTime(virtualMs: number): number {
  return VIRTUAL_EPOCH_MS + virtualMs;
}
