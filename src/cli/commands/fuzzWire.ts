// `workbench fuzz --venue wire --adapter-cmd "CMD"`: the fuzz with the venue on loopback (src/venue/wire/).
// Same report and exit codes as `fuzz`; a failing case whose replay does not reproduce is a finding too.
import { readReplayFile, ReplayFileError, writeReplayFile } from '../../adapters/fuzz/replayFile.ts';
import { fuzzReportJson, renderFuzzReport } from '../../adapters/fuzz/report.ts';
import { replayAsResult, runAdapterFuzz, type FuzzResult } from '../../adapters/fuzz/runFuzz.ts';
import { ProtocolFault } from '../../protocol/jsonLinesChild.ts';
import { BEHAVIOUR_IDS } from '../../venue/simulator/behaviours.ts';
import type { PositionMode } from '../../venue/simulator/simulator.ts';
import { firstDifference, fingerprint, replayVerdict, startWireFuzz, WIRE_FUZZ_PROFILE, type WireFuzzSetup } from '../../venue/wire/wireFuzz.ts';
import { EXIT, UsageError } from '../exitCodes.ts';
import { colorEnabled, paint, ProgressLine } from '../output.ts';
import { runProgress } from '../runProgress.ts';
import { intOption, type FuzzCliOptions } from './fuzz.ts';

export async function runWireFuzzCommand(opts: FuzzCliOptions, out: (s: string) => void): Promise<number> {
  if (!opts.adapterCmd || opts.adapter) throw new UsageError('--venue wire needs --adapter-cmd "COMMAND" (the adapter talks to the venue over HTTP itself), not --adapter');
  if (opts.profile !== 'adapter-fuzz' && opts.profile !== 'wire-fuzz') throw new UsageError(`--profile must be wire-fuzz on the wire, got ${JSON.stringify(opts.profile)}`);
  const mode = opts.positionMode ?? 'one-way';
  if (mode !== 'one-way' && mode !== 'hedge') throw new UsageError(`--position-mode must be one-way or hedge, got ${JSON.stringify(mode)}`);
  const seed = intOption('--seed', opts.seed, -2147483648, 2147483647) ?? 1;
  const runs = intOption('--runs', opts.runs, 1, 1_000_000) ?? WIRE_FUZZ_PROFILE.runs;
  const callTimeoutMs = intOption('--call-timeout-ms', opts.callTimeoutMs, 1, 600_000) ?? WIRE_FUZZ_PROFILE.callTimeoutMs;
  const profile = { ...WIRE_FUZZ_PROFILE, callTimeoutMs };
  let replay;
  try {
    replay = opts.replay ? readReplayFile(opts.replay) : null;
  } catch (e) {
    if (e instanceof ReplayFileError) throw new UsageError(e.message);
    throw e;
  }
  let setup: WireFuzzSetup;
  try {
    setup = await startWireFuzz(opts.adapterCmd, mode as PositionMode, profile);
  } catch (e) {
    if (e instanceof ProtocolFault) throw new UsageError(`--adapter-cmd ${JSON.stringify(opts.adapterCmd)}: ${e.message}${e.stderrTail ? `\n${e.stderrTail.trim()}` : ''}`);
    throw e;
  }
  try {
    const flag = `--venue wire --position-mode ${mode} --adapter-cmd ${JSON.stringify(opts.adapterCmd)}`;
    let result: FuzzResult;
    let nondeterminism: string | null;
    if (replay) {
      result = await replayAsResult(replay.case, setup.child.factory, profile, replay.seed, setup.execute, BEHAVIOUR_IDS);
      const before = (replay as { fingerprint?: string[] }).fingerprint;
      const trace = result.counterexample?.trace;
      nondeterminism = before && trace ? firstDifference(before, fingerprint(trace)) : before && !trace ? 'the saved case no longer fails' : null;
    } else {
      const progress = new ProgressLine();
      try {
        result = await runAdapterFuzz(setup.child.factory, {
          profile, seed, runs, execute: setup.execute, arbitrary: setup.arbitrary, behaviours: BEHAVIOUR_IDS, onProgress: runProgress(progress, 'wire fuzz'),
        });
      } finally {
        progress.done();
      }
      nondeterminism = replayVerdict(result, setup.failing);
    }
    let replayFile: string | null = opts.replay ?? null;
    if (!replay && result.counterexample) {
      replayFile = writeReplayFile(opts.out, {
        kind: 'adapter-fuzz-counterexample', version: 1, adapter: opts.adapterCmd, profile: profile.name, seed, path: result.path,
        primary: result.counterexample.primary, case: result.counterexample.fuzzCase,
        ...{ venue: 'wire', positionMode: mode, fingerprint: fingerprint(result.counterexample.trace) },
      } as Parameters<typeof writeReplayFile>[1]);
    }
    const meta = { adapterPath: opts.adapterCmd, adapterFlag: flag, replayFile, color: !opts.json && colorEnabled() };
    if (opts.json) {
      out(JSON.stringify({ ...(fuzzReportJson(result, meta) as object), venue: 'wire', positionMode: mode, venueUrl: setup.venue.restUrl, replayReproduced: nondeterminism === null, nondeterminism }, null, 2));
    } else {
      out(renderFuzzReport(result, meta));
      if (nondeterminism) out('\n' + paint(meta.color, 'red', `NOT REPRODUCIBLE: the replay of the failing case differs from the run (${nondeterminism}); the adapter's behaviour depends on something besides its inputs.`));
    }
    return result.status === 'passed' && nondeterminism === null ? EXIT.OK : EXIT.VIOLATION;
  } finally {
    await setup.close();
  }
}
