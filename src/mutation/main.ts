// `npm run mutate`: runs StrykerJS (stryker.config.mjs), reads its JSON report and writes reports/mutation.md.
// Options: --incremental (reuse the results of unchanged mutants from the last run), --concurrency N,
// --mutate GLOB (repeatable: a part of the scope), --from A.json[,B.json] (no run: render reports already made,
// merged; --took SECONDS then says how long they took, --part-command CMD, repeatable, how they were made),
// --out FILE, --note TEXT (repeatable: a line added to the scope notes, e.g. what a partial run left out). Exit 0: target met; 1: survivors keep the
// score under the target; 2: bad option or unreadable report; 3: Stryker or this script failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MutationTestResult } from 'mutation-testing-report-schema';
import { gitCommit } from '../gate/index.ts';
import { EQUIVALENT_MUTANTS } from './equivalentMutants.ts';
import { MUTATION_PROFILE } from './profile.ts';
import { renderMutationMarkdown } from './renderMutationMarkdown.ts';
import { merge, summarizeMutants } from './summarizeMutants.ts';

const JSON_REPORT = '.workbench/mutation/mutation.json';
const TARGET_PCT = 95;

class BadInput extends Error {}

/** The files `mutate` in stryker.config.mjs selects; a report that lacks one says so. */
const CONFIGURED_SCOPE = [
  'src/kernel/intents.ts', 'src/kernel/state.ts', 'src/kernel/step.ts', 'src/kernel/stepContext.ts', 'src/kernel/transitions.ts',
  'src/kernel/venueEvents.ts', 'src/kernel/views.ts', 'src/rows/fromRecords.ts', 'src/rows/writer.ts',
];

const SCOPE_NOTES = [
  `Configured scope (\`stryker.config.mjs\`): \`src/kernel/\` (intents, state, step, step context, transitions, venue events, views) and the row writer (\`src/rows/writer.ts\`, \`src/rows/fromRecords.ts\`).`,
  'Not mutated: `src/kernel/decimal.ts` (shared by kernel, generators and invariants alike: a mutant there changes the oracle too), ' +
    '`persistent.ts` (a generic immutable map/set, unit-tested on its own), `diagnostics.ts` (the code table; its texts are equivalent by construction), ' +
    '`types.ts` and `index.ts` (declarations, re-exports). Not run (Stryker `Ignored`, listed below with the reason): static mutants ' +
    '(`ignoreStatic`: this runner never evaluates module initializers with the mutant active), the writer\'s slot-dict front-end ' +
    '(`writeFromSlots`, the seed\'s persist_step path no workbench path drives), an empty slot\'s view and `unrealizedPnl` (read by no gate output), ' +
    'when persistStepOf builds a slot view (the same view either way) and the time formatter\'s guards for times no row can hold.',
  `The only test: \`tests/mutation/gate.mutation.ts\` — the gate's checking path, whole CATALOGUE, corpus replayed, coverage enforced, ` +
    `${MUTATION_PROFILE.runs} runs × ≤ ${MUTATION_PROFILE.stepCountMax} steps at seed ${MUTATION_PROFILE.seed}, ${MUTATION_PROFILE.determinismRuns} runs replayed for determinism; ` +
    'stops at the first violation (no shrinking); then the shape tour, as the gate sends it after a clean pass. The example-based unit tests are deliberately not run.',
];

function readReport(path: string): MutationTestResult {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BadInput(`${path}: cannot read a JSON mutation report (${(e as Error).message.split('\n')[0]})`);
  }
  const files = (data as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null) throw new BadInput(`${path}: field "files" is ${JSON.stringify(files)}, not a mutation-testing-report-schema report`);
  return data as MutationTestResult;
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv], strict: true,
    options: {
      incremental: { type: 'boolean', default: false }, concurrency: { type: 'string' }, mutate: { type: 'string', multiple: true },
      from: { type: 'string' }, took: { type: 'string' }, out: { type: 'string', default: 'reports/mutation.md' },
      'part-command': { type: 'string', multiple: true }, note: { type: 'string', multiple: true },
    },
  });
  const concurrency = values.concurrency === undefined ? null : Number(values.concurrency);
  if (concurrency !== null && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) throw new BadInput(`--concurrency must be an integer in [1, 64], got ${JSON.stringify(values.concurrency)}`);
  const took = values.took === undefined ? null : Number(values.took);
  if (took !== null && !(Number.isFinite(took) && took >= 0)) throw new BadInput(`--took must be a number of seconds, got ${JSON.stringify(values.took)}`);
  let durationS = took;
  let paths = [JSON_REPORT];
  if (values.from !== undefined) {
    paths = values.from.split(',').filter((p) => p !== '');
    if (paths.length === 0) throw new BadInput(`--from needs at least one report file, got ${JSON.stringify(values.from)}`);
  } else {
    const args = ['stryker', 'run', ...(values.incremental ? ['--incremental'] : []), ...(concurrency === null ? [] : ['--concurrency', String(concurrency)]),
      ...(values.mutate ? ['--mutate', values.mutate.join(',')] : [])];
    const started = performance.now();
    const run = spawnSync('npx', args, { stdio: 'inherit' });
    durationS = (performance.now() - started) / 1000;
    if (run.status !== 0) {
      process.stderr.write(`npx ${args.join(' ')} failed (${run.status === null ? `signal ${String(run.signal)}` : `exit ${run.status}`}); see its output above\n`);
      return 3;
    }
  }
  const summary = summarizeMutants(merge(paths.map(readReport)), EQUIVALENT_MUTANTS);
  const missing = CONFIGURED_SCOPE.filter((f) => !summary.files.some((m) => m.file === f));
  const notes = [...(missing.length === 0 ? SCOPE_NOTES
    : [...SCOPE_NOTES, `**Not measured in this report** (the run did not reach them): ${missing.map((f) => `\`${f}\``).join(', ')}. The score below is over the measured files only.`]),
    ...(values.note ?? [])];
  const partCommands = values['part-command'] ?? [];
  const hidden = (a: string) => a === '--part-command' || a === '--note';
  const shown = argv.filter((a, i) => !hidden(a) && !hidden(argv[i - 1] ?? '') && !a.startsWith('--part-command=') && !a.startsWith('--note='));
  const command = `npm run mutate${shown.length ? ` -- ${shown.join(' ')}` : ''}`;
  const md = renderMutationMarkdown(summary, {
    command, partCommands, gitCommit: gitCommit(), date: new Date().toISOString().slice(0, 10), durationS, concurrency, incremental: values.incremental,
    scopeNotes: notes, targetPct: TARGET_PCT,
  });
  writeFileSync(values.out, md);
  const score = summary.scoreNonEquivalent;
  process.stdout.write(`${values.out}: ${score === null ? 'no mutants' : `${score.toFixed(2)} %`} of non-equivalent mutants detected ` +
    `(${summary.counts.Killed} killed, ${summary.counts.Timeout} timed out, ${summary.counts.Survived} survived, ${summary.counts.NoCoverage} not covered); target ${TARGET_PCT} %\n`);
  return score !== null && score >= TARGET_PCT ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  const usage = e instanceof BadInput || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`mutate: ${(e as Error).message}\n`);
  process.exitCode = usage ? 2 : 3;
}
