// One function per report section: Report → Markdown text. Tables go through markdownTable (padded, escaped);
// numbers through format.ts (grouped integers, integer-arithmetic percentages).

import { codeNotTargeted, counterexampleHeading } from './buildReport.ts';
import { code, formatCount, mdText, formatDuration, formatInstant, formatPercent } from './format.ts';
import { markdownTable } from './markdownTable.ts';
import type { ChangesSection, FamilyStatus, ParitySection, Report, Verdict } from './model.ts';
import { NEVER_TAKEN_MARK, stateDiagram } from './stateDiagram.ts';

const VERDICT_MARK: Readonly<Record<Verdict, string>> = { PASS: '✅ PASS', FAIL: '❌ FAIL', INCOMPLETE: '⚠️ INCOMPLETE', PARTIAL: '⚠️ PARTIAL' };
const FAMILY_MARK: Readonly<Record<FamilyStatus, string>> = {
  'parity': '✅ parity', 'column-mismatch': '❌ column mismatch', 'rejected': '❌ rows rejected', 'never-emitted': '⚠️ never emitted', 'unverified': '⚠️ unverified',
};
const STATUS_MARK = { held: '✅ held', violated: '❌ violated', 'not-exercised': '⚠️ not exercised' } as const;

/** Wide enough for any time-of-run cell, so the time never moves the padding of the other summary rows. */
const TIME_CELL_WIDTH = 48;

export function timeCell(r: Report): string {
  const when = r.time.startedAt ? formatInstant(r.time.startedAt) : 'start not recorded';
  return `${when}, took ${formatDuration(r.time.durationMs)}`;
}

export function verdictLine(r: Report): string {
  const s = r.summary;
  const total = r.invariants.length;
  const inParity = r.families.filter((f) => f.status === 'parity').length;
  const facts = `${s.invariantsHeld} of ${total} invariants held over ${formatCount(s.runsDone)} runs ` +
    `(${formatCount(s.inputsChecked)} generated inputs, ${formatCount(s.rowsValidated)} rows validated); ` +
    `${inParity} of ${r.families.length} BLUE row families in schema parity.`;
  const why = r.verdictReasons.length > 0 ? ` ${r.verdictReasons.map((x) => mdText(x[0]!.toUpperCase() + x.slice(1))).join('. ')}.` : '';
  return `**Verdict: ${VERDICT_MARK[r.verdict]}** — ${facts}${why}`;
}

/** For a newcomer: what question the report answers and how the numbers below answer it. */
export function howWeKnowSection(r: Report): string {
  const s = r.summary;
  const kernel = r.invariants.filter((i) => i.scope === 'kernel').length;
  const rows = r.invariants.filter((i) => i.scope === 'rows').length;
  return [
    '**The question**: does the kernel keep BLUE\'s accounting and observability contract? **How we know**:',
    '',
    `- *Accounting*: ${kernel} kernel invariants (sizes, single close, exact PnL per leg and per trade, capital authority, the declared ` +
      `state machine, …) were checked on the whole trace of each of ${formatCount(s.runsDone)} generated runs of up to ${formatCount(s.stepCountMax)} ` +
      'steps each: random multi-slot intent sequences with adversarial venue behaviour, the mix of input kinds varied per run. ' +
      'Each invariant is defined once in `properties/<ID>.ts` and explained in `spec/invariants.md`.',
    `- *Observability*: every row the writer emitted (${formatCount(s.rowsValidated)}) was validated against its BLUE family schema in ` +
      `\`schemas/\`, and ${rows} row invariants check that the rows reconcile with the kernel (see *Schema parity with BLUE*).`,
    `- *Reach*: ${r.coverage.transitions.filter((t) => t.count > 0).length} of ${r.coverage.transitions.length} declared transitions were taken; ` +
      'the coverage section counts each one and the situations that matter (multi-leg exits, overshooting legs, exits on closed ' +
      'trades, duplicate fills…). A violation comes with a minimal, replayable counterexample.',
  ].join('\n');
}

export function summarySection(r: Report): string {
  const s = r.summary;
  const rows: [string, string][] = [
    ['Verdict', VERDICT_MARK[r.verdict]],
    ['Kernel under test', mdText(s.kernel)],
    ['Invariants held', `${s.invariantsHeld} of ${r.invariants.length}`],
    ['Invariants violated', formatCount(s.invariantsViolated)],
    ['Invariants never exercised', formatCount(s.invariantsNotExercised)],
    ['Runs', `${formatCount(s.runsDone)} of ${formatCount(s.runsPlanned)} planned${s.interrupted ? ' (time budget ended it)' : ''}`],
    ['Inputs checked', formatCount(s.inputsChecked)],
    ['Rows validated', formatCount(s.rowsValidated)],
    ['Steps per run, at most', formatCount(s.stepCountMax)],
    ['Runs replayed for determinism', formatCount(s.determinismRuns)],
    ['Corpus files replayed', formatCount(s.corpusFiles)],
    ['Seed', String(s.seed)],
    ['Profile', mdText(s.profile)],
    ['Shards merged', s.shards.length > 0 ? s.shards.join(', ') : 'none (one whole run)'],
    ['Git commit', s.gitCommit || 'unknown'],
    ['Workbench version', s.workbenchVersion || 'unknown'],
    ['Node version', s.nodeVersion],
    ['Time of the run', timeCell(r)],
  ];
  return `## Summary\n\n${markdownTable(['Fact', 'Value'], rows, { minWidths: [0, TIME_CELL_WIDTH] })}`;
}

export function invariantsSection(r: Report): string {
  const rows = r.invariants.map((i) => [
    code(i.id), mdText(i.statement), STATUS_MARK[i.status], formatCount(i.exercised),
    i.counterexample ? `[${counterexampleHeading(r.counterexamples.findIndex((c) => c.anchor === i.counterexample) + 1, i.id).split(':')[0]}](#${i.counterexample})` : '—',
  ]);
  return `## Invariants\n\n${markdownTable(['ID', 'Statement', 'Status', 'Times exercised', 'Counterexample'], rows, { align: ['left', 'left', 'left', 'right', 'left'] })}`;
}

export function familiesSection(r: Report): string {
  const rows = r.families.map((f) => [
    code(f.family), FAMILY_MARK[f.status], formatCount(f.blueColumns.length),
    f.emittedColumns === null ? '—' : `${formatCount(f.emittedColumns.length)} (${f.columnsSource})`,
    f.missingColumns.length > 0 ? f.missingColumns.join(', ') : '—', f.extraColumns.length > 0 ? f.extraColumns.join(', ') : '—',
    formatCount(f.rowsEmitted), formatCount(f.rowsValidated), formatCount(f.rowsRejected), f.firstRejection === null ? '—' : mdText(f.firstRejection),
  ]);
  const table = markdownTable(
    ['Family', 'Status', 'BLUE columns', 'Emitted columns', 'Missing', 'Extra', 'Rows emitted', 'Rows validated', 'Runs with a rejected row', 'First rejection'],
    rows, { align: ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'right', 'right', 'left'] },
  );
  const note = 'Emitted columns are *observed* when the gate recorded them, or *schema-validated* when every emitted row ' +
    'validated against the family\'s schema (every BLUE column required, no other allowed). A family with no rows is flagged, not passed.';
  const lists = r.families.map((f) => `- ${code(f.family)} (${f.blueColumns.length}): ${f.blueColumns.join(', ')}`).join('\n');
  return `## Schema parity with BLUE\n\n${table}\n\n${note}\n\n<details>\n<summary>BLUE column sets</summary>\n\n${lists}\n\n</details>`;
}

export function coverageSection(r: Report): string {
  const c = r.coverage;
  const taken = c.transitions.filter((t) => t.count > 0).length;
  const totalTaken = c.transitions.reduce((n, t) => n + t.count, 0);
  const hit = c.codes.filter((x) => x.count > 0).length;
  const closed = c.legCounts.reduce((n, l) => n + l.trades, 0);
  const head = `${taken} of ${c.transitions.length} declared transitions taken, ${hit} of ${c.codes.length} diagnostic codes hit, ` +
    `${formatCount(closed)} trades closed.`;
  const diagram = `### State machine\n\nEach arrow is a declared transition labelled with how often the run took it; ` +
    `${code(NEVER_TAKEN_MARK)} marks one never taken, and the states it leaves from are drawn in red.\n\n` +
    `\`\`\`mermaid\n${stateDiagram(c.transitions)}\n\`\`\`` +
    (c.diagramSvg ? `\n\nFor viewers without Mermaid, the same diagram as an image: ![State machine with transition counts](${encodeURI(c.diagramSvg)})` : '');
  const transitions = markdownTable(['From', 'Trigger', 'To', 'Times taken', 'Share'], c.transitions.map((t) => [
    t.from, t.trigger, t.to, t.count === 0 ? `0 ${NEVER_TAKEN_MARK}` : formatCount(t.count), formatPercent(t.count, totalTaken),
  ]), { align: ['left', 'left', 'left', 'right', 'right'] });
  const codes = markdownTable(['Code', 'Severity', 'Times hit', 'Note'], c.codes.map((x) => [
    code(x.code), x.severity, formatCount(x.count), x.count > 0 ? '' : codeNotTargeted(x.code) ? 'not targeted by the generators' : '⚠️ never hit',
  ]), { align: ['left', 'left', 'right', 'left'] });
  const legs = markdownTable(['Exit legs', 'Closed trades', 'Share'], c.legCounts.map((l) => [l.legs, formatCount(l.trades), formatPercent(l.trades, closed)]), { align: ['right', 'right', 'right'] });
  const interesting = markdownTable(['Situation', 'Times reached'], c.interesting.map((x) => [mdText(x.label), x.count === 0 ? '0 ⚠️' : formatCount(x.count)]), { align: ['left', 'right'] });
  const gaps = c.gaps.length > 0 ? c.gaps.map((g) => `- ⚠️ ${mdText(g)}`).join('\n') : 'None: every declared transition, required situation and invariant was reached.';
  const columns = markdownTable(['Family', 'Columns', 'Read by an invariant', 'Unread', 'Invariants reading it'], c.columns.map((f) => [
    code(f.family), String(f.columns), String(f.read), f.unread.length === 0 ? 'none' : `⚠️ ${f.unread.join(', ')}`, f.invariants.join(', '),
  ]), { align: ['left', 'right', 'right', 'left', 'left'] });
  return [
    `## Coverage\n\n${head}`, diagram, `### Transitions\n\n${transitions}`, `### Diagnostic codes\n\n${codes}`,
    `### Legs per closed trade\n\n${legs}`, `### Situations the generators must reach\n\n${interesting}`,
    `### Column coverage\n\nEvery BLUE column must be read by some invariant (a column no invariant reads can hold anything).\n\n${columns}`,
    `### Coverage gaps\n\n${gaps}`,
  ].join('\n\n');
}

export function counterexamplesSection(r: Report): string {
  if (r.counterexamples.length === 0) return '## Counterexamples\n\nNone: no invariant was violated.';
  const parts = r.counterexamples.map((cx, i) => {
    const facts = markdownTable(['Fact', 'Value'], [
      ['Signature', mdText(cx.signature)], ['Message', mdText(cx.message)], ['Origin', cx.origin], ['Runs with this signature', formatCount(cx.occurrences)],
      ['Breaking step', String(cx.stepIndex)], ['Seed', String(cx.seed)], ['fast-check path', cx.path === null ? '—' : code(cx.path)], ['Shrinks', formatCount(cx.shrinks)],
      ...Object.entries(cx.values).map(([k, v]): [string, string] => [`Value: ${mdText(k)}`, mdText(v)]),
    ]);
    const steps = markdownTable(['Step', 'Input', 'Outcome', 'Slot after'], cx.steps.map((s) => [
      s.step === cx.stepIndex ? `▶ ${s.step}` : String(s.step), mdText(s.input), mdText(s.outcome), mdText(s.slot),
    ]), { align: ['right', 'left', 'left', 'left'] });
    return `### ${counterexampleHeading(i + 1, cx.invariantId)}\n\n${facts}\n\n${steps}\n\nReplay it:\n\n\`\`\`sh\n${cx.replayCommand}\n\`\`\``;
  });
  return `## Counterexamples\n\n${parts.join('\n\n')}`;
}

function listCell(xs: readonly string[]): string {
  return xs.length > 0 ? xs.join(', ') : '—';
}

function signed(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

export function changesSection(ch: ChangesSection): string {
  const p = ch.previous;
  const head = `## What changed\n\nSince “${mdText(p.title)}” (commit ${p.gitCommit ? code(p.gitCommit.slice(0, 12)) : 'unknown'}, ` +
    `profile ${p.profile}, seed ${p.seed}, verdict ${VERDICT_MARK[p.verdict]}).`;
  const lists = markdownTable(['Change', 'Items'], [
    ['New violations', listCell(ch.newViolations)], ['Fixed', listCell(ch.fixed)], ['Still violated', listCell(ch.stillViolated)],
    ['Invariants added', listCell(ch.invariantsAdded)], ['Invariants removed', listCell(ch.invariantsRemoved)],
    ['Transitions now taken', listCell(ch.transitionsNowTaken)], ['Transitions no longer taken', listCell(ch.transitionsNoLongerTaken)],
    ['Codes now hit', listCell(ch.codesNowHit)], ['Codes no longer hit', listCell(ch.codesNoLongerHit)],
    ['Row families whose parity changed', listCell(ch.familiesChanged.map((f) => `${f.family} (${f.before} → ${f.after})`))],
  ]);
  const measures = Object.values(ch.coverage);
  const up = markdownTable(['Measure', 'Before', 'Now', 'Change'], measures.map((m) => [
    m.key, formatCount(m.before), formatCount(m.after), m.after === m.before ? '=' : `${m.after > m.before ? '▲' : '▼'} ${signed(m.after - m.before)}`,
  ]), { align: ['left', 'right', 'right', 'right'] });
  return `${head}\n\n${lists}\n\n${up}`;
}

export function paritySection(p: ParitySection): string {
  const n = p.divergences.length + p.divergencesNotShrunk;
  const head = `## Parity with the reference kernel\n\n**Parity: ${n === 0 ? '✅ in parity' : `❌ ${formatCount(n)} distinct divergence${n === 1 ? '' : 's'}`}** — ` +
    `candidate ${code(p.candidate)}, ${formatCount(p.runs)} generated runs, ${formatCount(p.inputsCompared)} inputs compared; ` +
    `row families with no difference at any reported divergent step: ${listCell(p.familiesInParity)}.\n\n` +
    `${p.commands.some((c) => c !== '') ? `Made by: ${p.commands.filter((c) => c !== '').map(code).join(', ')}.\n\n` : ''}` +
    `Set aside: ${p.setAside.length > 0 ? p.setAside.map(code).join(', ') : 'nothing (every column compared as `spec/rows.md` says)'}.`;
  if (p.divergences.length === 0) return `${head}\n\nNo divergence.`;
  const table = markdownTable(['Signature', 'First step', 'Family', 'Column', 'Reference', 'Candidate', 'Runs with it'], p.divergences.map((d) => [
    mdText(d.signature), String(d.step), d.family ?? '—', d.column ?? '—', mdText(d.reference), mdText(d.candidate), formatCount(d.occurrences),
  ]), { align: ['left', 'right', 'left', 'left', 'left', 'left', 'right'] });
  const rest = p.divergencesNotShrunk > 0 ? `\n\n${formatCount(p.divergencesNotShrunk)} more distinct signature${p.divergencesNotShrunk === 1 ? '' : 's'} beyond the cap (counted, not shrunk).` : '';
  const replays = p.divergences.filter((d) => d.replay !== null).map((d) => `${d.replay}`);
  const replay = replays.length > 0 ? `\n\nReplay them:\n\n\`\`\`sh\n${replays.join('\n')}\n\`\`\`` : '';
  return `${head}\n\n${table}${rest}${replay}`;
}

/** Used by tests to find the one line allowed to differ between two runs. */
export function timeLineOf(r: Report): string {
  return timeCell(r);
}

