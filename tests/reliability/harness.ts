// The reliability catalogue's tools: the CLI's main(argv) called in-process with stdout/stderr captured (fast),
// the real binary in a subprocess with a deadline (where the process boundary matters: modules, signals,
// children), and a count of live processes carrying a marker (so a case can prove it left nothing behind).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.ts';

export const ROOT = join(import.meta.dirname, '../..');

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly signal?: NodeJS.Signals | null;
}

/** Runs `workbench ARGV` in this process: main() with output captured and env overrides applied. */
export async function cli(argv: readonly string[], env: Record<string, string | undefined> = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { out: process.stdout.write, err: process.stderr.write };
  const savedEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries({ NO_COLOR: '1', ...env })) {
    savedEnv[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.stdout.write = ((s: string | Uint8Array) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exitCode = undefined;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs the real binary (tsx) with a deadline; resolves with its exit code, or the signal that ended it. */
export function bin(args: readonly string[], opts: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/workbench.js'), ...args], {
      cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', CI: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, signal });
    });
  });
}

/** Starts the binary and returns the child, for signal cases. */
export function binStart(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/workbench.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Outcome>((resolve) => child.on('close', (code, signal) => resolve({ code, stdout, stderr, signal })));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Live processes whose command line contains `marker` (read from /proc; zombies excluded). */
export function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (cmd.includes(marker)) pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Waits until no process carries `marker` (up to `ms`), then asserts it. */
export async function expectNoneLeft(marker: string, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (processesWith(marker).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(processesWith(marker), `processes left behind carrying ${marker}`).toEqual([]);
}

/** A unique token to put on a child's command line so it can be counted. */
let markerSeq = 0;
export function marker(): string {
  return `wbmark${process.pid}x${++markerSeq}x${Date.now() % 100000}`;
}

export function tmp(prefix = 'wb-rel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Exit 2 with one line on stderr that contains each of `parts`, and never a raw control character. */
export function expectUsage(r: Outcome, ...parts: string[]): void {
  expect(r.code, `stderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 500)}`).toBe(2);
  expectOneSafeLine(r.stderr);
  for (const p of parts) expect(r.stderr).toContain(p);
}

/** Output holds one line (plus commander's help hint at most) and no raw control characters but newline. */
export function expectOneSafeLine(stderr: string): void {
  // Off a TTY a run slower than 30 s (a loaded machine) prints heartbeat lines: progress, not the error.
  stderr = stderr.split('\n').filter((l) => !l.endsWith(' (still running)')).join('\n');
  const lines = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('(run with --help'));
  expect(lines.length, `expected one line, got:\n${stderr.slice(0, 2000)}`).toBe(1);
  // eslint-disable-next-line no-control-regex
  expect(/[\u0000-\u0009\u000b-\u001f\u007f]/.test(stderr), 'raw control character in output').toBe(false);
  expect(stderr.length).toBeLessThan(1200);
}

/** A finding: exit 1. */
export function expectFinding(r: Outcome, ...parts: string[]): void {
  expect(r.code, `stderr: ${r.stderr}\nstdout: ${r.stdout.slice(-1500)}`).toBe(1);
  for (const p of parts) expect(r.stdout + r.stderr).toContain(p);
}

export function run(cmd: string, args: string[]): string {
  return spawnSync(cmd, args, { encoding: 'utf8' }).stdout;
}
