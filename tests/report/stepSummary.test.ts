// GITHUB_STEP_SUMMARY: the verdict line and summary table are appended when the variable names a file, and
// nothing happens without it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepSummary } from '../../src/report/index.ts';
import { DROPS_PNL_LEG, gateRun } from './gateRuns.ts';

describe('appendStepSummary', () => {
  it('appends the verdict and the summary table to the file GITHUB_STEP_SUMMARY names', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'step-summary-')), 'summary.md');
    writeFileSync(file, 'earlier step\n');
    expect(appendStepSummary(gateRun(DROPS_PNL_LEG), { GITHUB_STEP_SUMMARY: file })).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('earlier step\n### workbench gate\n')).toBe(true);
    expect(text).toContain('**Verdict: ❌ FAIL**');
    expect(text).toMatch(/\| Invariants violated +\| 3 +\|/);
  });

  it('does nothing without GITHUB_STEP_SUMMARY', () => {
    expect(appendStepSummary(gateRun(), {})).toBe(false);
  });
});
