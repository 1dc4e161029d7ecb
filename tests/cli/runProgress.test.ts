// Progress of long runs: the rate/ETA text on a TTY, the heartbeat's counts elsewhere, and nothing else on a
// non-TTY stderr. The text is pure (clock injected); the CLI runs check what gate, fuzz and parity really print,
// off a TTY (pipes) and on one (a pseudo-terminal from util-linux `script`).
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { ProgressLine } from '../../src/cli/output.ts';
import { etaMs, formatEta, formatRate, heartbeatText, runProgress, ttyProgressText } from '../../src/cli/runProgress.ts';
import { ROOT, workbench } from './helpers.ts';

describe('progress text', () => {
  test('rates: one decimal below 10/s, whole numbers with separators above', () => {
    expect(formatRate(0)).toBe('0.0/s');
    expect(formatRate(4.25)).toBe('4.3/s');
    expect(formatRate(41.6)).toBe('42/s');
    expect(formatRate(12_345.4)).toBe('12,345/s');
    expect(formatRate(Number.NaN)).toBe('–/s');
    expect(formatRate(Infinity)).toBe('–/s');
  });

  test('ETA: seconds, minutes with padded seconds, hours with padded minutes; – when unknown', () => {
    expect(formatEta(null)).toBe('–');
    expect(formatEta(400)).toBe('<1s');
    expect(formatEta(42_000)).toBe('42s');
    expect(formatEta(185_000)).toBe('3m 05s');
    expect(formatEta(2 * 3_600_000 + 7 * 60_000)).toBe('2h 07m');
  });

  test('ETA is the runs left at the rate so far, unknown before a second has passed or a run has finished', () => {
    const c = { runsDone: 100, runsTotal: 500, inputsChecked: 4_000, failures: 0 };
    expect(etaMs(c, 10_000)).toBe(40_000);
    expect(etaMs(c, 999)).toBeNull();
    expect(etaMs({ ...c, runsDone: 0 }, 10_000)).toBeNull();
    expect(etaMs({ ...c, runsDone: 500 }, 10_000)).toBe(0);
  });

  test('the TTY line: runs, percent, runs/s, inputs/s, failures, ETA', () => {
    const c = { runsDone: 120, runsTotal: 500, inputsChecked: 48_210, failures: 0 };
    expect(ttyProgressText('gate', c, 4_000)).toBe('gate: 120/500 runs (24%) · 30 runs/s · 12,053 inputs/s · 0 failures · ETA 13s');
    expect(ttyProgressText('parity', { ...c, failures: 1 }, 500)).toBe('parity: 120/500 runs (24%) · – runs/s · – inputs/s · 1 failure · ETA –');
  });

  test('colour only when asked (NO_COLOR is decided by the caller): failures in red', () => {
    const c = { runsDone: 3, runsTotal: 10, inputsChecked: 90, failures: 2 };
    expect(ttyProgressText('fuzz', c, 2_000, true)).toContain('\u001b[31m2 failures\u001b[0m');
    expect(ttyProgressText('fuzz', c, 2_000, false)).not.toContain('\u001b');
    expect(ttyProgressText('fuzz', { ...c, failures: 0 }, 2_000, true)).not.toContain('\u001b');
  });

  test('the heartbeat line: runs done, inputs checked, failures so far', () => {
    expect(heartbeatText('fuzz', { runsDone: 1_200, runsTotal: 5_000, inputsChecked: 48_210, failures: 1 }))
      .toBe('fuzz: 1,200/5,000 runs done, 48,210 inputs checked, 1 failure so far');
  });
});

describe('runProgress feeding a ProgressLine', () => {
  const sink = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { write: (s: string) => written.push(s), isTTY } };
  };

  test('on a TTY: the rate/ETA line, rewritten in place', () => {
    const { written, stream } = sink(true);
    let now = 0;
    const onProgress = runProgress(new ProgressLine(stream, 0, 0), 'gate', () => now, false);
    now = 2_000;
    onProgress(50, 200, 0, 2_000);
    expect(written).toEqual(['\r\u001b[2Kgate: 50/200 runs (25%) · 25 runs/s · 1,000 inputs/s · 0 failures · ETA 6s']);
  });

  test('off a TTY: nothing between heartbeats, then the counts on their own line', async () => {
    const quiet = sink(false);
    const line = new ProgressLine(quiet.stream, 100, 60_000);
    const onProgress = runProgress(line, 'parity', () => 0, false);
    for (let i = 1; i <= 50; i++) onProgress(i, 50, 0, i * 30);
    line.done();
    expect(quiet.written).toEqual([]);

    const beating = sink(false);
    const line2 = new ProgressLine(beating.stream, 100, 40);
    runProgress(line2, 'parity', () => 0, false)(7, 20, 2, 210);
    await new Promise((r) => setTimeout(r, 150));
    line2.done();
    expect(beating.written.length).toBeGreaterThanOrEqual(1);
    expect(beating.written[0]).toBe('parity: 7/20 runs done, 210 inputs checked, 2 failures so far (still running)\n');
    expect(beating.written.join('')).not.toContain('\r');
  });
});

describe('what gate, fuzz and parity print on stderr', () => {
  test('off a TTY (a pipe), a short run prints no progress at all', () => {
    const runs = [
      workbench(['gate', '--profile', 'smoke', '--no-corpus']),
      workbench(['fuzz', '--adapter', 'src/adapters/reference/referenceAdapter.ts', '--runs', '20']),
      workbench(['parity', '--candidate', 'tests/fixtures/parity/writerDefect.ts', '--runs', '10', '--mix', 'core', '--no-corpus', '--no-counterexamples']),
    ];
    for (const r of runs) {
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stderr).toBe('');
    }
    expect(runs.map((r) => r.status)).toEqual([0, 0, 1]);
  });

  test('on a TTY (a pseudo-terminal), the gate shows runs, rate and ETA and clears its line; NO_COLOR leaves no colour', () => {
    const r = spawnSync('script', ['-qec', `${process.execPath} bin/workbench.js gate --profile smoke --no-corpus --runs 300`, '/dev/null'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' }, timeout: 120_000,
    });
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/\r\u001b\[2Kgate: \d+\/300 runs \(\d+%\) · [^·]+ runs\/s · [^·]+ inputs\/s · 0 failures · ETA /);
    expect(out).toContain('PASSED: every invariant held');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/\u001b\[\d+m/);
  });
});
