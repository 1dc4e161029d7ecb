// The trade state machine as data. The step function looks the next stage up here and nowhere else;
// a missing entry means the trigger is not allowed in that stage.
import type { Stage, Trigger } from './types.ts';

export const TRANSITIONS = {
  IDLE: { ENTER: 'ORDER_REQUESTED' },
  ORDER_REQUESTED: {
    CANCEL_REQUEST: 'ORDER_REQUESTED',
    ENTRY_ACK: 'ORDER_REQUESTED',
    ENTRY_FILL_PARTIAL: 'ORDER_REQUESTED',
    ENTRY_FILL_COMPLETE: 'POSITION_OPEN',
    ENTRY_ENDED_FILLED: 'POSITION_OPEN',
    ENTRY_ENDED_EMPTY: 'CLOSED',
  },
  POSITION_OPEN: {
    EXIT: 'EXIT_REQUESTED',
    ENTRY_FILL_LATE: 'POSITION_OPEN',
    EXIT_FILL_LATE: 'POSITION_OPEN',
    EXIT_FILL_LATE_FLAT: 'CLOSED',
  },
  EXIT_REQUESTED: {
    CANCEL_REQUEST: 'EXIT_REQUESTED',
    EXIT_ACK: 'EXIT_REQUESTED',
    EXIT_FILL_PARTIAL: 'EXIT_REQUESTED',
    EXIT_FILL_LEG_DONE: 'POSITION_OPEN',
    EXIT_FILL_FLAT: 'CLOSED',
    EXIT_ENDED: 'POSITION_OPEN',
    ENTRY_FILL_LATE: 'EXIT_REQUESTED',
    EXIT_FILL_LATE: 'EXIT_REQUESTED',
    EXIT_FILL_LATE_FLAT: 'CLOSED',
  },
  CLOSED: { ENTER: 'ORDER_REQUESTED' },
} as const satisfies Record<Stage, Partial<Record<Trigger, Stage>>>;

export interface DeclaredTransition {
  readonly from: Stage;
  readonly trigger: Trigger;
  readonly to: Stage;
}

/** Every declared transition, in table order: the coverage target of the gate. */
export const DECLARED_TRANSITIONS: readonly DeclaredTransition[] = Object.entries(TRANSITIONS).flatMap(([from, row]) =>
  Object.entries(row).map(([trigger, to]) => ({ from: from as Stage, trigger: trigger as Trigger, to: to as Stage })),
);

export function nextStage(from: Stage, trigger: Trigger): Stage | undefined {
  const row: Partial<Record<Trigger, Stage>> = TRANSITIONS[from];
  return row[trigger];
}

export function transitionKey(t: { from: Stage; trigger: Trigger; to: Stage }): string {
  return `${t.from} --${t.trigger}--> ${t.to}`;
}
