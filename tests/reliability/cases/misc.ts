// CI services, escaping wherever users' text is shown, and the example adapter that users copy.
import { expect } from 'vitest';
import { bin } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { servicesRequired, skipOrFail } from '../service.ts';
import { paintCell, renderTable } from '../../../src/cli/output.ts';
import { showValue } from '../../../src/cli/showValue.ts';
import { toJUnit } from '../../../src/gate/junit.ts';
import { mdText } from '../../../src/report/format.ts';
import { formatIssue } from '../../../src/schema/ajv.ts';
import { readJson, gateJson } from '../fixtures.ts';
import type { GateResult } from '../../../src/gate/result.ts';

export const ciCases: Case[] = numbered('R-CI', 'CI services', [
  {
    title: 'under CI=true a missing service (ClickHouse, Chromium) fails the test, naming the service',
    run: async () => {
      expect(servicesRequired({ CI: 'true' })).toBe(true);
      expect(() => skipOrFail({ skip: () => undefined }, 'ClickHouse', 'CLICKHOUSE_URL is not set', { CI: 'true' })).toThrow(/ClickHouse is required under CI=true/);
    },
  },
  {
    title: 'without CI a missing service skips the test with the reason',
    run: async () => {
      const reasons: string[] = [];
      skipOrFail({ skip: (r?: string) => void reasons.push(r ?? '') }, 'Chromium', 'no Chromium', {});
      expect(reasons).toEqual(['no Chromium']);
      expect(servicesRequired({ CI: '' })).toBe(false);
    },
  },
]);

export const escapeCases: Case[] = numbered('R-ESC', 'escaping', [
  {
    title: 'terminal tables escape ESC, BEL and newlines in cells and keep the workbench\'s own colours',
    run: async () => {
      const t = renderTable(['id'], [['T\u001b[2J\u0007\nX'], [paintCell(true, 'red', 'ok')]]);
      expect(t).toContain('T\\u001b[2J\\u0007\\nX');
      expect(t).toContain('\u001b[31mok\u001b[0m');
      expect(t.split('\n')).toHaveLength(4);
    },
  },
  {
    title: 'JUnit XML escapes ids and messages with control characters (no character XML 1.0 forbids)',
    run: async () => {
      const g = readJson(await gateJson()) as GateResult;
      const evil = { ...g, meta: { ...g.meta, profile: 'p\u0000\u001b"<x>' }, invariants: g.invariants.map((i) => ({ ...i, title: `${i.title}\u0001\u001b[2J\n<b>` })) };
      const xml = toJUnit(evil as GateResult);
      // eslint-disable-next-line no-control-regex
      expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)).toBe(false);
      expect(xml).not.toContain('<b>');
      expect(xml).toContain('\\u001b[2J');
    },
  },
  {
    title: 'a 50 MB wrong-typed value is shown cut to a few dozen characters, at once',
    run: async () => {
      const shown = showValue('x'.repeat(50_000_000));
      expect(shown.length).toBeLessThan(200);
      expect(shown).toContain('(50000000 chars)');
    },
  },
  {
    title: 'Markdown text escapes newlines, so a title or id cannot start a heading or a table row',
    run: async () => {
      const md = mdText('a\n# b\n| c |');
      expect(md.includes('\n')).toBe(false);
    },
  },
  {
    title: 'schema issues escape control characters in the field and the value',
    run: async () => {
      const line = formatIssue({ path: '/a\u001b', field: 'a\u001b[2J', value: 'v\u001b\n', rule: 'type', message: 'must be number' });
      // eslint-disable-next-line no-control-regex
      expect(/[\u0000-\u001f]/.test(line)).toBe(false);
    },
  },
]);

export const exampleCases: Case[] = numbered('R-EXA', 'examples', [
  {
    title: 'examples/python/example_adapter.py passes `workbench fuzz --adapter-cmd` under the default profile (exit 0)',
    timeoutMs: 180_000,
    run: async () => {
      const r = await bin(['fuzz', '--adapter-cmd', 'python3 examples/python/example_adapter.py', '--out', '/tmp'], { timeoutMs: 170_000 });
      expect(r.code, r.stdout.slice(-2000)).toBe(0);
      expect(r.stdout).toContain('PASSED');
    },
  },
  {
    title: 'the deliberately broken variant (never queries a timed-out submit) is a finding, exit 1',
    timeoutMs: 180_000,
    run: async () => {
      const r = await bin(['fuzz', '--adapter-cmd', 'python3 examples/python/broken_adapter_never_queries.py', '--runs', '300', '--out', '/tmp'], { timeoutMs: 170_000 });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('INV-A-RECONCILED');
    },
  },
]);
