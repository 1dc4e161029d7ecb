// JUnit XML for CI dashboards: one test case per invariant, plus one for coverage.
import type { GateResult } from './result.ts';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toJUnit(r: GateResult): string {
  const cases: string[] = [];
  for (const inv of r.invariants) {
    const failure = r.failures.find((f) => f.invariantId === inv.id);
    const name = `${inv.id} ${inv.title}`;
    if (failure) {
      const cx = failure.counterexample;
      const body = [cx.message, ...Object.entries(cx.values).map(([k, v]) => `${k} = ${v}`), '', ...cx.steps.map((s) => `${s.step}  ${s.input}  ->  ${s.outcome}  |  ${s.slot}`), '', `replay: ${cx.replayCommand}`].join('\n');
      cases.push(`    <testcase classname="workbench.gate" name="${esc(name)}"><failure message="${esc(cx.message)}" type="${esc(inv.id)}">${esc(body)}</failure></testcase>`);
    } else if (inv.status === 'not-exercised') {
      cases.push(`    <testcase classname="workbench.gate" name="${esc(name)}"><skipped message="never exercised in this run"/></testcase>`);
    } else {
      cases.push(`    <testcase classname="workbench.gate" name="${esc(name)}"/>`);
    }
  }
  cases.push(r.coverageGaps.length > 0
    ? `    <testcase classname="workbench.gate" name="coverage"><failure message="coverage gaps" type="coverage">${esc(r.coverageGaps.join('\n'))}</failure></testcase>`
    : '    <testcase classname="workbench.gate" name="coverage"/>');
  const failures = r.invariants.filter((i) => i.status === 'violated').length + (r.coverageGaps.length > 0 ? 1 : 0);
  const skipped = r.invariants.filter((i) => i.status === 'not-exercised').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="workbench gate" tests="${cases.length}" failures="${failures}" time="${(r.meta.timeMs / 1000).toFixed(3)}">`,
    `  <testsuite name="gate ${esc(r.meta.profile)} seed ${r.meta.seed}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${(r.meta.timeMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
