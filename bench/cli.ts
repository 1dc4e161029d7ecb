// Wall-clock figures of the CLI as a user runs it (child processes): `--help`, and `workbench gate` on the
// pre-merge profile with one worker and with every core. The built CLI (dist/) is made first if stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The gate as a user runs it: wall clock, and the CPU its process used (user + system, every thread). */
export interface GateWall {
  readonly wall: Spread;
  /** ms of CPU, from /usr/bin/time; null where it is not installed. On a busy machine this, not the wall, is the work done. */
  readonly cpu: Spread | null;
}

const TIME = '/usr/bin/time';

export function benchGateWall(root: string, workers: number, rounds = 2): GateWall {
  const walls: number[] = [];
  const cpus: number[] = [];
  const timed = existsSync(TIME);
  const out = join(tmpdir(), `bench-gate-time-${process.pid}.txt`);
  const args = ['gate', '--profile', 'pre-merge', '--workers', String(workers), '--counterexamples', '.workbench/bench-counterexamples'];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const g = timed
      ? spawnSync(TIME, ['-f', '%U %S', '-o', out, process.execPath, join(root, 'bin/workbench.js'), ...args], { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } })
      : spawnSync(process.execPath, [join(root, 'bin/workbench.js'), ...args], { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    walls.push(performance.now() - t0);
    if (g.status !== 0) throw new Error(`workbench gate --workers ${workers} exited ${g.status}`);
    if (timed) {
      const [user, sys] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number) as [number, number];
      cpus.push((user + sys) * 1000);
    }
  }
  return { wall: spreadOf(walls), cpu: timed ? spreadOf(cpus) : null };
}
