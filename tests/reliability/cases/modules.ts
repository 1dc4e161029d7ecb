// Modules under test come only from the command line, load wherever they live (TypeScript outside a
// "type": "module" package too), and a module that misbehaves is a finding or a named usage error, never 3.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bin, expectFinding, expectUsage, ROOT, tmp } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { COUNTEREXAMPLE } from '../fixtures.ts';

const M = 'tests/fixtures/modules';
const W = 'tests/fixtures/watchdog';
const SLOW = 90_000;
const PARITY_COUNTEREXAMPLE = join(ROOT, 'examples/python/counterexamples/float-kernel-commands-qty.json');

/** A TypeScript kernel in a folder outside this package (optionally under a CommonJS package.json). */
function outsideKernel(withPackageJson: boolean): string {
  const dir = tmp('wb-ext-');
  if (withPackageJson) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'their-kernel', version: '1.0.0' }));
  mkdirSync(join(dir, 'src'), { recursive: true });
  const path = join(dir, 'src', 'my-kernel.ts');
  writeFileSync(path, `import { REFERENCE } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};\nexport const sut = { ...REFERENCE, name: 'their-kernel' };\n`);
  return path;
}

export const moduleCases: Case[] = numbered('R-MOD', 'modules', [
  { title: '`gate --kernel` a missing file → exit 2 "no such file"', timeoutMs: SLOW, run: async () => expectUsage(await bin(['gate', '--kernel', 'nope/missing.ts']), '--kernel', 'no such file') },
  {
    title: '`--kernel my-kernel.ts` inside a CommonJS package (no "type": "module") loads and runs, exit 0 (was "Cannot require() ES Module … in a cycle")',
    timeoutMs: SLOW,
    run: async () => {
      const r = await bin(['gate', '--profile', 'smoke', '--runs', '5', '--no-corpus', '--kernel', outsideKernel(true)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('their-kernel');
    },
  },
  {
    title: '`--kernel` a TypeScript file in a folder with no package.json at all loads, exit 0',
    timeoutMs: SLOW,
    run: async () => {
      const r = await bin(['gate', '--profile', 'smoke', '--runs', '5', '--no-corpus', '--kernel', outsideKernel(false)]);
      expect(r.code).toBe(0);
    },
  },
  {
    title: 'a module that does not parse → exit 2 naming it',
    timeoutMs: SLOW,
    run: async () => {
      const path = join(tmp(), 'syntaxError.ts');
      writeFileSync(path, 'export const sut = {;\n');
      expectUsage(await bin(['gate', '--kernel', path]), '--kernel', 'syntaxError.ts', 'cannot load module');
    },
  },
  { title: 'a module without `sut` → exit 2 "must export `sut`"', timeoutMs: SLOW, run: async () => expectUsage(await bin(['gate', '--kernel', `${M}/noExport.ts`]), 'must export') },
  { title: 'a module that throws while loading → exit 2 with its message', timeoutMs: SLOW, run: async () => expectUsage(await bin(['gate', '--kernel', `${M}/throwsOnLoad.ts`]), 'refusing to load') },
  {
    title: 'a top-level await that never settles → a finding about the module after the load deadline, exit 1 (was exit 13, no message)',
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['gate', '--kernel', `${M}/neverSettles.ts`]), 'INV-K-STEP-RETURNS', 'while loading the module'),
  },
  { title: 'WORKBENCH_MODULE_LOAD_TIMEOUT_MS=abc → exit 2 naming the variable, its range and the value', timeoutMs: SLOW, run: async () => expectUsage(await bin(['replay', COUNTEREXAMPLE, '--kernel', `${M}/noExport.ts`], { env: { WORKBENCH_MODULE_LOAD_TIMEOUT_MS: 'abc' } }), 'WORKBENCH_MODULE_LOAD_TIMEOUT_MS', '"abc"') },
  { title: 'a step that returns garbage → a finding about that module (exit 1, named), was exit 3', timeoutMs: SLOW, run: async () => expectFinding(await bin(['gate', '--profile', 'smoke', '--runs', '5', '--no-corpus', '--kernel', `${M}/garbageStep.ts`]), 'garbage-step: step returned number') },
  { title: 'an async step → a finding "step returned a Promise" (exit 1), was exit 3', timeoutMs: SLOW, run: async () => expectFinding(await bin(['gate', '--profile', 'smoke', '--runs', '5', '--no-corpus', '--kernel', `${M}/asyncStep.ts`]), 'step returned a Promise') },
  { title: '`replay FILE --kernel` a garbage step → exit 1 naming the module\'s fault', timeoutMs: SLOW, run: async () => expectFinding(await bin(['replay', COUNTEREXAMPLE, '--kernel', `${M}/garbageStep.ts`]), 'INV-K-STEP-CONTRACT') },
  {
    title: '`parity --candidate` a TypeScript kernel outside this package loads and is in parity, exit 0',
    timeoutMs: SLOW,
    run: async () => {
      const r = await bin(['parity', '--candidate', outsideKernel(true), '--runs', '5']);
      expect(r.code).toBe(0);
    },
  },
  { title: '`fuzz --adapter` a missing file → exit 2 "no such file"', timeoutMs: SLOW, run: async () => expectUsage(await bin(['fuzz', '--adapter', 'nope/adapter.ts']), '--adapter', 'no such file') },
  // Parity and the adapter fuzz run a module in the pool's workers under the watchdog, as the gate does.
  {
    title: '`parity --candidate` a step that loops forever → a finding INV-K-STEP-RETURNS after --step-deadline, exit 1 (was: hung forever)',
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['parity', '--candidate', `${W}/loopsForever.ts`, '--runs', '20', '--step-deadline', '2', '--no-counterexamples']), 'INV-K-STEP-RETURNS', 'did not return within 2 s'),
  },
  {
    title: '`parity --candidate` a step that calls process.exit → a finding naming process.exit, exit 1 (never a pass)',
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['parity', '--candidate', `${W}/exitsProcess.ts`, '--runs', '20', '--no-counterexamples']), 'process.exit(0)'),
  },
  {
    title: '`parity --candidate` a step that returns garbage → a finding INV-K-STEP-CONTRACT, exit 1 (was exit 3)',
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['parity', '--candidate', `${M}/garbageStep.ts`, '--runs', '20', '--no-counterexamples']), 'INV-K-STEP-CONTRACT'),
  },
  {
    title: '`parity --candidate` a looping step with `--time-budget 15` and a 10-minute step deadline → stops at the budget with the stuck step as its finding, exit 1',
    timeoutMs: SLOW,
    run: async () => {
      const t0 = Date.now();
      const r = await bin(['parity', '--candidate', `${W}/loopsForever.ts`, '--runs', '20', '--step-deadline', '600', '--time-budget', '15', '--no-counterexamples']);
      expectFinding(r, 'INV-K-STEP-RETURNS', 'time budget');
      expect(Date.now() - t0).toBeLessThan(60_000);
    },
  },
  {
    title: '`fuzz --adapter` a handle() that loops forever → a finding INV-A-ANSWERS after --step-deadline, exit 1 (was: hung forever)',
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['fuzz', '--adapter', `${W}/loopingAdapter.ts`, '--runs', '20', '--step-deadline', '2', '--out', tmp('wb-fz-')]), 'INV-A-ANSWERS', 'did not return within 2 s'),
  },
  {
    title: '`fuzz --adapter` a handle() that calls process.exit → a finding INV-A-ANSWERS naming process.exit, exit 1 (never a pass)',
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['fuzz', '--adapter', `${W}/exitingAdapter.ts`, '--runs', '20', '--out', tmp('wb-fz-')]), 'INV-A-ANSWERS', 'process.exit(0)'),
  },
  {
    title: '`fuzz --adapter` a looping handle() with `--time-budget 15` and a 10-minute deadline → stops at the budget with the stuck call as its finding, exit 1',
    timeoutMs: SLOW,
    run: async () => {
      const t0 = Date.now();
      const r = await bin(['fuzz', '--adapter', `${W}/loopingAdapter.ts`, '--runs', '20', '--step-deadline', '600', '--time-budget', '15', '--out', tmp('wb-fz-')]);
      expectFinding(r, 'INV-A-ANSWERS', 'time budget');
      expect(Date.now() - t0).toBeLessThan(60_000);
    },
  },
  {
    title: "`replay FILE --kernel` a module whose step loops forever on the file's inputs → a finding INV-K-STEP-RETURNS after the step deadline, exit 1 (was: hung forever)",
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['replay', COUNTEREXAMPLE, '--kernel', `${W}/loopsForever.ts`]), 'INV-K-STEP-RETURNS', 'did not return'),
  },
  {
    title: "`replay FILE --kernel` a module whose step returns garbage → a finding INV-K-STEP-CONTRACT, exit 1",
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['replay', COUNTEREXAMPLE, '--kernel', `${W}/malformedResult.ts`]), 'INV-K-STEP-CONTRACT'),
  },
  {
    title: "`replay FILE --candidate` (a parity counterexample) a module whose step loops forever → a finding INV-K-STEP-RETURNS after the step deadline, exit 1 (was: hung forever)",
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['replay', PARITY_COUNTEREXAMPLE, '--candidate', `${W}/loopsForever.ts`]), 'INV-K-STEP-RETURNS', 'did not return'),
  },
  {
    title: "`replay FILE --candidate` a module whose step returns garbage → a finding INV-K-STEP-CONTRACT, exit 1",
    timeoutMs: SLOW,
    run: async () => expectFinding(await bin(['replay', PARITY_COUNTEREXAMPLE, '--candidate', `${W}/malformedResult.ts`]), 'INV-K-STEP-CONTRACT'),
  },
]);
