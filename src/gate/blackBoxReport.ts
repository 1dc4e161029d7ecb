// What a gate over a black box tells its reader beyond the invariant table: which invariants applied and how,
// which could not and why, and where coverage came from. Shared by the terminal, the JSON and the report.
import type { BlackBox } from './blackBox.ts';
import type { BlackBoxSection } from './result.ts';

export const BLACK_BOX_COVERAGE_NOTE =
  'Inputs are resolved against the specification (the reference kernel run beside the child on the same inputs). ' +
  'Diagnostic codes, rejections and transitions are counted from the child\'s own outcomes (transitions only with capability `outcome`); ' +
  'legs per closed trade, late fills and every reach-matrix cell are classified from the specification\'s state and events for those inputs ' +
  '(a black box shows no internal events): they say what the inputs exercised, and INV-M-OUTCOME and INV-M-STATE hold the child to the same outcomes and slots.';

export function blackBoxSection(box: BlackBox): BlackBoxSection {
  return {
    command: box.command,
    capabilities: [...box.capabilities],
    applied: box.plan.invariants.map((i) => ({ id: i.id, how: box.plan.how[i.id] ?? '' })),
    notApplicable: box.plan.notApplicable.map((n) => ({ ...n })),
    coverageNote: BLACK_BOX_COVERAGE_NOTE,
  };
}
