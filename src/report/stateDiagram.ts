// The kernel's state machine as a Mermaid stateDiagram-v2, every declared transition labelled with how often a
// run took it. Mermaid cannot colour a single edge of a state diagram, so a transition never taken says so in
// its own label (and the states it leaves from are drawn with the `untaken` class) — it stands out in the
// picture and in the raw text alike.
import { DECLARED_TRANSITIONS, transitionKey } from '../kernel/transitions.ts';
import { STAGES, type Stage, type Trigger } from '../kernel/types.ts';
import { formatCount } from './format.ts';

export interface TransitionCount {
  readonly from: Stage;
  readonly trigger: Trigger;
  readonly to: Stage;
  readonly count: number;
}

export const NEVER_TAKEN_MARK = '⚠ NEVER';

/** Every declared transition in table order with its count (0 when the run never took it). */
export function countDeclared(counts: Readonly<Record<string, number>>): TransitionCount[] {
  return DECLARED_TRANSITIONS.map((t) => ({ ...t, count: counts[transitionKey(t)] ?? 0 }));
}

export function transitionLabel(t: TransitionCount): string {
  return `${t.trigger} × ${formatCount(t.count)}${t.count === 0 ? ` ${NEVER_TAKEN_MARK}` : ''}`;
}

/** Mermaid source (no fences). Deterministic: states and transitions in declaration order. */
export function stateDiagram(transitions: readonly TransitionCount[]): string {
  const lines = ['stateDiagram-v2', '  direction LR', '  [*] --> IDLE'];
  for (const t of transitions) lines.push(`  ${t.from} --> ${t.to}: ${transitionLabel(t)}`);
  const untakenFrom = STAGES.filter((s) => transitions.some((t) => t.from === s && t.count === 0));
  if (untakenFrom.length > 0) {
    lines.push('  classDef untaken fill:#fde2e2,stroke:#c0392b,stroke-width:3px,color:#7b241c');
    for (const s of untakenFrom) lines.push(`  class ${s} untaken`);
  }
  return lines.join('\n');
}
