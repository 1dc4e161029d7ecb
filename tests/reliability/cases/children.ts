// Protocol children: every wait has a deadline; an error reply, silence, slowness, a closed stream or a cut
// line ends the child with a named fault; the child and every descendant (setsid ones too) are gone after.
import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';
import { JsonLinesChild, killAllChildren, ProtocolFault } from '../../../src/protocol/jsonLinesChild.ts';
import { bin, binStart, expectFinding, expectNoneLeft, expectUsage, marker, processesWith } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { file } from '../fixtures.ts';
import { ProgressLine } from '../../../src/cli/output.ts';

const CHILD = 'python3 tests/fixtures/children/misbehave.py';
const config = { slotCount: 1, initialCapital: '1', instruments: {} };
const input = { kind: 'order_accepted', tsMs: 1, orderId: 'x' };

/** Starts MODE, sends reset and a step; returns the fault and how long it took. */
async function fault(mode: string, timeoutMs = 5000): Promise<{ err: ProtocolFault; ms: number; mark: string }> {
  const mark = marker();
  const before = processesWith(mark).length;
  expect(before).toBe(0);
  const { child } = await JsonLinesChild.start({ command: `${CHILD} ${mode} ${mark}`, role: 'kernel', timeoutMs });
  const t0 = performance.now();
  const err = await child.request({ type: 'reset', config }).then(() => child.request({ type: 'step', input })).then(() => null, (e: unknown) => e);
  const ms = performance.now() - t0;
  await child.close(200);
  expect(err).toBeInstanceOf(ProtocolFault);
  await expectNoneLeft(mark);
  return { err: err as ProtocolFault, ms, mark };
}

export const childCases: Case[] = numbered('R-CHD', 'protocol children', [
  {
    title: 'an error reply ends the child with fault error_reply (message escaped); nothing left (was one live child per error)',
    run: async () => {
      const { err } = await fault('error_reply');
      expect(err.kind).toBe('error_reply');
      expect(err.message).toContain('cannot do that\\u001b[31m');
    },
  },
  { title: 'a partial last line then exit → fault partial_line; nothing left', run: async () => expect((await fault('partial_line')).err.kind).toMatch(/partial_line|crash/) },
  {
    title: 'a child that closes stdout but keeps running → fault closed well before the reply timeout; killed',
    run: async () => {
      const { err, ms } = await fault('close_stdout', 8000);
      expect(err.kind).toBe('closed');
      expect(ms).toBeLessThan(3000);
    },
  },
  { title: 'a child silent after reset → fault timeout after --timeout-ms; killed', run: async () => expect((await fault('silent', 300)).err.kind).toBe('timeout') },
  { title: 'a slow child (3 s per reply, 500 ms allowed) → fault timeout; killed', run: async () => expect((await fault('slow', 500)).err.kind).toBe('timeout') },
  {
    title: 'a grandchild started with setsid (outside the process group) is killed when the child is closed normally',
    run: async () => {
      const mark = marker();
      const { child } = await JsonLinesChild.start({ command: `${CHILD} setsid ${mark}`, role: 'kernel', timeoutMs: 2000 });
      await child.request({ type: 'reset', config });
      expect(processesWith(mark).length).toBeGreaterThanOrEqual(2);
      await child.close(200);
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'a setsid grandchild is killed when the child faults (error reply)',
    run: async () => {
      const { err } = await fault('setsid');
      expect(err.kind).toBe('error_reply');
    },
  },
  {
    title: 'a stepped reply with capital as a number → fault schema naming "capital"',
    run: async () => {
      const { err } = await fault('bad_capital');
      expect(err.kind).toBe('schema');
      expect(err.message).toContain('capital');
      expect(err.message).not.toContain('hello');
    },
  },
  {
    title: 'a reply of unknown type → fault schema naming "type" and the value',
    run: async () => {
      const { err } = await fault('bad_type');
      expect(err.kind).toBe('schema');
      expect(err.message).toContain('field "type" must be one of');
      expect(err.message).toContain('"explode"');
    },
  },
  { title: 'a child that exits mid-run → fault crash; nothing left', run: async () => expect((await fault('exit_mid')).err.kind).toBe('crash') },
  {
    title: 'a hello with protocol 99 → a handshake or schema fault naming protocol; nothing left',
    run: async () => {
      const mark = marker();
      const err = await JsonLinesChild.start({ command: `${CHILD} wrong_protocol ${mark}`, role: 'kernel' }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ProtocolFault);
      expect((err as ProtocolFault).kind).toMatch(/^(handshake|schema)$/);
      expect((err as ProtocolFault).message).toContain('protocol');
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'a program that never says hello → handshake fault after its deadline; nothing left',
    run: async () => {
      const mark = marker();
      await expect(JsonLinesChild.start({ command: `sleep 30 ${mark} || sleep 30`, role: 'kernel', handshakeTimeoutMs: 300 })).rejects.toMatchObject({ kind: 'handshake' });
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'killAllChildren (the SIGINT/SIGTERM path) kills a live child and its setsid grandchild',
    run: async () => {
      const mark = marker();
      const { child } = await JsonLinesChild.start({ command: `${CHILD} setsid ${mark}`, role: 'kernel', timeoutMs: 2000 });
      await child.request({ type: 'reset', config });
      expect(killAllChildren()).toBeGreaterThanOrEqual(1);
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'a child behind `sh -c "…; echo"` (the shell keeps the pipe open) that closes stdout → fault closed within 3 s, not the 8 s reply timeout; killed',
    run: async () => {
      const mark = marker();
      const { child } = await JsonLinesChild.start({ command: `sh -c "${CHILD} close_stdout ${mark}; echo after >&2"`, role: 'kernel', timeoutMs: 8000 });
      const t0 = performance.now();
      const err = await child.request({ type: 'reset', config }).then(() => child.request({ type: 'step', input })).then(() => null, (e: unknown) => e);
      const ms = performance.now() - t0;
      await child.close(200);
      expect(err).toBeInstanceOf(ProtocolFault);
      expect((err as ProtocolFault).kind).toBe('closed');
      expect(ms).toBeLessThan(3000);
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'a request sent after the child\'s stdout ended fails at once as closed (not after the reply timeout)',
    run: async () => {
      const { child } = await JsonLinesChild.start({ command: 'exec python3 -c "import os,sys,json,time; sys.stdin.readline(); print(json.dumps({\'type\':\'hello\',\'protocol\':1,\'role\':\'kernel\',\'name\':\'x\',\'capabilities\':[]}), flush=True); sys.stdout.close(); os.close(1); time.sleep(30)"', role: 'kernel', timeoutMs: 8000 });
      await new Promise((r) => setTimeout(r, 500));
      const t0 = performance.now();
      const err = await child.request({ type: 'reset', config }).then(() => null, (e: unknown) => e);
      await child.close(200);
      expect((err as ProtocolFault).kind).toBe('closed');
      expect(performance.now() - t0).toBeLessThan(3000);
    },
  },
]);

export const childCliCases: Case[] = numbered('R-HNG', 'hangs, leaks and signals', [
  {
    title: '`parity` with a candidate that answers an error → exit 1 naming it, exits, no process left (was: ran forever)',
    timeoutMs: 90_000,
    run: async () => {
      const mark = marker();
      expectFinding(await bin(['parity', '--candidate-cmd', `${CHILD} error_reply ${mark}`, '--runs', '5'], { timeoutMs: 80_000 }), 'error_reply');
      await expectNoneLeft(mark);
    },
  },
  {
    title: '`fuzz --adapter-cmd` with an adapter that answers an error → exit 1, no process left',
    timeoutMs: 90_000,
    run: async () => {
      const mark = marker();
      expectFinding(await bin(['fuzz', '--adapter-cmd', `${CHILD} error_reply ${mark} adapter`, '--runs', '5', '--out', '/tmp'], { timeoutMs: 80_000 }), 'FAILED');
      await expectNoneLeft(mark);
    },
  },
  {
    title: '`fuzz --adapter-cmd … --replay BADFILE` → exit 2 at once, no child started (was: printed its error and never exited)',
    timeoutMs: 60_000,
    run: async () => {
      const mark = marker();
      const t0 = performance.now();
      expectUsage(await bin(['fuzz', '--adapter-cmd', `${CHILD} silent ${mark} adapter`, '--replay', file('{"kind": 1}')], { timeoutMs: 50_000 }), '--replay');
      expect(performance.now() - t0).toBeLessThan(30_000);
      await expectNoneLeft(mark);
    },
  },
  {
    title: '`parity` with a candidate that goes silent: shrinking is bounded in time after the timeout (said in the output), exit 1, nothing left',
    timeoutMs: 120_000,
    run: async () => {
      const mark = marker();
      const t0 = performance.now();
      const r = await bin(['parity', '--candidate-cmd', `${CHILD} silent ${mark}`, '--runs', '20', '--timeout-ms', '400'], { timeoutMs: 110_000 });
      expectFinding(r, 'timeout');
      expect(performance.now() - t0).toBeLessThan(60_000);
      if (!r.stdout.includes('shrinking stopped after')) expect(r.stdout).toMatch(/shrunk in \d+ steps/);
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'SIGINT during `parity` with a hung candidate → "verdict: interrupted", exit 130, child and grandchild killed',
    timeoutMs: 60_000,
    run: async () => {
      const mark = marker();
      const p = binStart(['parity', '--candidate-cmd', `${CHILD} setsid ${mark}`, '--timeout-ms', '600000', '--runs', '5']);
      const until = Date.now() + 30_000;
      while (processesWith(mark).length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      p.child.kill('SIGINT');
      const r = await p.done;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('verdict: interrupted');
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'SIGTERM during `fuzz` with a silent adapter → "verdict: interrupted", exit 143, nothing left',
    timeoutMs: 60_000,
    run: async () => {
      const mark = marker();
      const p = binStart(['fuzz', '--adapter-cmd', `${CHILD} silent ${mark} adapter`, '--call-timeout-ms', '600000', '--runs', '5']);
      const until = Date.now() + 30_000;
      while (processesWith(mark).length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
      p.child.kill('SIGTERM');
      const r = await p.done;
      expect(r.code).toBe(143);
      expect(r.stderr).toContain('interrupted (SIGTERM): fuzz');
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'a setsid grandchild of a candidate does not survive a normal `parity` run',
    timeoutMs: 90_000,
    run: async () => {
      const mark = marker();
      await bin(['parity', '--candidate-cmd', `${CHILD} setsid ${mark}`, '--runs', '3'], { timeoutMs: 80_000 });
      await expectNoneLeft(mark);
    },
  },
  {
    title: 'off a TTY, a long run prints a heartbeat line with its latest status (timer-driven, even with no progress)',
    run: async () => {
      const lines: string[] = [];
      const p = new ProgressLine({ write: (s: string) => lines.push(s), isTTY: false }, 100, 60);
      p.update('parity: 3/20 runs');
      await new Promise((r) => setTimeout(r, 250));
      p.done();
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines[0]).toBe('parity: 3/20 runs (still running)\n');
    },
  },
  {
    title: 'SIGINT during `gate` over the worker pool → what was checked, "verdict: interrupted", exit 130',
    timeoutMs: 90_000,
    run: async () => {
      const p = binStart(['gate', '--workers', '2', '--no-corpus']);
      await new Promise((r) => setTimeout(r, 8_000));
      p.child.kill('SIGINT');
      const r = await p.done;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('interrupted (SIGINT): gate:');
      expect(r.stderr).toContain('verdict: interrupted');
    },
  },
]);
