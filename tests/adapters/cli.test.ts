// `workbench fuzz` end to end, as a user runs it: exit codes, the report, the replay file.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workbench } from '../cli/helpers.ts';

const out = mkdtempSync(join(tmpdir(), 'wb-fuzz-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('workbench fuzz', () => {
  it('fails a broken adapter with exit 1, names the invariant, shows the timeline, and writes a replay file that reproduces it', () => {
    const r = workbench(['fuzz', '--adapter', 'tests/fixtures/adapters/no-dedupe.ts', '--runs', '100', '--seed', '3', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED: INV-A-EXEC-ONCE');
    expect(r.stdout).toMatch(/INV-A-EXEC-ONCE\s+violated/);
    expect(r.stdout).toContain('Timeline:');
    expect(r.stdout).toContain('delivered a second time');
    expect(r.stdout).toContain('Capabilities:');
    expect(r.stdout).toContain('duplicate_exact');
    const files = readdirSync(out);
    expect(files).toEqual(['fuzz-INV-A-EXEC-ONCE-seed3.json']);
    const replay = workbench(['fuzz', '--adapter', 'tests/fixtures/adapters/no-dedupe.ts', '--replay', join(out, files[0] ?? ''), '--json']);
    expect(replay.status).toBe(1);
    const json = JSON.parse(replay.stdout) as { status: string; counterexample: { primary: string } };
    expect(json.status).toBe('failed');
    expect(json.counterexample.primary).toBe('INV-A-EXEC-ONCE');
  });

  it('passes the reference adapter with exit 0', () => {
    const r = workbench(['fuzz', '--adapter', 'src/adapters/reference/referenceAdapter.ts', '--runs', '60', '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('passed');
  });

  it('answers bad usage with exit 2 and a message naming the field and value', () => {
    const missing = workbench(['fuzz', '--adapter', 'nope/adapter.ts']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--adapter "nope/adapter.ts": no such file');
    const runs = workbench(['fuzz', '--adapter', 'src/adapters/reference/referenceAdapter.ts', '--runs', 'lots']);
    expect(runs.status).toBe(2);
    expect(runs.stderr).toContain('--runs must be an integer');
    const notAnAdapter = workbench(['fuzz', '--adapter', 'src/adapters/contract.ts']);
    expect(notAnAdapter.status).toBe(2);
    expect(notAnAdapter.stderr).toContain('exports no adapter factory');
  });
});
