// The kernel: one pure, total step function. (state, input) → (state, outcome, commands, events, journal).
// No clock, no randomness, no I/O: time arrives as input.tsMs, and the state passed in is never mutated.
import { show } from './decimal.ts';
import { stepIntent, isRecord } from './intents.ts';
import { reject, accept, commit, newContext } from './stepContext.ts';
import type { InputKind, KernelMode, KernelState, StepResult, Verbosity } from './types.ts';
import { INPUT_KINDS } from './types.ts';
import { stepAccepted, stepBalance, stepFilled, stepOrderEnded } from './venueEvents.ts';

const MODES: readonly KernelMode[] = ['NORMAL', 'DEBUG', 'REDUCE_ONLY', 'HALTED'];
const VERBOSITIES: readonly Verbosity[] = ['INFO', 'TRACE'];
const NO_SUBJECT = { slotId: null, tradeId: null };
const KNOWN_KINDS: ReadonlySet<string> = new Set(INPUT_KINDS);

/** Processes one input. Never throws on any input value; throws KernelAssertionError only on a kernel bug. */
export function step(state: KernelState, input: unknown): StepResult {
  const kind = isRecord(input) && typeof input['kind'] === 'string' ? input['kind'] : '';
  const tsRaw = isRecord(input) ? input['tsMs'] : undefined;
  const tsMs = typeof tsRaw === 'number' && Number.isSafeInteger(tsRaw) && tsRaw >= 0 ? tsRaw : 0;
  const ctx = newContext(tsMs, kind || 'invalid');
  if (!isRecord(input) || !KNOWN_KINDS.has(kind)) return reject(state, ctx, 'INVALID_INPUT', NO_SUBJECT, { field: 'kind', value: show(kind) });
  if (tsMs !== tsRaw) return reject(state, ctx, 'INVALID_TIMESTAMP', NO_SUBJECT, { tsMs: show(tsRaw) });
  switch (kind as InputKind) {
    case 'intent':
      return stepIntent(state, ctx, input['intent']);
    case 'order_accepted':
      return stepAccepted(state, ctx, input['orderId']);
    case 'order_filled':
      return stepFilled(state, ctx, {
        orderId: input['orderId'], fillId: input['fillId'], qty: input['qty'], price: input['price'], fee: input['fee'],
      });
    case 'order_rejected':
      return stepOrderEnded(state, ctx, input['orderId'], 'REJECTED', show(input['venueCode'] ?? ''), show(input['message'] ?? ''));
    case 'order_canceled':
      return stepOrderEnded(state, ctx, input['orderId'], 'CANCELED');
    case 'order_expired':
      return stepOrderEnded(state, ctx, input['orderId'], 'EXPIRED');
    case 'balance_reported':
      return stepBalance(state, ctx, input['balance']);
    case 'control_changed': {
      const mode = input['mode'];
      const verbosity = input['verbosity'];
      if (!MODES.includes(mode as KernelMode) || !VERBOSITIES.includes(verbosity as Verbosity)) {
        return reject(state, ctx, 'INVALID_MODE', NO_SUBJECT, { mode: show(mode), verbosity: show(verbosity) });
      }
      ctx.events.push({ type: 'ModeChanged', tsMs, from: state.mode, to: mode as KernelMode, verbosity: verbosity as Verbosity });
      return accept(commit(state, { mode: mode as KernelMode, verbosity: verbosity as Verbosity }), ctx, 'OK', NO_SUBJECT, { mode: show(mode) });
    }
  }
}
