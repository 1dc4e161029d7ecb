// Wall-clock figures of the CLI as a user runs it (child processes): `--help`, and `workbench gate` on the
// pre-merge profile with one worker and with every core. The built CLI (dist/) is made first if stale.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { spreadOf, type Spread } from './stats.ts';

function wallMs(root: string, args: readonly string[]): { ms: number; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/workbench.js'), ...args], { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return { ms: performance.now() - t0, status: r.status };
}

export function ensureBuilt(root: string): void {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

export function benchHelp(root: string, rounds = 7): Spread {
  wallMs(root, ['--help']);
  return spreadOf(Array.from({ length: rounds }, () => wallMs(root, ['--help']).ms));
}

export function benchGateWall(root: string, workers: number, rounds = 2): Spread {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const g = wallMs(root, ['gate', '--profile', 'pre-merge', '--workers', String(workers), '--counterexamples', '.workbench/bench-counterexamples']);
    if (g.status !== 0) throw new Error(`workbench gate --workers ${workers} exited ${g.status}`);
    times.push(g.ms);
  }
  return spreadOf(times);
}
