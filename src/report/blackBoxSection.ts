// The report's section for a black-box kernel (`--kernel-cmd`): which invariants applied and how, which could
// not and why, and where its coverage came from — so a reader never takes fewer checks for all of them.
import type { BlackBoxSection } from '../gate/result.ts';
import { code, mdText } from './format.ts';
import { markdownTable } from './markdownTable.ts';

export function blackBoxSection(b: BlackBoxSection): string {
  const applied = markdownTable(['Applied', 'How'], b.applied.map((a) => [code(a.id), mdText(a.how)]));
  const notApplicable = markdownTable(['Not applicable', 'Because'], b.notApplicable.map((n) => [code(n.id), mdText(n.reason)]));
  return [
    '## Black-box kernel',
    `The kernel ran as a child process (${code(b.command)}, capabilities: ${b.capabilities.length > 0 ? b.capabilities.map(code).join(', ') : 'none'}) and was held to the ${b.applied.length} invariants a black box can be held to; ${b.notApplicable.length} need what a black box does not show.`,
    applied,
    notApplicable,
    `Coverage: ${mdText(b.coverageNote)}`,
  ].join('\n\n');
}
