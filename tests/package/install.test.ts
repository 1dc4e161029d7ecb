// The workbench as a team installs it: `npm pack` (which builds dist/), `npm install ./dita-workbench-*.tgz` into
// an empty project, then the CLI (`npx workbench`), the library from plain Node (no tsx), a TypeScript `--kernel`
// module of the team's own, the team's TypeScript compiler over the shipped declarations, and `--svg` without
// its optional peers. Slow (a build and an install): dependencies come from npm's cache when it has them.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../cli/helpers.ts';

const INSTALL_TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 180_000;

let work = '';
let project = '';
let tarball = '';

/**
 * The environment of a team's shell: nothing that makes the workbench run from a checkout's sources, and none of
 * the npm_* variables `npm test` sets (npm reads npm_config_* as its own configuration: the nested installs must
 * not inherit this repository's).
 */
function teamEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...extra };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) && !(k in extra)) delete env[k];
  delete env['WORKBENCH_FROM_SOURCES'];
  delete env['NODE_OPTIONS'];
  return env;
}

function run(cmd: string, args: readonly string[], cwd: string, extra: NodeJS.ProcessEnv = {}, timeout = RUN_TIMEOUT_MS): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: teamEnv(extra), timeout });
}

function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const npx = (args: readonly string[], extra: NodeJS.ProcessEnv = {}) => run('npx', ['--no', 'workbench', ...args], project, extra);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'workbench-package-'));
  ok(run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT, {}, INSTALL_TIMEOUT_MS), 'npm pack');
  const packed = readdirSync(work).filter((f) => /^dita-workbench-.*\.tgz$/.test(f));
  expect(packed).toHaveLength(1);
  tarball = join(work, packed[0]!);
  project = join(work, 'project');
  ok(run('mkdir', [project], work), 'mkdir');
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'team-project', private: true, type: 'module' }, null, 2)}\n`);
  ok(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project, {}, INSTALL_TIMEOUT_MS), 'npm install');
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('ships the built JavaScript, declarations, schemas, spec and invariant sources, and no TypeScript sources or tests', () => {
    const files = ok(run('tar', ['tzf', tarball], work), 'tar').stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['bin/workbench.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js', 'dist/src/gate/parallel/worker.js',
      'dist/schemas/counterexample.schema.json', 'schemas/fills.schema.json', 'spec/invariants.md', 'properties/INV-K-NO-OVERSELL.ts', 'README.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|tests|bench|reports|examples|corpus|scripts)\//.test(f) || f.endsWith('.test.ts'))).toEqual([]);
    // Declarations name the .js files that ship, not the .ts sources that do not.
    expect(files.filter((f) => f.endsWith('.d.ts')).length).toBeGreaterThan(50);
  });

  test('installs without its TypeScript sources and without the optional peers', () => {
    const pkg = join(project, 'node_modules', 'dita-workbench');
    expect(existsSync(join(pkg, 'dist', 'src', 'index.js'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'mermaid'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'playwright-core'))).toBe(false);
  });
});

describe('installed into an empty project', () => {
  test('npx workbench gate --profile smoke passes (exit 0)', () => {
    const r = npx(['gate', '--profile', 'smoke']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('PASSED: every invariant held');
  });

  test('plain Node imports the library by name (no tsx) and runs the reference kernel through the catalogue', () => {
    const script = [
      "import { CATALOGUE, GATE_CONFIG, REFERENCE, checkExecution, executeActions, gateCaseArb, kernel } from 'dita-workbench';",
      "import { FAMILIES } from 'dita-workbench/rows';",
      "import fc from 'fast-check';",
      'const [gcase] = fc.sample(gateCaseArb(GATE_CONFIG.slotCount, 30), { seed: 7, numRuns: 1 });',
      'const exec = executeActions(REFERENCE, GATE_CONFIG, gcase.actions);',
      'const out = { invariants: CATALOGUE.length, families: FAMILIES.length, violations: checkExecution(exec, CATALOGUE).violations.length,',
      "  steps: exec.trace.records.length, decimal: new kernel.Decimal('0.1').plus('0.2').toString(), hooks: process.execArgv.filter((a) => /^--(import|loader|experimental-loader|require)/.test(a)) };",
      'console.log(JSON.stringify(out));',
    ].join('\n');
    // fast-check comes with the workbench (a dependency): a team's property imports it the same way.
    const r = run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ families: 8, violations: 0, decimal: '0.3', hooks: [] });
    expect(out['invariants']).toBeGreaterThan(10);
    expect(out['steps']).toBeGreaterThan(0);
  });

  test('a TypeScript --kernel module of the team loads (tsx only for it): the reference passes, a kernel without the clamp fails', () => {
    writeFileSync(join(project, 'kernel.ts'), [
      "import { kernel, rowsForRun, type SystemUnderTest } from 'dita-workbench';",
      '',
      "export const sut: SystemUnderTest = { name: 'team kernel', step: kernel.step, writeRows: (records) => rowsForRun(records) };",
      '',
    ].join('\n'));
    writeFileSync(join(project, 'overselling.ts'), [
      "import { kernel, rowsForRun, type SystemUnderTest } from 'dita-workbench';",
      '',
      '// An EXIT asking more than remains is sent as asked: the overshoot clamp removed.',
      'export const sut: SystemUnderTest = {',
      "  name: 'team kernel without the clamp',",
      '  step: (state, input) => {',
      '    const real = kernel.step(state, input);',
      "    if (real.outcome.diagnosticCode !== 'EXIT_CLAMPED') return real;",
      '    const asked = new kernel.Decimal(String((input as { intent: { targetSize: string } }).intent.targetSize));',
      "    return { ...real, commands: real.commands.map((c) => (c.type === 'SubmitOrder' ? { ...c, qty: asked } : c)) };",
      '  },',
      '  writeRows: (records) => rowsForRun(records),',
      '};',
      '',
    ].join('\n'));
    const good = npx(['gate', '--profile', 'smoke', '--kernel', './kernel.ts']);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('on team kernel');
    const bad = npx(['gate', '--profile', 'smoke', '--kernel', './overselling.ts']);
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stdout).toContain('✗ INV-K-NO-OVERSELL');
  });

  test('the team\'s TypeScript compiler checks code against the shipped declarations (strict, no skipLibCheck)', () => {
    writeFileSync(join(project, 'typed.ts'), [
      "import { CATALOGUE, GATE_CONFIG, REFERENCE, executeActions, type GateResult, type SystemUnderTest } from 'dita-workbench';",
      "import { FAMILIES, type Family } from 'dita-workbench/rows';",
      'const sut: SystemUnderTest = REFERENCE;',
      'const family: Family = FAMILIES[0]!;',
      'const ids: readonly string[] = CATALOGUE.map((i) => i.id);',
      'export const summary = { sut: sut.name, family, ids, slots: GATE_CONFIG.slotCount, run: executeActions, status: null as GateResult["status"] | null };',
      '',
    ].join('\n'));
    writeFileSync(join(project, 'wrong.ts'), "import { REFERENCE } from 'dita-workbench';\nexport const n: number = REFERENCE.name;\n");
    const tsconfig = (files: readonly string[]) => JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false,
        allowImportingTsExtensions: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      files,
    });
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(join(project, 'tsconfig.json'), tsconfig(['typed.ts', 'kernel.ts', 'overselling.ts']));
    const good = run(process.execPath, [tsc, '-p', '.'], project);
    expect(good.status, good.stdout).toBe(0);
    // The declarations carry real types: a string is not a number.
    writeFileSync(join(project, 'tsconfig.json'), tsconfig(['wrong.ts']));
    const bad = run(process.execPath, [tsc, '-p', '.'], project);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain("Type 'string' is not assignable to type 'number'");
  });

  test('--svg without mermaid and playwright-core (optional peers) is one line and exit 2, before any gate runs', () => {
    const r = npx(['report', '--title', 'svg', '--out', 'svg-report.md', '--svg'], { CHROMIUM_PATH: join(work, 'no-chromium') });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--svg needs mermaid and playwright-core');
    expect(lines[0]).toContain('npm install --save-dev mermaid playwright-core');
    expect(lines[0]).toContain(`Chromium at ${join(work, 'no-chromium')}`);
    expect(r.stdout).toBe('');
    expect(existsSync(join(project, 'svg-report.md'))).toBe(false);
  });
});
