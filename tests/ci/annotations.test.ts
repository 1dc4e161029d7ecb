// GitHub annotations: escaping per the workflow-commands rules, and what gate, parity and fuzz print under
// Actions (GITHUB_ACTIONS=true) — on stderr, so `--json` output stays parseable — and nothing outside it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateAnnotations, invariantFile, parityFile } from '../../src/ci/annotations.ts';
import { errorCommand, escapeData, escapeProperty, underGitHubActions } from '../../src/ci/workflowCommands.ts';
import { ROOT, workbench } from '../cli/helpers.ts';
import { DROPS_PNL_LEG, gateRun } from '../report/gateRuns.ts';

/** What the runner does to a property or message: the inverse of the escaping. */
function unescape(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('workflow-command escaping', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties; the runner\'s unescaping gives the text back', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('INV-X: a,b 5%\n')).toBe('INV-X%3A a%2Cb 5%25%0A');
    // % first: an already escaped-looking text is not double-read.
    expect(escapeData('%0A')).toBe('%250A');
    for (const s of ['a%0Ab', 'x:y,z\n%', '']) expect(unescape(escapeProperty(s))).toBe(s);
  });

  it('formats ::error with file, optional line and title', () => {
    expect(errorCommand({ file: 'properties/INV-K-NO-OVERSELL.ts', title: 'INV-K-NO-OVERSELL' }, 'asks 0.051\nreplay: x'))
      .toBe('::error file=properties/INV-K-NO-OVERSELL.ts,title=INV-K-NO-OVERSELL::asks 0.051%0Areplay: x');
    expect(errorCommand({ file: 'a,b.ts', line: 3, title: 't:1' }, 'm')).toBe('::error file=a%2Cb.ts,line=3,title=t%3A1::m');
  });

  it('is on only when GITHUB_ACTIONS is "true"', () => {
    expect(underGitHubActions({ GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(underGitHubActions({})).toBe(false);
    expect(underGitHubActions({ GITHUB_ACTIONS: 'false' })).toBe(false);
  });

  it('points at the invariant\'s file from wherever the workflow runs', () => {
    expect(invariantFile('INV-K-NO-OVERSELL', ROOT)).toBe('properties/INV-K-NO-OVERSELL.ts');
    expect(invariantFile('INV-K-NO-OVERSELL', join(ROOT, '..'))).toMatch(/^[^/]+\/properties\/INV-K-NO-OVERSELL\.ts$/);
    expect(invariantFile('INV-NO-SUCH-FILE', ROOT)).toBe('spec/invariants.md');
    expect(parityFile('fills', ROOT)).toBe('schemas/fills.schema.json');
    expect(parityFile('slot', ROOT)).toBe('spec/kernel.md');
    expect(parityFile(null, ROOT)).toBe('spec/protocol.md');
  });

  it('gate: one annotation per failure signature, on properties/<ID>.ts, with the violated values and the replay command', () => {
    const result = gateRun(DROPS_PNL_LEG);
    const lines = gateAnnotations(result, ROOT);
    expect(lines).toHaveLength(result.failures.length);
    expect(lines[0]).toMatch(/^::error file=properties\/INV-R-SCHEMA-VALID\.ts,title=INV-R-SCHEMA-VALID::trade_exit_legs row \d+: .*pnl_leg.*%0Areplay: npx workbench replay /);
    for (const l of lines) expect(l.split('::')[2]).not.toMatch(/[\r\n]/);
  });
});

describe('annotations from the CLI under Actions', () => {
  it('parity: each divergence annotated on what defines the value, with the re-run command; the JSON on stdout still parses; the summary written', () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'ann-')), 'summary.md');
    const r = workbench(['parity', '--candidate', 'tests/fixtures/plantedDivergence.ts', '--runs', '30', '--no-corpus', '--json'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('divergent');
    // The planted candidate writes no rows: its rebate shows first in the slot's realized PnL, defined by spec/kernel.md.
    expect(r.stderr).toMatch(/^::error file=spec\/kernel\.md,title=PARITY slot\.realized_pnl::first divergence at step \d+: slot row 0, column realized_pnl: reference 0\.\d+, candidate -0\.\d+ .*%0Areplay: npx workbench parity --candidate tests\/fixtures\/plantedDivergence\.ts --runs 30 --seed 1 --max-steps 40 --mix full$/m);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('**Verdict: ❌ DIVERGENT');
    expect(md).toMatch(/\| Step \| Where +\| Row +\| Column +\| Reference +\| Candidate +\|/);
    expect(md).toContain('```sh\nnpx workbench parity --candidate tests/fixtures/plantedDivergence.ts --runs 30 --seed 1 --max-steps 40 --mix full\n```');
  }, 120_000);

  it('fuzz: the finding annotated on properties/<ID>.ts with the replay command; the summary has the timeline table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ann-'));
    const summary = join(dir, 'summary.md');
    const r = workbench(['fuzz', '--adapter', 'tests/fixtures/adapters/no-dedupe.ts', '--runs', '100', '--seed', '3', '--out', join(dir, 'cx'), '--json'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.status).toBe(1);
    const primary = (JSON.parse(r.stdout) as { counterexample: { primary: string } }).counterexample.primary;
    expect(r.stderr).toContain(`::error file=properties/${primary}.ts,title=${primary}::`);
    expect(r.stderr).toMatch(/%0Areplay: npx workbench fuzz --adapter tests\/fixtures\/adapters\/no-dedupe\.ts --replay \S+\.json$/m);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain(`#### First counterexample: ${primary}`);
    expect(md).toMatch(/\| +# \| +t ms \| Flow +\| Message +\| Kernel +\|/);
    expect(md).toMatch(/```sh\nnpx workbench fuzz --adapter tests\/fixtures\/adapters\/no-dedupe\.ts --replay \S+\.json\n```/);
  }, 120_000);

  it('outside Actions nothing is annotated', () => {
    const r = workbench(['fuzz', '--adapter', 'tests/fixtures/adapters/no-dedupe.ts', '--runs', '100', '--seed', '3', '--out', mkdtempSync(join(tmpdir(), 'ann-')), '--json'], { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('::error');
  }, 120_000);
});
