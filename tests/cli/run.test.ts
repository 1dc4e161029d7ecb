// `workbench run`: the main job before the gate existed, and the CLI's error and exit-code contract.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbench } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wb-run-'));
function scenarioFile(name: string, content: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('workbench run', () => {
  it('runs the seed scenario and prints steps and slots as aligned tables', () => {
    const r = workbench(['run', 'examples/scenarios/seed-two-leg-exit.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/step\s+input\s+outcome\s+transitions\s+slot after/);
    expect(r.stdout).toContain('EXIT_REQUESTED →[EXIT_FILL_FLAT]→ CLOSED');
    expect(r.stdout).toContain('rejected TRADE_CLOSED');
    expect(r.stdout).toContain('capital 25010 = initial 25000 + realized 10');
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });

  it('--json prints machine-readable steps', () => {
    const r = workbench(['run', 'examples/scenarios/seed-overshoot-clamp.json', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { steps: { code: string }[]; capital: string };
    expect(doc.capital).toBe('25010');
    expect(doc.steps.map((s) => s.code)).toContain('EXIT_CLAMPED');
  });

  it('accepts a bare JSON list of intents', () => {
    const file = scenarioFile('list.json', [
      { intentId: 'a', tradeId: 'T', slotId: 0, asset: 'BTCUSDT', side: 'LONG', action: 'ENTER', referencePrice: 100, targetSize: 1, leverage: 2, exitLegRatios: [1], reason: 'x' },
    ]);
    const r = workbench(['run', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ORDER_REQUESTED →[ENTRY_FILL_COMPLETE]→ POSITION_OPEN');
  });

  it('a missing file is bad input: exit 2, names the file, no stack trace', () => {
    const r = workbench(['run', join(tmp, 'nope.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.json');
    expect(r.stderr).toContain('cannot read file: ENOENT');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('invalid JSON is bad input: exit 2', () => {
    const r = workbench(['run', scenarioFile('broken.json', '{"steps": [')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not valid JSON');
  });

  it('a scenario breaking the schema names the field and the value', () => {
    const file = scenarioFile('bad.json', {
      steps: [{ intent: { intentId: 'a', tradeId: 'T', slotId: 'zero', asset: 'BTCUSDT', side: 'LONG', action: 'ENTER', referencePrice: 'abc', reason: 'x' } }],
    });
    const r = workbench(['run', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('steps.0.intent.slotId must be integer (value: "zero")');
    expect(r.stderr).toMatch(/steps\.0\.intent\.referencePrice .*"abc"/);
  });

  it('an unknown option is bad usage: exit 2', () => {
    const r = workbench(['run', 'examples/scenarios/seed-two-leg-exit.json', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('--help and --version exit 0', () => {
    const help = workbench(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: workbench');
    const version = workbench(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
