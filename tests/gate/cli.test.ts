// `workbench gate` and `workbench replay` as a user runs them: exit codes, readable failure output, files that
// replay, the corpus, JSON that validates, JUnit, and usage errors that name the option and the value.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/gate-result.schema.json' with { type: 'json' };
import { createAjv, formatIssue, validateWith } from '../../src/schema/ajv.ts';
import { workbench } from '../cli/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wb-gate-'));
const validate = createAjv().compile(schema);

describe('workbench gate', () => {
  it('passes the smoke profile on the reference kernel, with valid JSON and a GitHub step summary', () => {
    const summary = join(tmp, 'summary.md');
    const r = workbench(['gate', '--profile', 'smoke', '--json', '--no-corpus'], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, 'utf8')).toContain('**Verdict: ✅ PASS**');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; meta: { inputsChecked: number } };
    expect(validateWith(validate, result).map(formatIssue)).toEqual([]);
    expect(result.status).toBe('passed');
    expect(result.meta.inputsChecked).toBeGreaterThan(1000);
  });

  it('fails a broken kernel with exit 1: ID, step table, values, replay command; the file replays; JUnit written', () => {
    const dir = join(tmp, 'cx');
    const junit = join(tmp, 'gate.xml');
    const r = workbench(['gate', '--profile', 'smoke', '--kernel', 'tests/fixtures/broken/balanceOverwritesCapital.ts', '--counterexamples', dir, '--junit', junit, '--no-corpus']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ INV-K-CAPITAL-AUTHORITY');
    expect(r.stdout).toMatch(/step\s+input\s+outcome\s+slot after/);
    expect(r.stdout).toMatch(/balance report/);
    expect(r.stdout).toContain('FAILED');
    const replayLine = /replay: (npx workbench replay \S+ --kernel \S+)/.exec(r.stdout);
    expect(replayLine).not.toBeNull();
    const files = readdirSync(dir);
    expect(files.some((f) => f.startsWith('INV-K-CAPITAL-AUTHORITY'))).toBe(true);
    expect(readFileSync(junit, 'utf8')).toContain('<failure message=');

    const file = join(dir, files.find((f) => f.startsWith('INV-K-CAPITAL-AUTHORITY'))!);
    // the file is data only: the module comes from the command line, as the printed replay command says
    expect(readFileSync(file, 'utf8')).not.toContain('kernelModule');
    const replayed = workbench(['replay', file, '--kernel', 'tests/fixtures/broken/balanceOverwritesCapital.ts']);
    expect(replayed.status).toBe(1);
    expect(replayed.stdout).toContain('✗ INV-K-CAPITAL-AUTHORITY');
    // the same sequence holds on the reference kernel (the default)
    const fixed = workbench(['replay', file]);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('holds now');

    // a counterexample in the corpus is replayed on every gate run, and fails it while the bug is there
    const corpus = join(tmp, 'corpus');
    cpSync(dir, corpus, { recursive: true });
    const again = workbench(['gate', '--profile', 'smoke', '--runs', '5', '--kernel', 'tests/fixtures/broken/balanceOverwritesCapital.ts', '--corpus', corpus, '--counterexamples', join(tmp, 'cx2')]);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('regression case from the corpus');
  });

  it('bad usage names the option and the value, exit 2', () => {
    const shard = workbench(['gate', '--shard', '3/2']);
    expect(shard.status).toBe(2);
    expect(shard.stderr).toContain('--shard must be k/n with 1 ≤ k ≤ n ≤ 1000, got "3/2"');
    const profile = workbench(['gate', '--profile', 'weekly']);
    expect(profile.status).toBe(2);
    expect(profile.stderr).toContain('--profile must be one of pre-merge, nightly, smoke, got "weekly"');
    const runs = workbench(['gate', '--runs', 'many']);
    expect(runs.status).toBe(2);
    expect(runs.stderr).toContain('--runs must be an integer');
    const replay = workbench(['replay', join(tmp, 'missing.json')]);
    expect(replay.status).toBe(2);
    expect(replay.stderr).toContain('cannot read file: ENOENT');
  });
});
