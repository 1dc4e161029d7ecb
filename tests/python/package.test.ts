// The Python package (python/): its generated messages are current, and installed into a fresh virtual environment
// (pip, no network) it passes its own tests and runs the examples — parity, fuzz and the pytest replay — from there.
// Without python3 or its venv module the venv tests skip, except under CI=true where they fail (service.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../src/kernel/state.ts';
import { ROOT, workbench } from '../cli/helpers.ts';
import { skipOrFail } from '../reliability/service.ts';

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env }, timeout: 300_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

describe('python/src/dita_workbench/messages.py is generated from schemas/protocol', () => {
  it('the committed module is what the generator writes today', () => {
    const r = run(process.execPath, ['scripts/gen-python-messages.mjs', '--check']);
    expect(r.stdout).toContain('is current');
    expect(r.status).toBe(0);
  });

  it('the check fails when a schema changes and the module is not regenerated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-pymsg-'));
    for (const sub of ['scripts', 'schemas', 'schemas/protocol', 'python', 'python/src', 'python/src/dita_workbench']) mkdirSync(join(dir, sub));
    copyFileSync(join(ROOT, 'scripts/gen-python-messages.mjs'), join(dir, 'scripts/gen-python-messages.mjs'));
    copyFileSync(join(ROOT, 'python/src/dita_workbench/messages.py'), join(dir, 'python/src/dita_workbench/messages.py'));
    copyFileSync(join(ROOT, 'schemas/protocol/parent-message.schema.json'), join(dir, 'schemas/protocol/parent-message.schema.json'));
    const child = JSON.parse(readFileSync(join(ROOT, 'schemas/protocol/child-message.schema.json'), 'utf8')) as { $defs: { slot: { properties: Record<string, unknown>; required: string[] } } };
    child.$defs.slot.properties['leverage'] = { $ref: '#/$defs/decimal' };
    child.$defs.slot.required.push('leverage');
    writeFileSync(join(dir, 'schemas/protocol/child-message.schema.json'), JSON.stringify(child));
    const r = run(process.execPath, ['scripts/gen-python-messages.mjs', '--check'], {}, dir);
    expect(r.stdout).toContain('is stale: run node scripts/gen-python-messages.mjs');
    expect(r.status).toBe(1);
    expect(run(process.execPath, ['scripts/gen-python-messages.mjs'], {}, dir).status).toBe(0);
    expect(readFileSync(join(dir, 'python/src/dita_workbench/messages.py'), 'utf8')).toMatch(/class SlotView\(TypedDict\):[^]*?\n {4}leverage: DecimalText\n/);
  });
});

describe('the dita_workbench package installed into a fresh virtual environment', () => {
  const venv = join(mkdtempSync(join(tmpdir(), 'wb-pyvenv-')), 'venv');
  const py = join(venv, 'bin', 'python');
  let missing = '';
  let hasPytest = false;

  beforeAll(() => {
    // --system-site-packages: pytest may come from the system (Debian's python3-pytest); the package itself is
    // installed into the venv by pip from the checkout, with no index and no build requirements.
    const made = run('python3', ['-m', 'venv', '--system-site-packages', venv]);
    if (made.error || made.status !== 0) {
      missing = `python3 -m venv failed: ${made.error?.message ?? made.stderr.trim().split('\n').pop()}`;
      return;
    }
    const pip = run(py, ['-m', 'pip', 'install', '--no-build-isolation', '--no-index', '--no-deps', '--disable-pip-version-check', './python']);
    if (pip.status !== 0) throw new Error(`pip install ./python failed:\n${pip.stdout}\n${pip.stderr}`);
    hasPytest = run(py, ['-c', 'import pytest']).status === 0;
  }, 300_000);

  const needsVenv = (ctx: { skip: (note?: string) => void }) => (missing ? skipOrFail(ctx, 'python3 with venv', missing) : undefined);

  it('imports from the venv\'s site-packages, typed (py.typed), also where the examples import it', (ctx) => {
    needsVenv(ctx);
    const where = run(py, ['-c', 'import sys; sys.path.insert(0, "examples/python"); import float_kernel, dita_workbench; print(dita_workbench.__file__)']);
    expect(where.status).toBe(0);
    const file = where.stdout.trim();
    expect(file.startsWith(venv)).toBe(true);
    expect(file).toContain('site-packages');
    expect(existsSync(join(file, '..', 'py.typed'))).toBe(true);
  });

  it('passes its own tests and the example pytest file from the venv (pytest; without it unittest and the file\'s own runner)', (ctx) => {
    needsVenv(ctx);
    if (hasPytest) {
      const r = run(py, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'python/tests', 'examples/python/test_parity_replay.py']);
      expect(r.stdout).toMatch(/^\d+ passed/m);
      expect(r.stdout).not.toMatch(/failed|error/);
      expect(r.status).toBe(0);
      return;
    }
    const unit = run(py, ['-m', 'unittest', 'discover', '-s', 'python/tests']);
    expect(unit.stderr).toMatch(/^Ran \d+ tests[^]*\nOK\b/m);
    expect(unit.status).toBe(0);
    const example = run(py, ['examples/python/test_parity_replay.py']);
    expect(example.stdout).toContain('"failed": 0');
    expect(example.status).toBe(0);
  });

  it('runs the example kernels under parity from the venv: the decimal kernel agrees, the float kernel diverges', (ctx) => {
    needsVenv(ctx);
    const decimal = workbench(['parity', '--candidate-cmd', `${py} examples/python/decimal_kernel.py`, '--mix', 'core', '--runs', '15', '--seed', '3', '--no-corpus', '--no-counterexamples']);
    expect(decimal.stderr).toBe('');
    expect(decimal.status).toBe(0);
    const float = workbench(['parity', '--candidate-cmd', `${py} examples/python/float_kernel.py`, '--mix', 'core', '--runs', '15', '--seed', '3', '--no-corpus', '--no-counterexamples']);
    expect(float.stdout).toContain('FAIL: python-float-kernel diverges from the reference');
    expect(float.status).toBe(1);
  });

  it('runs the example adapter under fuzz from the venv', (ctx) => {
    needsVenv(ctx);
    const r = workbench(['fuzz', '--adapter-cmd', `${py} examples/python/example_adapter.py`, '--runs', '20', '--out', mkdtempSync(join(tmpdir(), 'wb-fuzz-'))]);
    expect(r.status).toBe(0);
  });

  it('replays the committed parity counterexample from a shell: python3 -m dita_workbench replay (exit 1, JSON)', (ctx) => {
    needsVenv(ctx);
    const r = run(py, ['-m', 'dita_workbench', 'replay', 'examples/python/counterexamples/float-kernel-commands-qty.json', 'float_kernel'], { PYTHONPATH: 'examples/python' });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { kind: string; step: number; recorded_signature: string; divergences: { where: string; column: string }[] };
    expect(out).toMatchObject({ kind: 'parity', step: 2, recorded_signature: 'commands.qty' });
    expect(`${out.divergences[0]!.where}.${out.divergences[0]!.column}`).toBe('commands.qty');
    const bad = run(py, ['-m', 'dita_workbench', 'replay', 'package.json']);
    expect(bad.stderr.trim()).toBe('dita_workbench.replay: package.json: not a counterexample file: field inputs is None');
    expect(bad.status).toBe(2);
  });

  it('the README\'s ten-line kernel goes under parity from the venv, and its pytest replay names the divergent step', (ctx) => {
    needsVenv(ctx);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = (first: string) => {
      const m = new RegExp(`\`\`\`python\n(${first.replace(/[.]/g, '\\.')}[^]*?)\`\`\``).exec(readme);
      if (!m) throw new Error(`README.md has no python block starting with ${first}`);
      return m[1]!;
    };
    const kernel = block('# my_kernel.py');
    expect(kernel.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length).toBeLessThan(10);
    const command = /^npx workbench parity --candidate-cmd "python3 my_kernel.py"/m.exec(readme);
    expect(command).not.toBeNull();
    // The team's kernel stands in as pink_direct: the float example (it diverges), then the decimal one (it agrees).
    const dir = mkdtempSync(join(tmpdir(), 'wb-readme-'));
    writeFileSync(join(dir, 'my_kernel.py'), kernel);
    const pink = (example: string) => writeFileSync(join(dir, 'pink_direct.py'),
      `import sys\nsys.path.insert(0, ${JSON.stringify(join(ROOT, 'examples/python'))})\nfrom ${example} import reset, step  # noqa: E402,F401\n`);
    const cx = join(dir, 'counterexamples');
    pink('float_kernel');
    const diverges = workbench(['parity', '--candidate-cmd', `${py} ${join(dir, 'my_kernel.py')}`, '--mix', 'core', '--runs', '30', '--seed', '1', '--no-corpus', '--max-divergences', '1', '--counterexamples', cx]);
    expect(diverges.stdout).toContain('FAIL: pink diverges from the reference');
    expect(diverges.status).toBe(1);
    const file = join(cx, readdirSync(cx).find((f) => f.endsWith('.json'))!);
    const replayTest = block('# test_my_kernel.py').replace(/"\.workbench\/counterexamples\/[^"]+"/, JSON.stringify(file));
    writeFileSync(join(dir, 'test_my_kernel.py'), replayTest);
    const replayed = hasPytest
      ? run(py, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test_my_kernel.py'], {}, dir)
      : run(py, ['-c', 'import test_my_kernel as t; t.test_parity_counterexample()'], {}, dir);
    const { step } = (JSON.parse(readFileSync(file, 'utf8')) as { parity: { step: number } }).parity;
    expect(`${replayed.stdout}${replayed.stderr}`).toContain(`AssertionError: my_kernel diverges from the reference at step ${step} of ${file}`);
    expect(replayed.status).toBe(1);
    pink('decimal_kernel');
    const agrees = workbench(['parity', '--candidate-cmd', `${py} ${join(dir, 'my_kernel.py')}`, '--mix', 'core', '--runs', '30', '--seed', '1', '--no-corpus', '--no-counterexamples']);
    expect(agrees.status).toBe(0);
  });

  it('a gate file replays with the instruments the reference kernel defaults to (src/kernel/state.ts)', (ctx) => {
    needsVenv(ctx);
    const r = run(py, ['-c', 'import json; from dita_workbench.replay import DEFAULT_INSTRUMENTS as d; print(json.dumps(d))']);
    expect(JSON.parse(r.stdout)).toEqual(DEFAULT_INSTRUMENTS);
  });
});

describe('the package passes mypy --strict', () => {
  // Debian's python3-mypy (scripts/ci.d/python.setup.sh) installs it for the system interpreter.
  const mypy = ['python3', '/usr/bin/python3'].find((p) => run(p, ['-m', 'mypy', '--version']).status === 0);

  it(`mypy --strict -p dita_workbench (${mypy ? `${mypy} -m mypy` : 'mypy not installed'})`, (ctx) => {
    if (!mypy) return skipOrFail(ctx, 'mypy', 'neither python3 nor /usr/bin/python3 has mypy (apt-get install python3-mypy)');
    const r = run(mypy, ['-m', 'mypy', '--strict', '--no-incremental', '-p', 'dita_workbench'], { MYPYPATH: join(ROOT, 'python/src') });
    expect(r.stdout).toMatch(/^Success: no issues found in \d+ source files/m);
    expect(r.status).toBe(0);
  });
});
