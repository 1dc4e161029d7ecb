// The reliability catalogue as a test (issue 12): spec/reliability.md's table and the cases here are the same
// list, one test per row, each under its own deadline; a hang, an exit 3 or a process left behind fails it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES } from './catalogue.ts';
import { ROOT } from './harness.ts';
import { catalogueRow } from './specTable.ts';

const spec = readFileSync(join(ROOT, 'spec/reliability.md'), 'utf8');
const specRows = spec.split('\n').filter((l) => /^\| R-[A-Z]+-\d{3} \|/.test(l));

describe('spec/reliability.md catalogue', () => {
  it('has at least 150 cases, and its table lists exactly the cases tested here, in order', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    expect(specRows).toEqual(CASES.map(catalogueRow));
  });

  for (const c of CASES) {
    it(`${c.id} ${c.title}`, c.run, c.timeoutMs ?? 30_000);
  }
});
