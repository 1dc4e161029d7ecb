// What a failing gate, parity or fuzz run tells GitHub Actions: one error annotation per broken invariant
// (per distinct parity divergence), shown on the invariant's own file, properties/<ID>.ts, in the run's
// "Annotations" and on the pull request's diff.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzResult } from '../adapters/fuzz/runFuzz.ts';
import type { GateResult } from '../gate/result.ts';
import type { ParityResult } from '../parity/runParity.ts';
import { FAMILIES } from '../rows/families.ts';
import { errorCommand } from './workflowCommands.ts';

/** The workbench's own folder: the nearest one above this file (sources or dist/) named dita-workbench that holds its spec. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const named = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'dita-workbench';
      if (named && existsSync(join(dir, 'spec', 'invariants.md'))) return dir;
    } catch {
      // no package.json here: keep climbing
    }
    const up = dirname(dir);
    if (up === dir) return fileURLToPath(new URL('../../', import.meta.url));
    dir = up;
  }
}

const PACKAGE_ROOT = packageRoot();

function fromCwd(absolute: string, cwd: string): string {
  return relative(cwd, absolute).split(sep).join('/');
}

/**
 * The invariant's file as the workflow's checkout sees it: `properties/<ID>.ts` in this repository,
 * `node_modules/dita-workbench/properties/<ID>.ts` in a team's repository that installed the workbench.
 */
export function invariantFile(id: string, cwd: string = process.cwd()): string {
  const file = join(PACKAGE_ROOT, 'properties', `${id}.ts`);
  return fromCwd(existsSync(file) ? file : join(PACKAGE_ROOT, 'spec', 'invariants.md'), cwd);
}

function valuesText(values: Readonly<Record<string, string>>): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}

export function gateAnnotations(result: GateResult, cwd: string = process.cwd()): string[] {
  return result.failures.map((f) => {
    const cx = f.counterexample;
    const message = `${cx.message} (step ${cx.stepIndex} of ${cx.steps.length}${valuesText(cx.values)})\nreplay: ${cx.replayCommand}`;
    return errorCommand({ file: invariantFile(f.invariantId, cwd), title: f.invariantId }, message);
  });
}

export function fuzzAnnotations(result: FuzzResult, replayCommand: string, cwd: string = process.cwd()): string[] {
  if (result.status === 'passed') return [];
  const violations = result.counterexample?.violations ?? [];
  if (violations.length === 0) {
    return [errorCommand({ file: fromCwd(join(PACKAGE_ROOT, 'spec', 'venue.md'), cwd), title: 'adapter fuzz' }, `a run failed and did not fail again on replay (is the adapter deterministic?)\nreplay: ${replayCommand}`)];
  }
  // One annotation per invariant: its first violation on the shrunk case.
  const first = new Map<string, (typeof violations)[number]>();
  for (const v of violations) if (!first.has(v.invariantId)) first.set(v.invariantId, v);
  return [...first.values()].map((v) => errorCommand(
    { file: invariantFile(v.invariantId, cwd), title: v.invariantId },
    `${v.message} (step ${v.stepIndex}${valuesText(v.values)})\nreplay: ${replayCommand}`,
  ));
}

/**
 * A divergence is not an invariant: it is shown on what defines the diverging value — the row family's schema
 * for a row column, spec/protocol.md for a protocol fault, spec/kernel.md for outcomes, slots and capital.
 */
export function parityFile(where: string | null, cwd: string = process.cwd()): string {
  if (where !== null && (FAMILIES as readonly string[]).includes(where)) return fromCwd(join(PACKAGE_ROOT, 'schemas', `${where}.schema.json`), cwd);
  return fromCwd(join(PACKAGE_ROOT, 'spec', where === null ? 'protocol.md' : 'kernel.md'), cwd);
}

export function parityAnnotations(result: ParityResult, replayCommand: string, cwd: string = process.cwd()): string[] {
  return result.findings.map((f) => {
    const d = f.divergence;
    const what = d
      ? `first divergence at step ${d.step}: ${d.where}${d.row !== null ? ` row ${d.row}` : ''}, column ${d.column}: reference ${d.reference}, candidate ${d.candidate}`
      : `the candidate failed the protocol (${f.fault?.kind ?? 'unknown'}): ${f.fault?.message ?? ''}`;
    return errorCommand({ file: parityFile(d ? d.where : null, cwd), title: `PARITY ${f.signature}` }, `${what} (${f.steps.length} inputs, shrunk)\nreplay: ${replayCommand}`);
  });
}
