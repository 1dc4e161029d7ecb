// Issue 16 as a bench section: the gate's checked inputs per second through a Python kernel child (a whole run
// per message, and per step) against in-process, and the pre-merge profile's wall time over the child.
import { benchBlackBoxPreMerge, benchBlackBoxThroughput, renderBlackBox, type BlackBoxFigures } from '../blackBox.ts';
import { section } from './section.ts';

export const BLACK_BOX_SECTION = section({
  id: 'blackBox',
  title: 'the gate through a Python kernel child (issue 16)',
  measure: ({ root, quick }): BlackBoxFigures => ({
    ...benchBlackBoxThroughput(root, quick ? 100 : 300, quick ? 1 : 3),
    preMerge: quick ? null : benchBlackBoxPreMerge(root),
  }),
  render: (f: BlackBoxFigures) => renderBlackBox(f),
});
