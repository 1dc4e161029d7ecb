// Nothing lost: files are replaced atomically (temp file + rename, no torn or stray files), and a finding is
// printed before any attempt to save it; a failed save is a warning, never exit 3.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bin, cli, expectUsage, tmp } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { gateJson, SCENARIO, scratch } from '../fixtures.ts';
import { writeFileAtomicSync } from '../../../src/cli/io/atomicWrite.ts';

const BROKEN = 'tests/fixtures/broken/noClamp.ts';

export const writeCases: Case[] = numbered('R-WRT', 'writes', [
  {
    title: 'a report replaces its old file by rename (new inode), and leaves no temporary file',
    run: async () => {
      const dir = tmp();
      const md = join(dir, 'r.md');
      writeFileSync(md, 'old');
      const inode = statSync(md).ino;
      expect((await cli(['report', '--title', 'T', '--from', await gateJson(), '--out', md])).code).toBe(0);
      expect(statSync(md).ino).not.toBe(inode);
      expect(readdirSync(dir).sort()).toEqual(['r.charts', 'r.json', 'r.md']);
    },
  },
  {
    title: 'an atomic write into a folder under /proc (mkdir answers ENOENT) fails at once instead of looping',
    run: async () => {
      expect(() => writeFileAtomicSync('/proc/wb-no/x/y.json', '{}')).toThrow(/ENOENT/);
    },
  },
  {
    title: '`run --rows` writes every family file by rename, no temporary file left',
    run: async () => {
      const dir = tmp();
      expect((await cli(['run', SCENARIO, '--rows', dir])).code).toBe(0);
      const names = readdirSync(dir);
      expect(names.filter((n) => n.endsWith('.ndjson'))).toHaveLength(8);
      expect(names.filter((n) => n.includes('.tmp'))).toEqual([]);
    },
  },
  {
    title: '`gate --counterexamples` unwritable: the violation is printed, then a warning, exit 1 (was exit 3, finding lost)',
    timeoutMs: 90_000,
    run: async () => {
      const r = await bin(['gate', '--profile', 'smoke', '--runs', '30', '--no-corpus', '--kernel', BROKEN, '--counterexamples', '/proc/wb-no/cx']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✗ INV-K-NO-OVERSELL');
      expect(r.stderr).toMatch(/warning: counterexample not saved/);
    },
  },
  {
    title: '`fuzz --out` unwritable: the finding is printed, then a warning, exit 1 (was exit 3)',
    timeoutMs: 90_000,
    run: async () => {
      const r = await bin(['fuzz', '--adapter', 'tests/fixtures/adapters/no-dedupe.ts', '--runs', '40', '--out', '/proc/wb-no/fuzz']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('FAILED');
      expect(r.stderr).toContain('warning: replay file not saved');
    },
  },
  {
    title: '`gate --junit` unwritable on a passing run → result printed, warning, exit 2',
    run: async () => {
      const r = await cli(['gate', '--profile', 'smoke', '--runs', '5', '--junit', '/proc/wb-no/j.xml']);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain('PASSED');
      expect(r.stderr).toContain('warning: JUnit XML not saved');
    },
  },
  {
    title: 'GITHUB_STEP_SUMMARY unwritable → a warning, exit 2 on a pass (was exit 3)',
    run: async () => {
      const r = await cli(['gate', '--profile', 'smoke', '--runs', '5'], { GITHUB_STEP_SUMMARY: '/proc/wb-no/summary.md' });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('GITHUB_STEP_SUMMARY');
    },
  },
  {
    title: '`gate --junit` naming the --kernel module → exit 2 naming both, the module untouched',
    run: async () => {
      const dir = tmp();
      const mod = join(dir, 'k.ts');
      writeFileSync(mod, 'export const x = 1;\n');
      expectUsage(await cli(['gate', '--kernel', mod, '--junit', mod]), '--junit', '--kernel');
      expect(readFileSync(mod, 'utf8')).toBe('export const x = 1;\n');
    },
  },
  {
    title: 'a --counterexamples folder that is also the --corpus: the finding is reported (exit 1), corpus files never overwritten',
    timeoutMs: 90_000,
    run: async () => {
      const dir = join(scratch(), 'cx-as-corpus');
      mkdirSync(dir, { recursive: true });
      const first = await bin(['gate', '--profile', 'smoke', '--runs', '30', '--no-corpus', '--kernel', BROKEN, '--counterexamples', dir]);
      expect(first.code).toBe(1);
      const before = Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
      const again = await bin(['gate', '--profile', 'smoke', '--runs', '30', '--kernel', BROKEN, '--corpus', dir, '--counterexamples', dir]);
      expect(again.code).toBe(1);
      expect(again.stdout).toContain('✗');
      for (const [n, text] of Object.entries(before)) expect(readFileSync(join(dir, n), 'utf8')).toBe(text);
    },
  },
]);
