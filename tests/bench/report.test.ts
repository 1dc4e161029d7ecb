// reports/bench.md's renderer: sections listed in bench/sections/ are appended after the core figures, and the
// gate's CPU time is shown beside its wall clock (on a shared machine the wall says little about the work).
import { describe, expect, it } from 'vitest';
import { renderBench, type BenchReport } from '../../bench/report.ts';
import { section } from '../../bench/sections/section.ts';
import type { Spread } from '../../bench/stats.ts';

const sp = (median: number): Spread => ({ median, min: median, max: median, rounds: 1 });

const report: BenchReport = {
  version: 1, startedAt: '2026-12-02T07:00:00.000Z', commit: 'abc',
  machine: { cores: 2, cpu: 'test', node: 'v20', platform: 'linux x64', loadBefore: [0.5, 0, 0], loadAfter: [0.7, 0, 0] },
  kernel: { inputs: 10, kernel: sp(300_000), baseline: null, baselineRef: null, baselineNote: 'none', floor: sp(400_000), opsPerInput: 10, parsesPerInput: 1, kernelOverFloor: 0.75, kernelOverBaseline: null },
  checked: { runs: 1, inputs: 10, checked: sp(80_000), raw: sp(300_000), ratio: 0.2 },
  firstFailure: { perFixture: { a: sp(90) }, medianMs: 90 },
  peer: { available: false, note: 'no python', stepsPerSecond: null, hypothesis: null, steps: 0, gateSubset: sp(1), subset: [] },
  help: sp(150),
  gateOne: { wall: sp(12_000), cpu: sp(11_500) },
  gateAll: { wall: sp(7_000), cpu: sp(13_000) },
  sections: { wire: { rate: 42 } },
};

describe('renderBench', () => {
  it('appends each listed section that has figures, in list order, and skips the others', () => {
    const wire = section({ id: 'wire', title: 'wire', measure: () => ({ rate: 0 }), render: (f: { rate: number }) => ['## Wire', '', `rate ${f.rate}`, ''] });
    const absent = section({ id: 'python-child', title: 'py', measure: () => 0, render: () => ['## Python child', ''] });
    const md = renderBench(report, [absent, wire]);
    expect(md).toContain('## Wire\n\nrate 42');
    expect(md).not.toContain('## Python child');
  });

  it('shows the gate CPU beside the wall and judges targets on the wall', () => {
    const md = renderBench(report, []);
    expect(md).toMatch(/pre-merge wall, 1 worker +\| 12\.00 s \(12\.00 s – 12\.00 s, 1 rounds\); CPU 11\.50 s +\| \*\*missed\*\* ×1\.20/);
    expect(md).toMatch(/pre-merge wall, 2 workers +\| 7\.00 s .*; CPU 13\.00 s +\| \*\*missed\*\* ×1\.40/);
    expect(md).toMatch(/`workbench --help` wall +\| 150 ms .*\| met/);
    expect(md).toMatch(/raw kernel ÷ decimal floor .*\| 0\.75 +\| met/);
  });
});
