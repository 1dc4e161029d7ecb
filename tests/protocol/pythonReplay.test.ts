// A parity counterexample replays: the CLI shows both sides at the divergent step, and the Python helper
// (python/src/dita_workbench/replay.py) reproduces it in-process, under pytest when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, workbench } from '../cli/helpers.ts';

const hasPytest = spawnSync('python3', ['-c', 'import pytest'], { encoding: 'utf8' }).status === 0;

function python(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('python3', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('replay of a parity counterexample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-parity-cx-'));
  const run = workbench(['parity', '--candidate-cmd', 'python3 examples/python/float_kernel.py', '--mix', 'core', '--runs', '60', '--no-corpus', '--max-divergences', '2', '--counterexamples', dir]);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));

  it('parity writes one counterexample file per shrunk divergence, in the gate\'s format with a parity section', () => {
    expect(run.status).toBe(1);
    expect(files.length).toBe(2);
    const cx = JSON.parse(readFileSync(files[0]!, 'utf8')) as { invariantId: string; inputs: unknown[]; parity: { step: number; candidateCmd: string; reference: unknown[] } };
    expect(cx.invariantId).toBe('INV-P-REFERENCE-PARITY');
    expect(cx.parity.candidateCmd).toBe('python3 examples/python/float_kernel.py');
    expect(cx.parity.reference).toHaveLength(cx.inputs.length);
    expect(run.stdout).toContain(`replay: npx workbench replay ${files[0]} --candidate-cmd "python3 examples/python/float_kernel.py"`);
  });

  it('`workbench replay FILE` reproduces the divergence and shows both sides at the divergent step (exit 1)', () => {
    for (const file of files) {
      const cx = JSON.parse(readFileSync(file, 'utf8')) as { signature: string; parity: { step: number; divergences: { where: string; column: string; reference: string; candidate: string }[] } };
      const r = workbench(['replay', file, '--candidate-cmd', 'python3 examples/python/float_kernel.py']);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ both sides at step ${cx.parity.step}:`);
      const d = cx.parity.divergences[0]!;
      expect(r.stdout).toMatch(new RegExp(`${d.where}\\s.*${d.column.replace(/[()]/g, '\\$&')}\\s+${d.reference.replace(/[.()]/g, '\\$&')}\\s+${d.candidate.replace(/[.()]/g, '\\$&')}`));
    }
    // Data is data: without a candidate on the command line the file's own record is only a hint (exit 2).
    const bare = workbench(['replay', files[0]!]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('--candidate-cmd "python3 examples/python/float_kernel.py"');
    // The same file against the reference itself (in-process): in parity now, exit 0.
    const fixed = workbench(['replay', files[0]!, '--candidate', 'src/gate/referenceSut.ts']);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('in parity now');
  });

  it('the Python helper replays it in-process against the Python kernel and finds the same step and column', () => {
    for (const file of files) {
      const cx = JSON.parse(readFileSync(file, 'utf8')) as { signature: string; parity: { step: number } };
      const r = python(['-m', 'dita_workbench', 'replay', file, 'float_kernel'], { PYTHONPATH: 'python/src:examples/python' });
      expect(r.status).toBe(1);
      const out = JSON.parse(r.stdout) as { step: number; divergences: { where: string; column: string }[] };
      expect(out.step).toBe(cx.parity.step);
      expect(`${out.divergences[0]!.where}.${out.divergences[0]!.column}`).toBe(cx.signature);
    }
  });

  it(`the pytest file passes on a fresh counterexample (${hasPytest ? 'python3 -m pytest' : 'pytest not installed: python3 directly'})`, () => {
    const env = { PARITY_COUNTEREXAMPLE: files[0]! };
    const r = hasPytest
      ? python(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'examples/python/test_parity_replay.py'], env)
      : python(['examples/python/test_parity_replay.py'], env);
    expect(r.stdout).toMatch(hasPytest ? /3 passed/ : /"failed": 0/);
    expect(r.status).toBe(0);
  });

  it('--save-to-corpus copies the file into a corpus folder that parity then replays first', () => {
    const corpus = join(dir, 'corpus');
    const saved = workbench(['replay', files[0]!, '--save-to-corpus', corpus]);
    expect(saved.status).toBe(0);
    expect(saved.stdout).toMatch(/^saved .*corpus/);
    expect(existsSync(join(corpus, files[0]!.split('/').pop()!))).toBe(true);
    const again = workbench(['parity', '--candidate-cmd', 'python3 examples/python/float_kernel.py', '--mix', 'core', '--runs', '1', '--corpus', corpus, '--no-counterexamples', '--json']);
    const result = JSON.parse(again.stdout) as { corpusFiles: number; findings: { origin: string }[] };
    expect(result.corpusFiles).toBe(1);
    expect(result.findings[0]!.origin).toBe('corpus');
  });
});
