// Start-up: `--help`, `--version` and an unknown command load no command module, no ajv, fast-check, kernel or
// worker pool (only commander and the command list); the list's summaries match each command's description.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { buildProgram } from '../../src/cli/main.ts';
import { ROOT, workbench } from './helpers.ts';

const HEAVY = [/node_modules\/ajv/, /node_modules\/fast-check/, /node_modules\/decimal\.js/, /node_modules\/tinypool/, /\/src\/(gate|kernel|rows|report)\//];

function importsOf(args: readonly string[]): { status: number | null; stdout: string; urls: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'wb-imports-')), 'imports.txt');
  const hook = join(ROOT, 'tests/fixtures/startup/traceImports.mjs');
  const r = workbench(args, { TRACE_IMPORTS_FILE: file, NODE_OPTIONS: `--import ${hook}` });
  let urls: string[] = [];
  try {
    urls = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    urls = [];
  }
  return { status: r.status, stdout: r.stdout, urls };
}

describe('start-up', () => {
  for (const args of [['--help'], ['--version'], ['no-such-command']]) {
    it(`\`workbench ${args.join(' ')}\` loads nothing heavy`, () => {
      const r = importsOf(args);
      expect(r.urls.some((u) => /cli\/main\.(ts|js)$/.test(u))).toBe(true);
      for (const heavy of HEAVY) expect(r.urls.filter((u) => heavy.test(u)), String(heavy)).toEqual([]);
      if (args[0] === '--help') for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
    });
  }

  it('the command list\'s summaries are the commands\' own descriptions', async () => {
    const program = await buildProgram('all');
    expect(program.commands.map((c) => [c.name(), c.description()])).toEqual(COMMANDS.map((c) => [c.name, c.summary]));
  });
});
