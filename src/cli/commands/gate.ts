// `workbench gate`: the pre-merge gate. Exit 0 when every invariant held and coverage was reached, 1 on a
// violation (or a coverage gap: a gate that stopped reaching a state is broken), 2 on bad usage.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runGateWith, type RawGateOptions } from '../../gate/index.ts';
import { formatGateResult } from '../../gate/formatTerminal.ts';
import { toJUnit } from '../../gate/junit.ts';
import { PROFILES } from '../../gate/profiles.ts';
import { ACTION_KINDS } from '../../gate/actions.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, ProgressLine } from '../output.ts';
import { publishGate } from '../../ci/publish.ts';

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
    .option('--corpus <dir>', 'regression counterexamples replayed first', 'corpus')
    .option('--no-corpus', 'do not replay the corpus')
    .option('--counterexamples <dir>', 'where counterexample files are written', '.workbench/counterexamples')
    .option('--without <kinds>', `switch generated action kinds off (comma-separated: ${ACTION_KINDS.join(', ')}), to see which cells need them`)
    .option('--enforce-coverage', 'fail on coverage gaps with any budget (default: only a pre-merge or nightly run at its own budget)');
}

export function registerGate(program: Command): void {
  const cmd = program
    .command('gate')
    .description('check every invariant on generated intent sequences and venue behaviour; shrink failures to a replayable counterexample');
  withGateOptions(cmd)
    .option('--junit <file>', 'also write JUnit XML')
    .option('--json', 'print the result as JSON (schemas/gate-result.schema.json) instead of text')
    .action(async (opts: GateCliOptions) => {
      const progress = new ProgressLine(process.stderr);
      const { result } = await runGateWith(opts, {
        onProgress: (done, total, failures) => progress.update(`gate: ${done}/${total} runs${failures ? `, ${failures} failure(s)` : ''}`),
      });
      progress.done();
      if (opts.junit) {
        try {
          writeFileSync(opts.junit, toJUnit(result));
        } catch (e) {
          throw new UsageError(`--junit ${opts.junit}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        }
      }
      publishGate(result);
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatGateResult(result, colorEnabled())}\n`);
      process.exitCode = result.status === 'passed' ? EXIT.OK : EXIT.VIOLATION;
    });
}
