// Kernel throughput on pre-generated inputs, one core, in one process: the current kernel, the kernel at the
// baseline commit (before issue 13) and the decimal floor (the same arithmetic in a plain decimal.js loop),
// interleaved round by round so machine noise hits all three alike.
import { initialState, step } from '../src/kernel/index.ts';
import { baselineKernel } from './lib/baselineKernel.ts';
import { floorPass, profileArithmetic } from './lib/decimalFloor.ts';
import { benchConfig, benchEpisodes } from './lib/inputs.ts';
import { fmt, interleavedRates, type Spread } from './stats.ts';

export interface KernelFigures {
  readonly inputs: number;
  readonly kernel: Spread;
  readonly baseline: Spread | null;
  readonly baselineRef: string | null;
  readonly baselineNote: string | null;
  readonly floor: Spread;
  readonly opsPerInput: number;
  readonly parsesPerInput: number;
  /** Medians of per-round ratios (each round's contenders ran back to back). */
  readonly kernelOverFloor: number;
  readonly kernelOverBaseline: number | null;
}

export async function benchKernel(root: string, rounds = 7): Promise<KernelFigures> {
  const episodes = benchEpisodes();
  const total = episodes.reduce((a, e) => a + e.length, 0);
  const config = benchConfig();
  const profile = profileArithmetic(episodes, config, { step, initialState });
  const base = await baselineKernel(root);
  const runKernel = (k: { step: typeof step; initialState: (c: typeof config) => ReturnType<typeof initialState> }, c: typeof config) => () => {
    for (const inputs of episodes) {
      let s = k.initialState(c);
      for (const input of inputs) s = k.step(s, input).state;
    }
  };
  const contenders: Record<string, () => void> = { kernel: runKernel({ step, initialState }, config), floor: () => void floorPass(profile) };
  if ('step' in base) {
    const baseConfig = base.makeConfig({ slotCount: config.slotCount });
    contenders['baseline'] = runKernel(base, baseConfig);
  }
  const r = interleavedRates(contenders, total, rounds);
  return {
    inputs: total, kernel: r['kernel']!, floor: r['floor']!, baseline: r['baseline'] ?? null,
    baselineRef: 'step' in base ? base.ref : null, baselineNote: 'missing' in base ? base.missing : null,
    opsPerInput: profile.opsPerInput, parsesPerInput: profile.parsesPerInput,
    kernelOverFloor: r['kernel']!.median / r['floor']!.median,
    kernelOverBaseline: r['baseline'] ? r['kernel']!.median / r['baseline'].median : null,
  };
}

export async function main(root: string): Promise<string> {
  const k = await benchKernel(root);
  const base = k.baseline ? `, baseline ${k.baselineRef} ${fmt(k.baseline.median)}/s (× ${fmt(k.kernelOverBaseline ?? 0, 2)})` : ` (${k.baselineNote})`;
  return `kernel step: ${fmt(k.kernel.median)} inputs/s = ${fmt(k.kernelOverFloor, 2)} of the decimal floor (${fmt(k.floor.median)}/s; ${fmt(k.opsPerInput, 1)} ops, ${fmt(k.parsesPerInput, 1)} parses per input)${base} — ${fmt(k.inputs)} inputs`;
}
