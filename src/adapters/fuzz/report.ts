// Renders an adapter-fuzz result for people (aligned tables) and for programs (JSON). Pure: no I/O here.
import { renderTable, paint, paintCell } from '../../cli/output.ts';
import { describeScript, maskScript } from '../../venue/simulator/schedule.ts';
import type { FuzzResult } from './runFuzz.ts';
import { fromFuzz } from '../../runner/result.ts';

export interface ReportMeta {
  readonly adapterPath: string;
  /** How the CLI names the adapter: `--adapter PATH` or `--adapter-cmd "COMMAND"` (default: --adapter). */
  readonly adapterFlag?: string;
  readonly replayFile: string | null;
  readonly color: boolean;
}

function capabilityRows(r: FuzzResult): string[][] {
  const c = r.capabilities;
  if (!c) return [['(none declared)', '-']];
  return [
    ['name', `${String(c.name)} ${String(c.version)}`], ['order types', (c.orderTypes ?? []).join(', ')], ['cancel', String(c.cancel)],
    ['query order', String(c.queryOrder)], ['fee assets', (c.feeAssets ?? []).join(', ')], ['balance reports', String(c.balanceReports)],
  ];
}

export function renderCounterexample(r: FuzzResult, color: boolean): string {
  const ce = r.counterexample;
  if (!ce) return '';
  const out: string[] = [];
  const c = ce.fuzzCase;
  out.push(paint(color, 'bold', `Counterexample (after ${r.shrinks} shrinks): ${c.actions.length} actions, ${c.scripts.length} venue scripts${c.finerKernelGrid ? ', kernel grid 10× finer than the venue' : ''}${r.shrinkBounded ? `; ${r.shrinkBounded}` : ''}`));
  if (c.scripts.length > 0) {
    out.push('\nVenue schedule (one script per order the venue receives, in order):');
    out.push(renderTable(['order', 'script'], c.scripts.map((s, i) => [`#${i + 1}`, describeScript(maskScript(s, c.swarm))]), ['right']));
  }
  out.push('\nTimeline:');
  out.push(renderTable(['#', 't ms', 'flow', 'message', 'kernel'], ce.timeline.map((t, i) => [String(i), String(t.tMs), t.flow, t.message, t.kernel]), ['right', 'right']));
  out.push('\nViolations:');
  for (const v of ce.violations.slice(0, 8)) {
    out.push(`  ${paint(color, 'red', v.invariantId)} at step ${v.stepIndex}: ${v.message}`);
    const vals = Object.entries(v.values).map(([k, x]) => `${k}=${x}`).join(' ');
    if (vals) out.push(`    ${vals}`);
  }
  if (ce.violations.length > 8) out.push(`  … ${ce.violations.length - 8} more`);
  return out.join('\n');
}

export function renderFuzzReport(r: FuzzResult, meta: ReportMeta): string {
  const color = meta.color;
  const out: string[] = [];
  out.push(paint(color, 'bold', `workbench fuzz: adapter ${meta.adapterPath}, profile ${r.profile}, seed ${r.seed}, ${r.runsDone}/${r.runsPlanned} runs${r.interrupted ? ' (time budget reached)' : ''}`));
  out.push('\nCapabilities:');
  out.push(renderTable(['capability', 'declared'], capabilityRows(r)));
  out.push('\nConformance:');
  out.push(renderTable(['invariant', 'status', 'exercised', 'title'], r.conformance.map((c) => [
    c.id, paintCell(color, c.status === 'violated' ? 'red' : c.status === 'held' ? 'green' : 'yellow', c.status), String(c.exercised), c.title,
  ]), ['left', 'left', 'right']));
  out.push('\nVenue behaviour coverage (runs that played it / times played):');
  out.push(renderTable(['behaviour', 'VENUES.md', 'runs', 'count'], r.coverage.map((b) => [
    b.behaviour, b.item === 0 ? 'conventions' : `item ${b.item}`, String(b.runsWith), String(b.total),
  ]), ['left', 'left', 'right', 'right']));
  if (r.status === 'passed') {
    out.push('\n' + paint(color, 'green', `PASSED: every invariant held over ${r.runsDone} runs.`));
    return out.join('\n');
  }
  const ce = r.counterexample;
  out.push('\n' + paint(color, 'red', `FAILED: ${ce?.primary ?? 'a run failed'}: ${ce?.violations[0]?.message ?? 'the failure did not reproduce on replay (is the adapter deterministic?)'}`));
  out.push('\n' + renderCounterexample(r, color));
  const flag = meta.adapterFlag ?? `--adapter ${meta.adapterPath}`;
  if (meta.replayFile) out.push(`\nReplay: npx workbench fuzz ${flag} --replay ${meta.replayFile}`);
  out.push(`Re-run: npx workbench fuzz ${flag} --seed ${r.seed} --runs ${r.runsPlanned}`);
  return out.join('\n');
}

export function fuzzReportJson(r: FuzzResult, meta: ReportMeta): unknown {
  const ce = r.counterexample;
  return {
    status: r.status, adapter: meta.adapterPath, profile: r.profile, seed: r.seed, runsPlanned: r.runsPlanned, runsDone: r.runsDone,
    shrinks: r.shrinks, ...(r.shrinkBounded ? { shrinkBounded: r.shrinkBounded } : {}), path: r.path, interrupted: r.interrupted, capabilities: r.capabilities, conformance: r.conformance, coverage: r.coverage,
    counterexample: ce ? { primary: ce.primary, violations: ce.violations, case: ce.fuzzCase, timeline: ce.timeline } : null,
    replayFile: meta.replayFile,
    run: fromFuzz(r, meta.adapterPath, { file: meta.replayFile, command: meta.replayFile ? `npx workbench fuzz ${meta.adapterFlag ?? `--adapter ${meta.adapterPath}`} --replay ${meta.replayFile}` : null }),
  };
}
