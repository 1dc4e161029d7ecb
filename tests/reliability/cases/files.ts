// Input files: scenarios, counterexamples, gate and report JSON, corpus folders and adapter-fuzz replay files.
// A bad file is exit 2 with one line naming the file, the field and the value; limits are enforced.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli, expectUsage } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { COUNTEREXAMPLE, deepJson, file, gateJson, readJson, REPLAY_FILE, reportJson, SCENARIO, scratch, variant } from '../fixtures.ts';

const scenario = readJson(SCENARIO) as { steps: Record<string, any>[] } & Record<string, unknown>;
const cx = readJson(COUNTEREXAMPLE) as Record<string, any>;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

const run = (f: string, ...extra: string[]) => cli(['run', f, ...extra]);
const replay = (f: string) => cli(['replay', f]);
const fuzzReplay = (f: string) => cli(['fuzz', '--adapter-cmd', 'definitely-not-started', '--replay', f]);

export const scenarioCases: Case[] = numbered('R-SCN', 'scenario files', [
  { title: 'a missing scenario file → exit 2 naming the file and "does not exist"', run: async () => expectUsage(await run('/nonexistent/s.json'), '/nonexistent/s.json', 'does not exist') },
  { title: 'a folder given as the scenario → exit 2 "is a folder"', run: async () => expectUsage(await run(scratch()), 'is a folder') },
  { title: 'a file that is not JSON → exit 2 "not valid JSON"', run: async () => expectUsage(await run(file('{"steps": [')), 'not valid JSON') },
  { title: 'an empty file → exit 2 "not valid JSON"', run: async () => expectUsage(await run(file('')), 'not valid JSON') },
  { title: 'a scenario nested 5 000 deep → exit 2 "nested more than 64 levels" (no stack overflow)', run: async () => expectUsage(await run(file(deepJson(5000))), 'nested more than 64') },
  { title: 'a 17 MB scenario → exit 2 naming the 16 MB limit', run: async () => expectUsage(await run(file(`[${'0,'.repeat(8_500_000)}0]`)), '16 MB') },
  { title: '`steps` is not a list → exit 2 naming steps', run: async () => expectUsage(await run(file({ steps: 5 })), 'steps') },
  { title: 'an unknown top-level field → exit 2 naming it', run: async () => expectUsage(await run(file({ ...scenario, bogus: 1 })), 'bogus') },
  { title: 'an intent without intentId → exit 2 naming intentId', run: async () => expectUsage(await run(file(variant(scenario, (s) => { delete s.steps.find((x: any) => x.intent).intent.intentId; }))), 'intentId') },
  { title: 'slotId a string → exit 2 naming slotId and the value', run: async () => expectUsage(await run(file(variant(scenario, (s) => { s.steps.find((x: any) => x.intent).intent.slotId = 'zero'; }))), 'slotId', '"zero"') },
  { title: 'a 120 000-step scenario → exit 2 naming the 100 000-step limit (no stack overflow)', timeoutMs: 60_000, run: async () => expectUsage(await run(file({ steps: Array.from({ length: 120_000 }, () => ({ balanceReport: '1' })) })), '100000') },
  { title: 'a wrong-typed 1 MB value → exit 2, the value cut (message under 1 200 chars)', run: async () => expectUsage(await run(file(variant(scenario, (s) => { s.steps.find((x: any) => x.intent).intent.slotId = 'x'.repeat(1_000_000); }))), 'slotId', 'chars)') },
  {
    title: 'ESC and BEL in a trade id → exit 0, echoed escaped (\\u001b), never raw',
    run: async () => {
      const r = await run(file(variant(scenario, (s) => { for (const st of s.steps) if (st.intent) st.intent.tradeId = 'T\u001b[2J\u0007'; })));
      expect(r.code).toBe(0);
      expect(RAW_CONTROL.test(r.stdout)).toBe(false);
      expect(r.stdout).toContain('\\u001b[2J');
    },
  },
  {
    title: 'a newline in a trade id → exit 0, printed as \\n inside its table row',
    run: async () => {
      const r = await run(file(variant(scenario, (s) => { for (const st of s.steps) if (st.intent) st.intent.tradeId = 'T1\nFORGED ROW'; })));
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/^FORGED ROW/m);
      expect(r.stdout).toContain('T1\\nFORGED ROW');
    },
  },
  { title: 'an `at` that is not a date-time → exit 2 naming at', run: async () => expectUsage(await run(file(variant(scenario, (s) => { s.steps[0].at = 'yesterday'; }))), 'at', '"yesterday"') },
  {
    title: 'an `at` before 1970 (a negative timestamp) → exit 0, the kernel refuses it with INVALID_TIMESTAMP',
    run: async () => {
      const r = await run(file(variant(scenario, (s) => { s.steps[0].at = '1969-12-31T23:59:59Z'; })));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('INVALID_TIMESTAMP');
    },
  },
  { title: 'config.slotCount 0 → exit 2 naming slotCount', run: async () => expectUsage(await run(file({ ...scenario, config: { slotCount: 0 } })), 'slotCount') },
  { title: 'config.slotCount 5 000 → exit 2 naming slotCount and its range', run: async () => expectUsage(await run(file({ ...scenario, config: { slotCount: 5000 } })), 'slotCount') },
  { title: 'config.initialCapital "abc" → exit 2 naming initialCapital', run: async () => expectUsage(await run(file({ ...scenario, config: { initialCapital: 'abc' } })), 'initialCapital') },
  { title: 'a scenario that is JSON null → exit 2', run: async () => expectUsage(await run(file('null')), 'invalid scenario') },
  { title: '`run --rows` into a folder that cannot be made (/proc) → exit 2 naming --rows', run: async () => expectUsage(await run(SCENARIO, '--rows', '/proc/wb-no/rows'), '--rows') },
]);

export const counterexampleCases: Case[] = numbered('R-CEX', 'counterexample files', [
  { title: '`replay` of a missing file → exit 2 "does not exist"', run: async () => expectUsage(await replay('/nonexistent/cx.json'), 'does not exist') },
  { title: '`replay` of a file that is not JSON → exit 2 "not valid JSON"', run: async () => expectUsage(await replay(file('{')), 'not valid JSON') },
  { title: 'a file naming a module (kernelModule) → exit 2: data never names code to run; use --kernel', run: async () => expectUsage(await replay(file({ ...cx, kernelModule: '/tmp/evil.ts' })), 'kernelModule', '--kernel') },
  { title: 'version 2 → exit 2 naming version', run: async () => expectUsage(await replay(file({ ...cx, version: 2 })), 'version') },
  { title: 'an invariantId that is not an ID → exit 2 naming invariantId', run: async () => expectUsage(await replay(file({ ...cx, invariantId: 'oops' })), 'invariantId', '"oops"') },
  { title: 'no inputs → exit 2 naming inputs', run: async () => expectUsage(await replay(file({ ...cx, inputs: [] })), 'inputs') },
  { title: '100 001 inputs → exit 2 naming inputs (the limit is 100 000)', run: async () => expectUsage(await replay(file({ ...cx, inputs: Array.from({ length: 100_001 }, () => ({ kind: 'order_accepted', tsMs: 1, orderId: 'x' })) })), 'inputs') },
  { title: 'an input kind that does not exist → exit 2 naming kind and the value', run: async () => expectUsage(await replay(file(variant(cx, (c) => { c.inputs[0].kind = 'explode'; }))), 'kind', '"explode"') },
  { title: 'tsMs a string → exit 2 naming tsMs', run: async () => expectUsage(await replay(file(variant(cx, (c) => { c.inputs[0].tsMs = 'soon'; }))), 'tsMs', '"soon"') },
  { title: 'config.initialCapital "abc" → exit 2 naming initialCapital and "abc" (was exit 3)', run: async () => expectUsage(await replay(file(variant(cx, (c) => { c.config.initialCapital = 'abc'; }))), 'initialCapital', '"abc"') },
  { title: 'config.slotCount 0 → exit 2 naming slotCount', run: async () => expectUsage(await replay(file(variant(cx, (c) => { c.config.slotCount = 0; }))), 'slotCount') },
  { title: 'config.slotCount 2 000 → exit 2 naming slotCount', run: async () => expectUsage(await replay(file(variant(cx, (c) => { c.config.slotCount = 2000; }))), 'slotCount') },
  { title: 'values nested 5 000 deep → exit 2 "nested more than 64 levels"', run: async () => expectUsage(await replay(file(`{"values": ${deepJson(5000)}}`)), 'nested more than 64') },
  { title: 'an extra field → exit 2 naming it', run: async () => expectUsage(await replay(file({ ...cx, extra: true })), 'extra') },
  {
    title: 'ESC and newlines in ids and the message → replayed (exit 0/1), printed escaped',
    run: async () => {
      const r = await replay(file(variant(cx, (c) => { c.message = 'm\u001b[31m\nx'; c.inputs[0].intent.tradeId = 'T\u001b]0;pwned\u0007'; })));
      expect([0, 1]).toContain(r.code);
      expect(RAW_CONTROL.test(r.stdout)).toBe(false);
    },
  },
  {
    title: 'the committed corpus file replays on the reference kernel → exit 0 "holds now"',
    run: async () => {
      const r = await replay(COUNTEREXAMPLE);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('holds now');
    },
  },
  {
    title: 'a decimal "abc" inside an input → replayed (the kernel rejects that input), exit 0/1, never 3',
    run: async () => {
      const r = await replay(file(variant(cx, (c) => { c.inputs[0].intent.referencePrice = 'abc'; })));
      expect([0, 1]).toContain(r.code);
    },
  },
]);

export const reportFileCases: Case[] = numbered('R-RPT', 'gate and report JSON', [
  { title: '`report --from` a missing file → exit 2 naming --from', run: async () => expectUsage(await cli(['report', '--title', 'T', '--out', join(scratch(), 'r1.md'), '--from', '/nonexistent/g.json']), '--from', 'does not exist') },
  { title: '`report --from` a file that is not JSON → exit 2', run: async () => expectUsage(await cli(['report', '--title', 'T', '--out', join(scratch(), 'r2.md'), '--from', file('{')]), '--from', 'not valid JSON') },
  { title: '`report --from` {} → exit 2 "not a gate result" naming a field', run: async () => expectUsage(await cli(['report', '--title', 'T', '--out', join(scratch(), 'r3.md'), '--from', file({})]), 'not a gate result') },
  {
    title: '`report --from run.json --out run.md` (the twin would overwrite the input) → exit 2 naming both paths; the input intact',
    run: async () => {
      const from = join(scratch(), 'run.json');
      cpSync(await gateJson(), from);
      const before = readFileSync(from, 'utf8');
      expectUsage(await cli(['report', '--title', 'T', '--from', from, '--out', join(scratch(), 'run.md')]), '--out (its JSON twin)', '--from', from);
      expect(readFileSync(from, 'utf8')).toBe(before);
    },
  },
  {
    title: '`report --compare` naming the twin it would write → exit 2 naming both',
    run: async () => {
      const twin = await reportJson();
      expectUsage(await cli(['report', '--title', 'T', '--from', await gateJson(), '--compare', twin, '--out', twin.replace(/\.json$/, '.md')]), '--compare');
    },
  },
  { title: '`report --compare` a gate JSON (not a report) → exit 2 naming --compare', run: async () => expectUsage(await cli(['report', '--title', 'T', '--from', await gateJson(), '--compare', await gateJson(), '--out', join(scratch(), 'r4.md')]), '--compare', 'not a report JSON') },
  { title: '`report --parity` a file that is not a parity result → exit 2 naming --parity', run: async () => expectUsage(await cli(['report', '--title', 'T', '--from', await gateJson(), '--parity', file({ a: 1 }), '--out', join(scratch(), 'r5.md')]), '--parity') },
  {
    title: 'a --title with newlines and "#" → exit 0; the Markdown has one title line, no injected heading',
    run: async () => {
      const out = join(scratch(), 'title.md');
      const r = await cli(['report', '--title', 'Run\n## Injected\n<script>', '--from', await gateJson(), '--out', out]);
      expect(r.code).toBe(0);
      const md = readFileSync(out, 'utf8');
      expect(md.split('\n')[0]).toContain('Run\\\\n## Injected');
      expect(md).not.toMatch(/^## Injected/m);
      expect(md.split('\n')[0]).toContain('\\<script>');
    },
  },
  {
    title: 'a PASS whose report cannot be written (/proc) → verdict printed, warning, exit 2 (never 3)',
    run: async () => {
      const r = await cli(['report', '--title', 'T', '--from', await gateJson(), '--out', '/proc/wb-no/r.md']);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/^(PASS|INCOMPLETE): report not written/);
      expect(r.stderr).toContain('warning: report not saved');
    },
  },
  {
    title: 'a FAIL whose report cannot be written → "FAIL" printed, warning, exit 1 (the finding is not lost)',
    run: async () => {
      const failing = file(variant(readJson(await gateJson()), (g) => { g.coverageGaps = ['state X never reached']; }));
      const r = await cli(['report', '--title', 'T', '--from', failing, '--out', '/proc/wb-no/r.md']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FAIL: report not written/);
      expect(r.stderr).toContain('warning');
    },
  },
  { title: '`report --from` nested 5 000 deep → exit 2 "nested more than 64 levels"', run: async () => expectUsage(await cli(['report', '--title', 'T', '--from', file(deepJson(5000)), '--out', join(scratch(), 'r6.md')]), 'nested more than 64') },
]);

export const corpusCases: Case[] = numbered('R-CRP', 'corpus', [
  { title: '`gate --corpus` naming a missing folder → exit 2 naming --corpus (not silently skipped)', run: async () => expectUsage(await cli(['gate', '--profile', 'smoke', '--corpus', '/nonexistent/corpus']), '--corpus', 'ENOENT') },
  { title: '`gate --corpus` naming a file → exit 2 "must name a folder"', run: async () => expectUsage(await cli(['gate', '--profile', 'smoke', '--corpus', COUNTEREXAMPLE]), '--corpus', 'folder') },
  {
    title: 'a corrupt file in the corpus → exit 2 naming that file (was exit 3)',
    run: async () => {
      const dir = join(scratch(), 'corpus-bad');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'broken.json'), '{"version": 1,');
      expectUsage(await cli(['gate', '--profile', 'smoke', '--corpus', dir]), 'broken.json', 'not valid JSON');
    },
  },
  {
    title: 'a corpus file naming a module → exit 2 naming kernelModule',
    run: async () => {
      const dir = join(scratch(), 'corpus-code');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'x.json'), JSON.stringify({ ...cx, kernelModule: 'evil.ts' }));
      expectUsage(await cli(['gate', '--profile', 'smoke', '--corpus', dir]), 'kernelModule');
    },
  },
  {
    title: 'a named corpus folder that exists is replayed (corpusFiles counted), exit 0',
    run: async () => {
      const dir = join(scratch(), 'corpus-ok');
      mkdirSync(dir, { recursive: true });
      cpSync(COUNTEREXAMPLE, join(dir, 'a.json'));
      const r = await cli(['gate', '--profile', 'smoke', '--runs', '5', '--corpus', dir, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).meta.corpusFiles).toBe(1);
    },
  },
]);

export const fuzzReplayCases: Case[] = numbered('R-FRP', 'adapter-fuzz replay files', [
  { title: '`fuzz --replay` a missing file → exit 2 before any child starts', run: async () => expectUsage(await fuzzReplay('/nonexistent/r.json'), '--replay', 'does not exist') },
  { title: '`fuzz --replay` a file that is not JSON → exit 2', run: async () => expectUsage(await fuzzReplay(file('nope')), '--replay', 'not valid JSON') },
  { title: 'kind is not an adapter-fuzz counterexample → exit 2 naming kind', run: async () => expectUsage(await fuzzReplay(file({ ...REPLAY_FILE, kind: 'gate' })), 'kind') },
  { title: 'version 2 → exit 2 naming version', run: async () => expectUsage(await fuzzReplay(file({ ...REPLAY_FILE, version: 2 })), 'version') },
  { title: 'garbage actions [1, 2, 3] → exit 2 naming case.actions (was a PASS)', run: async () => expectUsage(await fuzzReplay(file(variant(REPLAY_FILE, (r) => { r.case.actions = [1, 2, 3]; }))), 'case.actions.0') },
  { title: 'no actions → exit 2 naming case.actions', run: async () => expectUsage(await fuzzReplay(file(variant(REPLAY_FILE, (r) => { r.case.actions = []; }))), 'case.actions') },
  { title: '1 001 actions → exit 2 naming case.actions (limit 1 000)', run: async () => expectUsage(await fuzzReplay(file(variant(REPLAY_FILE, (r) => { r.case.actions = Array.from({ length: 1001 }, () => r.case.actions[0]); }))), 'case.actions') },
  { title: 'sizeSteps −5 → exit 2 naming sizeSteps and the value', run: async () => expectUsage(await fuzzReplay(file(variant(REPLAY_FILE, (r) => { r.case.actions[0].plan.sizeSteps = -5; }))), 'sizeSteps', '-5') },
  { title: 'a swarm switch missing → exit 2 naming it', run: async () => expectUsage(await fuzzReplay(file(variant(REPLAY_FILE, (r) => { delete r.case.swarm.rejects; }))), 'rejects') },
  { title: 'a script with reject "nuke" → exit 2 naming reject and "nuke"', run: async () => expectUsage(await fuzzReplay(file(variant(REPLAY_FILE, (r) => { r.case.scripts[0].reject = 'nuke'; }))), 'reject', '"nuke"') },
  { title: 'an extra top-level field (e.g. a module to load) → exit 2 naming it', run: async () => expectUsage(await fuzzReplay(file({ ...REPLAY_FILE, adapterModule: 'evil.ts' })), 'adapterModule') },
  { title: 'seed a string → exit 2 naming seed', run: async () => expectUsage(await fuzzReplay(file({ ...REPLAY_FILE, seed: 'one' })), 'seed') },
]);
