// `workbench gate`: the pre-merge gate. Exit 0 when every invariant held and coverage was reached, 1 on a
// violation (or a coverage gap: a gate that stopped reaching a state is broken), 2 on bad usage.
import type { Command } from 'commander';
import { normalizeGateOptions, runGateWith, saveCounterexamples, type RawGateOptions } from '../../gate/index.ts';
import { formatGateResult } from '../../gate/formatTerminal.ts';
import { toJUnit } from '../../gate/junit.ts';
import { PROFILES } from '../../gate/profiles.ts';
import { ACTION_KINDS } from '../../gate/actions.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, ProgressLine } from '../output.ts';
import { runProgress } from '../runProgress.ts';
import { refuseOverlap, writeFileAtomicSync } from '../io/atomicWrite.ts';
import { trySave, warn } from '../warn.ts';
import { onInterruptReport, withDefaultSignals } from '../interrupt.ts';
import { publishGate } from '../../ci/publish.ts';
import { fromGate } from '../../runner/result.ts';

interface GateCliOptions extends RawGateOptions {
  readonly junit?: string;
  readonly json?: boolean;
}

/** The options that choose what the gate checks: shared by `gate` and `report`. */
export function withGateOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', `budget: ${Object.values(PROFILES).map((p) => `${p.name} (${p.description})`).join('; ')}`, 'pre-merge')
    .option('--runs <n>', 'generated runs (default: the profile\'s)')
    .option('--seed <n>', 'seed (default: the profile\'s; nightly picks a random one and prints it)')
    .option('--max-steps <n>', 'most actions per generated run')
    .option('--time-budget <seconds>', 'stop generating after this long (what ran is reported)')
    .option('--shard <k/n>', 'run shard k of n (seed + k − 1, runs ÷ n); combine the JSON with `workbench merge`')
    .option('--determinism', 'run every case twice and fail if outcomes or rows differ (default: the profile\'s sample)')
    .option('--kernel <module>', 'check this system under test (a module exporting `sut`) instead of the reference kernel')
    .option('--kernel-cmd <command>', 'check a kernel in any language, started with this shell command and driven over the JSON-lines protocol (spec/protocol.md; one child per worker)')
    .option('--timeout-ms <ms>', 'a --kernel-cmd child\'s longest wait for one reply (a whole run when it takes batches; default 5000)')
    .option('--corpus <dir>', 'regression counterexamples replayed first (default corpus/, skipped when absent; a folder named here must exist)')
    .option('--no-corpus', 'do not replay the corpus')
    .option('--counterexamples <dir>', 'where counterexample files are written', '.workbench/counterexamples')
    .option('--without <kinds>', `switch generated action kinds off (comma-separated: ${ACTION_KINDS.join(', ')}), to see which cells need them`)
    .option('--enforce-coverage', 'fail on coverage gaps with any budget (default: only a pre-merge or nightly run at its own budget)')
    .option('--workers <n>', 'worker threads for generated runs (default: the machine\'s cores); the result is the same for any count')
    .option('--step-deadline <seconds>', 'a --kernel module\'s step (or its loading) silent this long is a finding: it never returns (default 10)');
}

export function registerGate(program: Command): void {
  const cmd = program
    .command('gate')
    .description('check every invariant on generated intent sequences and venue behaviour; shrink failures to a replayable counterexample');
  withGateOptions(cmd)
    .option('--junit <file>', 'also write JUnit XML')
    .option('--json', 'print the result as JSON (schemas/gate-result.schema.json) instead of text')
    .action(async (opts: GateCliOptions) => {
      if (opts.junit !== undefined) {
        refuseOverlap([{ label: '--junit', path: opts.junit }], opts.kernel !== undefined ? [{ label: '--kernel', path: opts.kernel }] : []);
      }
      const progress = new ProgressLine(process.stderr);
      const go = () => runGateWith(opts, {
        writeFiles: false,
        onProgress: runProgress(progress, 'gate'),
      });
      // Over the worker pool the main thread stays free, so SIGINT/SIGTERM print what was checked and the verdict
      // "interrupted"; an in-process run (one worker, the reference kernel) is synchronous and keeps node's default.
      let run;
      // done() also on bad usage: a heartbeat timer left behind would write into a later command's output.
      try {
        const pooled = opts.kernel !== undefined || normalizeGateOptions(opts, () => 0).workers > 1;
        if (pooled) {
          const off = onInterruptReport(() => progress.lastStatus || 'gate: no run finished');
          try {
            run = await go();
          } finally {
            off();
          }
        } else run = await withDefaultSignals(go);
      } finally {
        progress.done();
      }
      const { result } = run;
      // The finding first; saving it (counterexamples, JUnit, the step summary) may fail, and then warns.
      process.stdout.write(opts.json ? `${JSON.stringify({ ...result, run: fromGate(result, run.settings.workers) }, null, 2)}\n` : `${formatGateResult(result, colorEnabled())}\n`);
      const warnings = saveCounterexamples(run);
      for (const w of warnings) warn(w);
      let saved = warnings.length === 0;
      if (opts.junit) saved = trySave('JUnit XML', opts.junit, () => writeFileAtomicSync(opts.junit!, toJUnit(result))) && saved;
      // GitHub Actions: annotations and the job summary (a summary that cannot be written is a warning).
      saved = publishGate(result) && saved;
      // A failed save never hides a finding (exit 1); with nothing found, an output asked for and not written is exit 2.
      process.exitCode = result.status !== 'passed' ? EXIT.VIOLATION : saved ? EXIT.OK : EXIT.USAGE;
    });
}
