// The kernel as it was at a baseline commit, extracted from git into .workbench/, so "before" and "after"
// run in one process on the same inputs (machine noise then hits both alike).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KernelConfig, KernelState, StepResult } from '../../src/kernel/types.ts';

/** The last commit before issue 13's kernel work (override with BENCH_BASELINE=<ref>). */
export const DEFAULT_BASELINE = 'd4d543a';

export interface KernelModule {
  readonly ref: string;
  readonly step: (state: KernelState, input: unknown) => StepResult;
  readonly initialState: (config: KernelConfig) => KernelState;
  readonly makeConfig: (input?: { slotCount?: number }) => KernelConfig;
}

/** Null (with the reason) when git or the ref is unavailable, e.g. in a source tarball. */
export async function baselineKernel(root: string, ref = process.env['BENCH_BASELINE'] ?? DEFAULT_BASELINE): Promise<KernelModule | { missing: string }> {
  const dir = join(root, '.workbench', 'bench-baseline', ref.replace(/[^A-Za-z0-9._-]/g, '_'));
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['-C', root, 'archive', '--format=tar', ref, 'src/kernel'], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch (e) {
    return { missing: `baseline kernel ${ref} not available from git (${(e as Error).message.split('\n')[0]})` };
  }
  const mod = (await import(pathToFileURL(join(dir, 'src/kernel/index.ts')).href)) as Omit<KernelModule, 'ref'>;
  return { ref, step: mod.step, initialState: mod.initialState, makeConfig: mod.makeConfig };
}
