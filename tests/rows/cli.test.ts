// The row outputs of the CLI, run as a user would: `workbench run FILE --rows DIR` and `workbench ddl`.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES, columnsOf, formatRowIssue, validateRow } from '../../src/rows/index.ts';
import { ROOT, workbench } from '../cli/helpers.ts';

const scenarios = readdirSync(join(ROOT, 'examples/scenarios')).filter((f) => f.endsWith('.json')).sort();

describe('workbench run FILE --rows DIR', () => {
  for (const scenario of scenarios) {
    it(`${scenario}: one NDJSON file per family, every line a valid row with its columns in schema order`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'wb-rows-'));
      const r = workbench(['run', join('examples/scenarios', scenario), '--rows', dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`rows written to ${dir}`);
      expect(readdirSync(dir).sort()).toEqual(FAMILIES.map((f) => `${f}.ndjson`).sort());
      let total = 0;
      for (const family of FAMILIES) {
        const lines = readFileSync(join(dir, `${family}.ndjson`), 'utf8').split('\n').filter(Boolean);
        for (const line of lines) {
          const row = JSON.parse(line) as Record<string, unknown>;
          expect(Object.keys(row), family).toEqual([...columnsOf(family)]);
          expect(validateRow(family, row).map(formatRowIssue), line).toEqual([]);
        }
        total += lines.length;
      }
      const outcomes = readFileSync(join(dir, 'kernel_outcomes.ndjson'), 'utf8').split('\n').filter(Boolean).length;
      expect(outcomes).toBeGreaterThan(0);
      expect(total).toBeGreaterThan(outcomes);
    });
  }

  it('the same scenario written twice gives byte-identical files (fixed key order, no clock)', () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'wb-rows-a-')), mkdtempSync(join(tmpdir(), 'wb-rows-b-'))];
    for (const dir of [a, b]) expect(workbench(['run', 'examples/scenarios/multi-slot-fees.json', '--rows', dir]).status).toBe(0);
    for (const family of FAMILIES) {
      const bytes = readFileSync(join(a, `${family}.ndjson`), 'utf8');
      expect(bytes, family).toBe(readFileSync(join(b, `${family}.ndjson`), 'utf8'));
    }
  });

  it('an unwritable --rows path is a usage error (exit 2) naming the flag and the path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-rows-')), 'a-file');
    writeFileSync(file, 'not a directory');
    const r = workbench(['run', 'examples/scenarios/seed-two-leg-exit.json', '--rows', join(file, 'sub')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--rows ${join(file, 'sub')}`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('workbench ddl', () => {
  it('prints one CREATE TABLE per family with the schema columns in order', () => {
    const r = workbench(['ddl']);
    expect(r.status, r.stderr).toBe(0);
    for (const family of FAMILIES) {
      const m = new RegExp(`CREATE TABLE IF NOT EXISTS ${family}\\n\\(\\n([\\s\\S]*?)\\n\\)\\nENGINE = MergeTree`).exec(r.stdout);
      expect(m, family).not.toBeNull();
      expect(m![1]!.split(',\n').map((l) => l.trim().split(' ')[0])).toEqual([...columnsOf(family)]);
    }
  });

  it('--database qualifies every table and creates the database', () => {
    const r = workbench(['ddl', '--database', 'blue_compat']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('CREATE DATABASE IF NOT EXISTS blue_compat;')).toBe(true);
    expect(r.stdout.match(/CREATE TABLE IF NOT EXISTS blue_compat\.\w+/g)).toHaveLength(FAMILIES.length);
  });

  it('a database name that is not an identifier is a usage error naming the option and the value', () => {
    const r = workbench(['ddl', '--database', 'x; DROP TABLE y']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--database');
    expect(r.stderr).toContain('"x; DROP TABLE y"');
  });
});
