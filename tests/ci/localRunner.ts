// Runs a workflow job's `run:` steps locally, as the Actions runner would: the job's steps in order, each with
// `bash --noprofile --norc -eo pipefail`, the workflow's, job's and step's `env:` (expressions resolved from a
// context the test gives), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, stopping at the first failing step.
// `uses:` steps (checkout, setup-node, artifacts, test reporter) belong to GitHub and are skipped, and so is the
// install step: the test runs inside an installed checkout. Any other expression left unresolved fails the test.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface WorkflowStep {
  readonly id?: string;
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Readonly<Record<string, string | number | boolean>>;
}

export interface WorkflowJob {
  readonly steps: readonly WorkflowStep[];
  readonly env?: Readonly<Record<string, string | number | boolean>>;
  readonly defaults?: { readonly run?: { readonly 'working-directory'?: string } };
}

export interface Workflow {
  readonly on: Record<string, unknown>;
  readonly env?: Readonly<Record<string, string | number | boolean>>;
  readonly jobs: Readonly<Record<string, WorkflowJob>>;
}

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(file, 'utf8')) as Workflow;
}

/** Replaces every `${{ expr }}` with ctx[expr]; throws on an expression the context does not hold. */
export function resolveExpressions(text: string, ctx: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const v = ctx[expr];
    if (v === undefined) throw new Error(`unresolved workflow expression \${{ ${expr} }}`);
    return v;
  });
}

function envOf(block: Readonly<Record<string, string | number | boolean>> | undefined, ctx: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(block ?? {}).map(([k, v]) => [k, resolveExpressions(String(v), ctx)]));
}

export interface StepRun {
  readonly name: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface JobRun {
  readonly status: number;
  readonly steps: readonly StepRun[];
  readonly skipped: readonly string[];
  /** GITHUB_OUTPUT of each step, by step id. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly stderr: string;
}

export interface JobOptions {
  readonly ctx: Readonly<Record<string, string>>;
  /** Environment variables that replace the workflow's own (e.g. OUT pointing into a temporary folder). */
  readonly envOverrides?: Readonly<Record<string, string>>;
  readonly root: string;
  /** Holds the GITHUB_OUTPUT files. */
  readonly scratch: string;
  readonly stepSummary: string;
}

const SKIPPED_RUN_STEPS = new Set(['Install']);

export function runJob(wf: Workflow, jobName: string, o: JobOptions): JobRun {
  const job = wf.jobs[jobName];
  if (!job) throw new Error(`no job ${jobName}`);
  const cwd = join(o.root, resolveExpressions(job.defaults?.run?.['working-directory'] ?? '.', o.ctx));
  const steps: StepRun[] = [];
  const skipped: string[] = [];
  const outputs: Record<string, Record<string, string>> = {};
  for (const [i, step] of job.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${i}`;
    if (step.run === undefined || SKIPPED_RUN_STEPS.has(name)) {
      skipped.push(name);
      continue;
    }
    const outFile = join(o.scratch, `${jobName}-${i}-${Math.random().toString(36).slice(2)}.out`);
    writeFileSync(outFile, '');
    const env = {
      ...process.env, ...envOf(wf.env, o.ctx), ...envOf(job.env, o.ctx), ...envOf(step.env, o.ctx), ...o.envOverrides,
      GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_OUTPUT: outFile, GITHUB_STEP_SUMMARY: o.stepSummary,
    };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', resolveExpressions(step.run, o.ctx)], { cwd, env, encoding: 'utf8', timeout: 300_000 });
    steps.push({ name, status: r.status, stdout: r.stdout, stderr: r.stderr });
    if (step.id) {
      outputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    }
    if (r.status !== 0) break;
  }
  const failed = steps.find((s) => s.status !== 0);
  return { status: failed ? failed.status ?? 1 : 0, steps, skipped, outputs, stderr: steps.map((s) => s.stderr).join('') };
}

/** The inputs a `workflow_call` declares, with their defaults as strings. */
export function inputDefaults(wf: Workflow): Record<string, string> {
  const call = wf.on['workflow_call'] as { inputs?: Record<string, { default?: unknown }> } | undefined;
  return Object.fromEntries(Object.entries(call?.inputs ?? {}).map(([k, v]) => [k, v.default === undefined ? '' : String(v.default)]));
}
