// `workbench merge`: only a whole shard set passes; a missing, duplicated or mixed set is exit 2 naming what
// is wrong, unless --partial (then the verdict is PARTIAL); outputs never overwrite the shards.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli, expectUsage } from '../harness.ts';
import { numbered, type Case } from '../case.ts';
import { file, gateJson, readJson, scratch, variant } from '../fixtures.ts';

const shard = (k: number, n: number) => gateJson(['--shard', `${k}/${n}`], `shard-${k}-of-${n}.json`);
const out = (name: string) => join(scratch(), name);

export const mergeCases: Case[] = numbered('R-MRG', 'merge', [
  { title: 'shard 1/2 alone → exit 2 "incomplete shard set: shard 2/2 missing" (was PASS)', run: async () => expectUsage(await cli(['merge', await shard(1, 2), '--out', out('m1.md')]), 'shard 2/2 missing', '--partial') },
  { title: 'shards 1/2 and 1/3 mixed → exit 2 "mismatched shard set" naming both files (was PASS)', run: async () => expectUsage(await cli(['merge', await shard(1, 2), await shard(1, 3), '--out', out('m2.md')]), 'mismatched shard set', '1/2', '1/3') },
  {
    title: 'shard 1/2 given twice → exit 2 "given twice"',
    run: async () => {
      const a = await shard(1, 2);
      const b = join(scratch(), 'shard-1-copy.json');
      cpSync(a, b);
      expectUsage(await cli(['merge', a, b, '--out', out('m3.md')]), 'shard 1/2 is given twice');
    },
  },
  { title: 'a whole run with a shard → exit 2 "cannot be merged"', run: async () => expectUsage(await cli(['merge', await gateJson(), await shard(1, 2), '--out', out('m4.md')]), 'whole (unsharded)') },
  {
    title: 'two whole runs → exit 2 (a whole run merges with nothing)',
    run: async () => {
      const b = join(scratch(), 'whole-copy.json');
      cpSync(await gateJson(), b);
      expectUsage(await cli(['merge', await gateJson(), b, '--out', out('m5.md')]), 'whole (unsharded)');
    },
  },
  {
    title: '`--partial` with shard 1/2 alone → exit 0, verdict PARTIAL naming 2/2 missing, in the report too',
    run: async () => {
      const r = await cli(['merge', await shard(1, 2), '--partial', '--out', out('m6.md')]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^PARTIAL: .*missing 2\/2/);
      expect(readFileSync(out('m6.md'), 'utf8')).toContain('PARTIAL');
      expect((readJson(out('m6.json')) as { verdict: string }).verdict).toBe('PARTIAL');
    },
  },
  {
    title: 'shards 1/2 and 2/2 → merged, exit 0 (PASS or INCOMPLETE, never PARTIAL)',
    run: async () => {
      const r = await cli(['merge', await shard(1, 2), await shard(2, 2), '--out', out('m7.md')]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^(PASS|INCOMPLETE): merged 2 shard/);
    },
  },
  {
    title: '`merge s1.json s2.json --out s1.md` (the twin is a shard) → exit 2 naming both; the shard intact',
    run: async () => {
      const s1 = join(scratch(), 's1.json');
      cpSync(await shard(1, 2), s1);
      const before = readFileSync(s1, 'utf8');
      expectUsage(await cli(['merge', s1, await shard(2, 2), '--out', join(scratch(), 's1.md')]), 'merge operand 1', s1);
      expect(readFileSync(s1, 'utf8')).toBe(before);
    },
  },
  { title: '`--gate-out` naming a shard → exit 2 naming --gate-out and the operand', run: async () => expectUsage(await cli(['merge', await shard(1, 2), await shard(2, 2), '--gate-out', await shard(2, 2), '--out', out('m8.md')]), '--gate-out', 'merge operand 2') },
  { title: '`--gate-out` naming the report\'s own twin → exit 2 "is also written as"', run: async () => expectUsage(await cli(['merge', await shard(1, 2), await shard(2, 2), '--gate-out', out('m9.json'), '--out', out('m9.md')]), 'is also written as') },
  { title: 'shards of different kernels → exit 2 naming the kernel', run: async () => expectUsage(await cli(['merge', await shard(1, 2), file(variant(readJson(await shard(2, 2)), (g) => { g.meta.kernel = 'other'; })), '--out', out('m10.md')]), 'the kernel') },
]);
