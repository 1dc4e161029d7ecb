// reports/mutation.md from a Stryker JSON report: counts, score, survivors with their code, equivalents apart.
import { describe, expect, it } from 'vitest';
import type { MutantResult, MutationTestResult } from 'mutation-testing-report-schema';
import { cell, renderMutationMarkdown, type MutationReportMeta } from '../../src/mutation/renderMutationMarkdown.ts';
import { merge, summarizeMutants, textAt } from '../../src/mutation/summarizeMutants.ts';

const SOURCE = ['export function f(a: number) {', '  if (a > 1) return a | 1;', '  return 0;', '}'].join('\n');

function mutant(id: string, status: MutantResult['status'], line: number, col: number, endCol: number, mutatorName: string, replacement: string): MutantResult {
  return { id, status, mutatorName, replacement, location: { start: { line, column: col }, end: { line, column: endCol } } };
}

const REPORT: MutationTestResult = {
  schemaVersion: '2', thresholds: { high: 95, low: 80 },
  files: {
    'src/b.ts': { language: 'typescript', source: SOURCE, mutants: [mutant('4', 'Killed', 3, 10, 11, 'NumericLiteral', '1')] },
    'src/a.ts': {
      language: 'typescript', source: SOURCE,
      mutants: [
        mutant('3', 'Survived', 2, 21, 26, 'ArithmeticOperator', 'a & 1'),
        mutant('1', 'Killed', 2, 7, 12, 'EqualityOperator', 'a >= 1'),
        mutant('2', 'Timeout', 2, 7, 12, 'ConditionalExpression', 'true'),
        mutant('5', 'NoCoverage', 3, 3, 12, 'BlockStatement', '{}'),
      ],
    },
  },
};

const META: MutationReportMeta = {
  command: 'npm run mutate', partCommands: [], gitCommit: 'abc123', date: '2026-12-02', durationS: 61.4, concurrency: 2, incremental: false, scopeNotes: ['scope'], targetPct: 95,
};

describe('summarizeMutants', () => {
  it('counts statuses and scores detected ÷ (killed + timeout + survived + no coverage)', () => {
    const s = summarizeMutants(REPORT, []);
    expect([s.counts.Killed, s.counts.Timeout, s.counts.Survived, s.counts.NoCoverage, s.total]).toEqual([2, 1, 1, 1, 5]);
    expect([s.detected, s.valid, s.score]).toEqual([3, 5, 60]);
    expect(s.files.map((f) => [f.file, f.mutants, f.detected, f.undetected])).toEqual([['src/a.ts', 4, 2, 2], ['src/b.ts', 1, 1, 0]]);
  });

  it('lists survivors by file and line with the code they replace', () => {
    const s = summarizeMutants(REPORT, []);
    expect(s.survivors.map((m) => [m.file, m.line, m.status, m.original, m.replacement])).toEqual([
      ['src/a.ts', 2, 'Survived', 'a | 1', 'a & 1'],
      ['src/a.ts', 3, 'NoCoverage', 'return 0;', '{}'],
    ]);
  });

  it('moves a listed equivalent mutant out of the survivors and out of the non-equivalent score', () => {
    const s = summarizeMutants(REPORT, [{ file: 'src/a.ts', mutator: 'ArithmeticOperator', original: 'a | 1', replacement: 'a & 1', reason: 'a is odd here' }]);
    expect(s.survivors.map((m) => m.id)).toEqual(['5']);
    expect(s.equivalent.map((m) => [m.id, m.reason])).toEqual([['3', 'a is odd here']]);
    expect([s.score, s.scoreNonEquivalent]).toEqual([60, 75]);
  });

  it('reads multi-line locations', () => {
    expect(textAt(SOURCE, mutant('9', 'Survived', 1, 30, 31, 'BlockStatement', '{}'))).toBe('{');
    expect(textAt(SOURCE, { ...mutant('9', 'Survived', 1, 30, 0, 'BlockStatement', '{}'), location: { start: { line: 1, column: 30 }, end: { line: 4, column: 2 } } })).toBe(SOURCE.slice(29));
  });
});

describe('renderMutationMarkdown', () => {
  const md = renderMutationMarkdown(summarizeMutants(REPORT, []), META);

  it('starts with the command that made it, then the score against the target', () => {
    expect(md.split('\n').slice(0, 4)).toEqual(['# Mutation score: the gate over the reference kernel and the row writer', '', '```sh', 'npm run mutate']);
    expect(md).toContain('**60.00 %** of 5 mutants detected');
    expect(md).toContain('Target ≥ 95 % of non-equivalent mutants: **not met**');
    expect(md).toContain('61 s at concurrency 2');
  });

  it('has a survivor table per file, escaping pipes in code', () => {
    expect(md).toContain('### `src/a.ts` (2)');
    expect(md).toContain('| 2:21 | ArithmeticOperator | Survived | `a \\| 1` | `a & 1` |');
    expect(md).not.toContain('### `src/b.ts`');
  });

  it('shows the commands that made the parts of a merged report before the rendering command', () => {
    const merged = renderMutationMarkdown(summarizeMutants(REPORT, []), { ...META, partCommands: ['npx stryker run --mutate src/a.ts'], command: 'npm run mutate -- --from a.json' });
    expect(merged.split('\n').slice(2, 6)).toEqual(['```sh', 'npx stryker run --mutate src/a.ts', 'npm run mutate -- --from a.json', '```']);
  });

  it('marks static survivors and warns about them', () => {
    const withStatic: MutationTestResult = { ...REPORT, files: { ...REPORT.files, 'src/a.ts': { ...REPORT.files['src/a.ts']!, mutants: REPORT.files['src/a.ts']!.mutants.map((m) => (m.id === '3' ? { ...m, static: true } : m)) } } };
    const out = renderMutationMarkdown(summarizeMutants(withStatic, []), META);
    expect(out).toContain('| 2:21 | ArithmeticOperator | Survived (static) |');
    expect(out).toContain('1 of the survivors are *static* mutants');
    expect(md).not.toContain('(static)');
  });

  it('keeps ignored mutants out of the score and lists them by file and reason', () => {
    const ignored = (id: string, reason: string): MutantResult => ({ ...mutant(id, 'Ignored', 3, 3, 12, 'BlockStatement', '{}'), statusReason: reason });
    const withIgnored: MutationTestResult = { ...REPORT, files: { ...REPORT.files, 'src/c.ts': { language: 'typescript', source: SOURCE, mutants: [ignored('6', 'seed path'), ignored('7', 'seed path')] } } };
    const s = summarizeMutants(withIgnored, []);
    expect([s.counts.Ignored, s.valid, s.score]).toEqual([2, 5, 60]);
    expect(s.ignored).toEqual([{ file: 'src/c.ts', reason: 'seed path', count: 2 }]);
    expect(renderMutationMarkdown(s, META)).toContain('| `src/c.ts` | 2 | seed path |');
  });

  it('an equivalent entry with `within` claims only mutants on a line containing that text', () => {
    const entry = { file: 'src/a.ts', mutator: 'ArithmeticOperator', original: 'a | 1', replacement: 'a & 1', reason: 'r' };
    expect(summarizeMutants(REPORT, [{ ...entry, within: 'return a | 1' }]).equivalent.map((m) => m.id)).toEqual(['3']);
    expect(summarizeMutants(REPORT, [{ ...entry, within: 'return 0' }]).equivalent).toEqual([]);
  });

  it('merges parts: a file measured twice keeps every mutant, the later result winning for one measured in both', () => {
    const later: MutationTestResult = { ...REPORT, files: { 'src/a.ts': { language: 'typescript', source: SOURCE, mutants: [mutant('3', 'Killed', 2, 21, 26, 'ArithmeticOperator', 'a & 1')] } } };
    const s = summarizeMutants(merge([REPORT, later]), []);
    expect([s.counts.Killed, s.counts.Survived, s.total]).toEqual([3, 0, 5]);
  });

  it('has an equivalent-mutants section even when none is claimed', () => {
    expect(md).toContain('## Equivalent mutants');
    expect(md).toContain('None claimed');
  });

  it('fits code into one table cell', () => {
    expect(cell('  a\n   b  ')).toBe('`a b`');
    expect(cell('`x`')).toBe('`` `x` ``');
    expect(cell('')).toBe('(empty)');
    expect(cell('x'.repeat(300)).length).toBeLessThan(150);
  });
});
