// One function per report section: Report → Markdown text. Tables go through markdownTable (padded, escaped);
// numbers through format.ts (grouped integers, integer-arithmetic percentages).

import { counterexampleHeading } from './buildReport.ts';
import { chartImage, code, collapsed, formatCount, mdText, formatDuration, formatInstant } from './format.ts';
import { markdownTable } from './markdownTable.ts';
import type { ChangesSection, FamilyStatus, ParitySection, Report, Verdict } from './model.ts';

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
    ['Shape tour runs sent', formatCount(s.tourRuns ?? 0)],
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

/** The summary for the report's end: its facts table collapsed (the verdict line above already says what matters). */
export function collapsedSummarySection(r: Report): string {
  return `## Summary\n\n${collapsed('The run: kernel, runs, inputs, seed, profile, shards, commit, versions, time', summarySection(r).replace(/^## Summary\n\n/, ''))}`;
}

export function invariantsSection(r: Report): string {
  const rows = r.invariants.map((i) => [
    code(i.id), mdText(i.statement), STATUS_MARK[i.status], formatCount(i.exercised),
    i.counterexample ? `[${counterexampleHeading(r.counterexamples.findIndex((c) => c.anchor === i.counterexample) + 1, i.id).split(':')[0]}](#${i.counterexample})` : '—',
  ]);
  const table = markdownTable(['ID', 'Statement', 'Status', 'Times exercised', 'Counterexample'], rows, { align: ['left', 'left', 'left', 'right', 'left'] });
  const violated = r.invariants.filter((i) => i.status === 'violated').map((i) => code(i.id));
  const idle = r.invariants.filter((i) => i.status === 'not-exercised').map((i) => code(i.id));
  const line = `${r.summary.invariantsHeld} of ${r.invariants.length} held` + (violated.length > 0 ? `; violated: ${violated.join(', ')}` : '') +
    (idle.length > 0 ? `; never exercised: ${idle.join(', ')}` : '') + '.';
  return `## Invariants\n\n${line}\n\n${collapsed(`All ${r.invariants.length} invariants: statement, status, times exercised`, table)}`;
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
  const inParity = r.families.filter((f) => f.status === 'parity').length;
  const off = r.families.filter((f) => f.status !== 'parity').map((f) => `${code(f.family)} ${FAMILY_MARK[f.status]}`);
  const line = `${inParity} of ${r.families.length} BLUE row families in schema parity${off.length > 0 ? `; ${off.join(', ')}` : ''}.`;
  return `## Schema parity with BLUE\n\n${line}\n\n${collapsed('Per family: columns, rows emitted, validated and rejected', `${table}\n\n${note}`)}\n\n${collapsed('BLUE column sets', lists)}`;
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
  const lists = markdownTable(['Change', 'Items'], ([
    ['New violations', listCell(ch.newViolations)], ['Fixed', listCell(ch.fixed)], ['Still violated', listCell(ch.stillViolated)],
    ['Invariants added', listCell(ch.invariantsAdded)], ['Invariants removed', listCell(ch.invariantsRemoved)],
    ['Transitions now taken', listCell(ch.transitionsNowTaken)], ['Transitions no longer taken', listCell(ch.transitionsNoLongerTaken)],
    ['Codes now hit', listCell(ch.codesNowHit)], ['Codes no longer hit', listCell(ch.codesNoLongerHit)],
    ['Row families whose parity changed', listCell(ch.familiesChanged.map((f) => `${f.family} (${f.before} → ${f.after})`))],
  ] as [string, string][]).filter(([, items]) => items !== '—'));
  const measures = Object.values(ch.coverage);
  const up = markdownTable(['Measure', 'Before', 'Now', 'Change'], measures.map((m) => [
    m.key, formatCount(m.before), formatCount(m.after), m.after === m.before ? '=' : `${m.after > m.before ? '▲' : '▼'} ${signed(m.after - m.before)}`,
  ]), { align: ['left', 'right', 'right', 'right'] });
  const none = [ch.newViolations, ch.fixed, ch.stillViolated, ch.invariantsAdded, ch.invariantsRemoved, ch.transitionsNowTaken, ch.transitionsNoLongerTaken, ch.codesNowHit, ch.codesNoLongerHit, ch.familiesChanged].every((x) => x.length === 0);
  return `${head}\n\n${none ? 'No invariant, transition, diagnostic code or row family changed status.' : lists}\n\n${up}`;
}

export function paritySection(p: ParitySection, charts?: Readonly<Record<string, string>>): string {
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
  const chart = chartImage(charts, 'parity', `Divergent columns of ${p.candidate}`);
  return `${head}\n\n${table}${rest}${chart ? `\n\n${chart}` : ''}${replay}`;
}

/** Used by tests to find the one line allowed to differ between two runs. */
export function timeLineOf(r: Report): string {
  return timeCell(r);
}

