// JUnit XML for CI dashboards: one test case per invariant, plus one for coverage.
import { escapeControls } from '../cli/showValue.ts';
import type { GateResult } from './result.ts';

// XML 1.0 cannot carry most control characters even as entities, and ids and messages come from users'
// inputs: controls become visible escapes (\u001b), and attributes hold one line.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An attribute value: one line, controls escaped. */
function esc(s: string): string {
  return xml(escapeControls(s));
}

/** Element text: newlines kept, other controls escaped. */
function escText(s: string): string {
  return xml(s.replace(XML_FORBIDDEN, (c) => escapeControls(c)));
}

export function toJUnit(r: GateResult): string {
  const cases: string[] = [];
  for (const inv of r.invariants) {
    const failure = r.failures.find((f) => f.invariantId === inv.id);
    const name = `${inv.id} ${inv.title}`;
    if (failure) {
      const cx = failure.counterexample;
      const body = [cx.message, ...Object.entries(cx.values).map(([k, v]) => `${k} = ${v}`), '', ...cx.steps.map((s) => `${s.step}  ${s.input}  ->  ${s.outcome}  |  ${s.slot}`), '', `replay: ${cx.replayCommand}`].join('\n');
      cases.push(`    <testcase classname="workbench.gate" name="${esc(name)}"><failure message="${esc(cx.message)}" type="${esc(inv.id)}">${escText(body)}</failure></testcase>`);
    } else if (inv.status === 'not-exercised') {
      cases.push(`    <testcase classname="workbench.gate" name="${esc(name)}"><skipped message="never exercised in this run"/></testcase>`);
    } else {
      cases.push(`    <testcase classname="workbench.gate" name="${esc(name)}"/>`);
    }
  }
  cases.push(r.coverageGaps.length > 0
    ? `    <testcase classname="workbench.gate" name="coverage"><failure message="coverage gaps" type="coverage">${escText(r.coverageGaps.join('\n'))}</failure></testcase>`
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
