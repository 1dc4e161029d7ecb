// The persistent map/set behave like Map/Set under any sequence of writes, and old versions never change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentMap, PersistentSet } from '../../src/kernel/persistent.ts';

describe('PersistentMap / PersistentSet', () => {
  it('agree with Map for any sequence of sets (keys chosen to collide in hash prefixes too)', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.nat(5000).map((n) => `T${n}:X${n % 7}`));
    fc.assert(fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 300 }), (writes) => {
      const model = new Map<string, number>();
      let map = PersistentMap.empty<number>();
      const versions: [PersistentMap<number>, Map<string, number>][] = [];
      for (const [k, v] of writes) {
        map = map.with(k, v);
        model.set(k, v);
        versions.push([map, new Map(model)]);
      }
      expect(map.size).toBe(model.size);
      for (const [k, v] of model) expect(map.get(k)).toBe(v);
      expect(new Map(map)).toEqual(model);
      for (const [m, snapshot] of versions) expect(new Map(m)).toEqual(snapshot); // old versions unchanged
      expect(map.has('\u0000absent')).toBe(model.has('\u0000absent'));
    }), { numRuns: 300, seed: 7 });
  });

  it('keeps both keys of a full 32-bit FNV-1a collision', () => {
    // k32728 and k261234 share the hash 0x92c402be (found by brute force).
    const m = PersistentMap.empty<number>().with('k32728', 1).with('k261234', 2).with('k32728', 3).with('other', 4);
    expect([m.get('k32728'), m.get('k261234'), m.get('other'), m.size]).toEqual([3, 2, 4, 3]);
  });

  it('holds many keys; adding a present key returns the same set', () => {
    let set = PersistentSet.empty();
    const keys = Array.from({ length: 20_000 }, (_, i) => `fill-${i}`);
    for (const k of keys) set = set.with(k);
    expect(set.size).toBe(keys.length);
    expect(keys.every((k) => set.has(k))).toBe(true);
    expect(set.with('fill-7')).toBe(set);
    expect(set.toJSON().slice(0, 2)).toEqual(['fill-0', 'fill-1']);
  });
});
