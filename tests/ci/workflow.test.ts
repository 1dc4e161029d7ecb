// The GitHub Actions workflows: both files validate against the GitHub workflow schema (vendored), and the
// reusable workflow's own run steps, taken from the YAML, run locally — plan → gate shards → merge, parity, fuzz —
// with a small budget, writing one verdict, the job summary and, for a broken kernel, the annotations.
import AjvModule from 'ajv';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.ts';
import { inputDefaults, readWorkflow, runJob, type JobRun, type Workflow } from './localRunner.ts';

const REUSABLE = join(ROOT, '.github/workflows/workbench.yml');
const CI = join(ROOT, '.github/workflows/ci.yml');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/vendor/github-workflow.json'), 'utf8')) as object;
// The schema is draft-07 (ajv's default draft); SchemaStore schemas use keywords strict mode refuses.
const validate = new AjvModule.default({ strict: false, allErrors: true }).compile(schema);

interface Pipeline {
  readonly plan: JobRun;
  readonly shards: readonly JobRun[];
  readonly merge: JobRun;
  readonly out: string;
  readonly summary: string;
}

/** The reusable workflow's jobs in the order GitHub runs them, the matrix taken from the plan job's output. */
function runGatePipeline(wf: Workflow, inputs: Readonly<Record<string, string>>): Pipeline {
  const scratch = mkdtempSync(join(tmpdir(), 'wf-'));
  const out = join(scratch, 'workbench-out');
  const stepSummary = join(scratch, 'summary.md');
  const ctx: Record<string, string> = { ...Object.fromEntries(Object.entries({ ...inputDefaults(wf), ...inputs }).map(([k, v]) => [`inputs.${k}`, v])), 'env.OUT': out };
  const common = { root: ROOT, scratch, stepSummary, envOverrides: { OUT: out } };
  const plan = runJob(wf, 'plan', { ...common, ctx });
  const list = JSON.parse(plan.outputs['shards']?.['list'] ?? 'null') as number[];
  const shards = list.map((k) => runJob(wf, 'gate', { ...common, ctx: { ...ctx, 'matrix.shard': String(k) } }));
  const merge = runJob(wf, 'merge', { ...common, ctx });
  return { plan, shards, merge, out, summary: existsSync(stepSummary) ? readFileSync(stepSummary, 'utf8') : '' };
}

const SMALL = { workbench: `node ${join(ROOT, 'bin/workbench.js')}`, profile: 'smoke', shards: '2', runs: '40', 'parity-runs': '5', 'fuzz-runs': '5' };

describe('GitHub workflow files', () => {
  for (const file of [REUSABLE, CI]) {
    it(`${file.slice(ROOT.length + 1)} validates against the GitHub workflow schema`, () => {
      expect(validate(readWorkflow(file)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    });
  }

  it('the schema check bites: an unknown key and a job without runs-on are refused', () => {
    const wf = structuredClone(readWorkflow(CI)) as unknown as { jobs: Record<string, Record<string, unknown>> };
    wf.jobs['test']!['bogus'] = 1;
    expect(validate(wf)).toBe(false);
    const wf2 = structuredClone(readWorkflow(REUSABLE)) as unknown as { jobs: Record<string, Record<string, unknown>> };
    delete wf2.jobs['gate']!['runs-on'];
    expect(validate(wf2)).toBe(false);
  });

  it('the reusable workflow takes the kernel, profile, shards and Node version; every job installs with the npm cache', () => {
    const wf = readWorkflow(REUSABLE);
    expect(Object.keys(inputDefaults(wf))).toEqual(expect.arrayContaining(['kernel', 'candidate-cmd', 'adapter', 'adapter-cmd', 'profile', 'shards', 'node-version']));
    for (const [name, job] of Object.entries(wf.jobs).filter(([n]) => n !== 'plan')) {
      const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect((setup as { with?: { cache?: string } } | undefined)?.with?.cache, name).toBe('npm');
    }
    expect(JSON.stringify(wf.jobs['gate'])).toContain('fromJSON(needs.plan.outputs.shards)');
    expect(readWorkflow(CI).jobs['workbench']).toMatchObject({ uses: './.github/workflows/workbench.yml' });
  });
});

describe('the reusable workflow\'s steps, run locally', () => {
  const wf = readWorkflow(REUSABLE);

  it('reference kernel: plan → 2 gate shards → merge gives one PASS verdict, a report with charts and a job summary', () => {
    const p = runGatePipeline(wf, SMALL);
    expect(p.plan.status).toBe(0);
    expect(p.plan.outputs['shards']).toEqual({ list: '[1,2]' });
    for (const s of p.shards) expect(s.status, s.stderr).toBe(0);
    expect(p.shards[0]!.skipped).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'Install', 'Upload the shard\'s result and counterexamples']);
    expect(p.merge.status, p.merge.stderr).toBe(0);
    for (const f of ['gate-1.json', 'gate-2.json', 'junit-gate-1.xml', 'junit-gate-2.xml', 'report/gate.md', 'report/gate.json', 'report/gate-merged.json']) {
      expect(existsSync(join(p.out, f)), f).toBe(true);
    }
    expect(readFileSync(join(p.out, 'junit-gate-1.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuite/);
    const md = readFileSync(join(p.out, 'report/gate.md'), 'utf8');
    for (const [, file] of md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)) expect(readFileSync(join(p.out, 'report', decodeURI(file!)), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(p.summary.match(/^### workbench gate$/gm)).toHaveLength(2);
    expect(p.summary).toContain('### Gate: smoke, 2 shards');
    expect(p.summary).toContain('**Verdict: ✅ PASS**');
    expect(p.summary).not.toContain('FAIL');
    expect(p.shards.map((s) => s.stderr).join('')).not.toContain('::error');
  }, 300_000);

  it('a broken kernel: the shard fails with annotations on properties/<ID>.ts, the summary shows the counterexample and its replay, the merged verdict is FAIL', () => {
    const p = runGatePipeline(wf, { ...SMALL, shards: '1', kernel: 'tests/fixtures/broken/noClamp.ts' });
    expect(p.shards[0]!.status).toBe(1);
    const stderr = p.shards[0]!.stderr;
    expect(stderr).toMatch(/^::error file=properties\/INV-K-NO-OVERSELL\.ts,title=INV-K-NO-OVERSELL::exit order \S+ asks 0\.\d+ with only 0\.\d+ open/m);
    // The message's line break is escaped; the replay command names the counterexample file under the output folder.
    expect(stderr).toMatch(/%0Areplay: npx workbench replay \S*counterexamples\/INV-K-NO-OVERSELL-seed\d+-\d+\.json --kernel tests\/fixtures\/broken\/noClamp\.ts$/m);
    const replayFile = /replay (\S+INV-K-NO-OVERSELL\S+\.json)/.exec(stderr)![1]!;
    expect(existsSync(join(ROOT, replayFile))).toBe(true);
    expect(p.merge.status).toBe(1);
    expect(p.summary).toContain('**Verdict: ❌ FAIL**');
    expect(p.summary).toContain('#### Counterexample 1: INV-K-NO-OVERSELL');
    expect(p.summary).toMatch(/\| Step \| Input +\| Outcome +\| Slot after +\| Open position \| Capital \|/);
    expect(p.summary).toMatch(/\| +▶ \d+ \| EXIT /);
    expect(p.summary).toMatch(/```sh\nnpx workbench replay \S+INV-K-NO-OVERSELL\S+\.json --kernel tests\/fixtures\/broken\/noClamp\.ts\n```/);
  }, 300_000);

  it('parity and fuzz jobs: the reference behind the protocol is in parity, the reference adapter passes, each writes its summary', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'wf-'));
    const out = join(scratch, 'out');
    const stepSummary = join(scratch, 'summary.md');
    const ctx = Object.fromEntries(Object.entries({ ...inputDefaults(wf), ...SMALL, 'candidate-cmd': 'node --import tsx src/protocol/referenceKernelChild.ts', adapter: 'src/adapters/reference/referenceAdapter.ts' }).map(([k, v]) => [`inputs.${k}`, v]));
    const o = { ctx: { ...ctx, 'env.OUT': out }, root: ROOT, scratch, stepSummary, envOverrides: { OUT: out } };
    const parity = runJob(wf, 'parity', o);
    expect(parity.status, parity.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(out, 'parity.json'), 'utf8')) as { status: string; runsDone: number }).status).toBe('parity');
    const fuzz = runJob(wf, 'fuzz', o);
    expect(fuzz.status, fuzz.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(out, 'fuzz.json'), 'utf8')) as { status: string; runsDone: number })).toMatchObject({ status: 'passed', runsDone: 5 });
    const summary = readFileSync(stepSummary, 'utf8');
    expect(summary).toContain('### workbench parity\n\n**Verdict: ✅ PARITY**');
    expect(summary).toContain('### workbench fuzz\n\n**Verdict: ✅ PASS** — 5 of 5 runs');
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['parity.json', 'fuzz.json']));
  }, 300_000);
});
