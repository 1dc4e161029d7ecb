// workbench report and workbench merge end to end (in-process main): files written, twin valid, exit codes,
// shards merged to the sums of their parts, bad input named with exit 2.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { GateResult } from '../../src/gate/result.ts';
import { runGate } from '../../src/gate/runner.ts';
import { GATE_CONFIG, REFERENCE } from '../../src/gate/systemUnderTest.ts';
import type { Report } from '../../src/report/model.ts';
import { validateReport } from '../../src/report/reportJson.ts';
import { DROPS_PNL_LEG, gateRun } from './gateRuns.ts';

function shard(index: number, count: number): GateResult {
  return runGate({
    sut: REFERENCE, config: GATE_CONFIG, profile: 'smoke', runs: 80, seed: 11, stepCountMax: 40, timeBudgetMs: null, determinismRuns: 2,
    shard: { index, count }, enforceCoverage: false, meta: { startedAt: '2026-01-01T00:00:00.000Z', gitCommit: 'abc', workbenchVersion: '0.1.0' },
  });
}

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

function save(name: string, data: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(data));
  return f;
}

function twin(md: string): Report {
  const data = JSON.parse(readFileSync(md.replace(/\.md$/, '.json'), 'utf8')) as Report;
  expect(validateReport(data)).toEqual([]);
  return data;
}

describe('workbench merge', () => {
  const a = shard(1, 2);
  const b = shard(2, 2);

  it('combines shards into one report whose counts are the sums of the shards', async () => {
    const out = join(dir, 'merged.md');
    expect(await main(['merge', save('a.json', a), save('b.json', b), '--out', out, '--title', 'Merged', '--gate-out', join(dir, 'gate.json')])).toBe(0);
    const r = twin(out);
    expect(r.summary.shards).toEqual(['1/2', '2/2']);
    expect(r.summary.seed).toBe(11);
    expect(r.summary.runsDone).toBe(a.meta.runsDone + b.meta.runsDone);
    expect(r.summary.inputsChecked).toBe(a.meta.inputsChecked + b.meta.inputsChecked);
    const enter = (g: GateResult) => g.coverage.transitions['IDLE --ENTER--> ORDER_REQUESTED'] ?? 0;
    expect(r.coverage.transitions[0]!.count).toBe(enter(a) + enter(b));
    for (const inv of r.invariants) {
      expect(inv.exercised).toBe((a.invariants.find((i) => i.id === inv.id)?.exercised ?? 0) + (b.invariants.find((i) => i.id === inv.id)?.exercised ?? 0));
    }
    expect(readFileSync(out, 'utf8')).toContain('| Shards merged ');
    expect(existsSync(join(dir, 'gate.json'))).toBe(true);
  });

  it('refuses a shard given twice, or shards of different kernels, with exit 2 naming the file', async () => {
    const f = save('a.json', a);
    expect(await main(['merge', f, f, '--out', join(dir, 'x.md')])).toBe(2);
    expect(stderr).toMatch(/shard 1\/2 is given twice/);
    const other = save('other.json', { ...b, meta: { ...b.meta, kernel: 'candidate' } });
    expect(await main(['merge', f, other, '--out', join(dir, 'x.md')])).toBe(2);
    expect(stderr).toMatch(/other\.json: the kernel is "candidate"/);
    expect(await main(['merge', save('junk.json', { hello: 1 }), '--out', join(dir, 'x.md')])).toBe(2);
    expect(stderr).toMatch(/junk\.json: not a gate result/);
  });
});

describe('workbench report', () => {
  it('--from a gate JSON writes the report and its twin; FAIL exits 1, the report still written', async () => {
    const good = save('good.json', gateRun());
    const bad = save('bad.json', gateRun(DROPS_PNL_LEG));
    const first = join(dir, 'first.md');
    expect(await main(['report', '--title', 'First', '--out', first, '--from', good])).toBe(0);
    expect(twin(first).verdict).toBe('PASS');
    const second = join(dir, 'second.md');
    expect(await main(['report', '--title', 'Second', '--out', second, '--from', bad, '--compare', first.replace(/\.md$/, '.json')])).toBe(1);
    const r = twin(second);
    expect(r.verdict).toBe('FAIL');
    expect(r.changes?.newViolations).toContain('INV-R-SCHEMA-VALID');
    const md = readFileSync(second, 'utf8');
    expect(md.split('\n')[2]).toBe(`> Made by: \`npx workbench report --title Second --out ${second} --from ${bad} --compare ${first.replace(/\.md$/, '.json')}\``);
    expect(md).toContain('## What changed');
  });

  it('runs the gate itself with forwarded options', async () => {
    const out = join(dir, 'run.md');
    expect(await main(['report', '--title', 'Run', '--out', out, '--profile', 'smoke', '--runs', '40', '--seed', '3', '--no-corpus'])).toBe(0);
    const r = twin(out);
    expect(r.summary).toMatchObject({ profile: 'smoke', seed: 3, runsPlanned: 40, corpusFiles: 0 });
    expect(r.command).toBe(`npx workbench report --title Run --out ${out} --profile smoke --runs 40 --seed 3 --no-corpus`);
  });

  it('bad usage exits 2 with the option and value named', async () => {
    expect(await main(['report', '--title', 'T', '--out', join(dir, 'x.txt'), '--from', save('g.json', gateRun())])).toBe(2);
    expect(stderr).toMatch(/--out must name a Markdown file ending in \.md.*x\.txt/);
    expect(await main(['report', '--title', 'T', '--out', join(dir, 'x.md'), '--from', join(dir, 'g.json'), '--runs', '5'])).toBe(2);
    expect(stderr).toMatch(/gate options cannot apply to it \(got --runs\)/);
    expect(await main(['report', '--title', 'T', '--out', join(dir, 'x.md'), '--from', join(dir, 'nope.json')])).toBe(2);
    expect(stderr).toMatch(/--from .*nope\.json: cannot read file: ENOENT \(it does not exist\)/);
    expect(await main(['report', '--title', 'T', '--out', join(dir, 'x.md'), '--compare', save('c.json', { version: 1 }), '--from', join(dir, 'g.json')])).toBe(2);
    expect(stderr).toMatch(/--compare .*c\.json: not a report JSON/);
  });
});
