// Persistent (immutable, structurally shared) string-keyed map and set for kernel state.
// A step that records one order or one fill id shares everything else with the previous state, so
// accepting an input costs O(log₃₂ n) instead of copying every id seen so far (reports/bench.md).
// Iteration order is the key's hash order: deterministic, but not insertion order.

interface Leaf<V> {
  readonly kind: 0;
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}
interface Collision<V> {
  readonly kind: 1;
  readonly hash: number;
  readonly entries: readonly Leaf<V>[];
}
interface Branch<V> {
  readonly kind: 2;
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}
type Node<V> = Leaf<V> | Collision<V> | Branch<V>;

const BITS = 5;
const MASK = 31;

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

function lookup<V>(node: Node<V> | null, hash: number, key: string): Leaf<V> | undefined {
  let shift = 0;
  let cur = node;
  while (cur) {
    if (cur.kind === 0) return cur.key === key ? cur : undefined;
    if (cur.kind === 1) return cur.hash === hash ? cur.entries.find((e) => e.key === key) : undefined;
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((cur.bitmap & bit) === 0) return undefined;
    cur = cur.children[popcount(cur.bitmap & (bit - 1))] ?? null;
    shift += BITS;
  }
  return undefined;
}

/** Merges two leaves (or a collision) whose hashes differ into branches from `shift` down. */
function join<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Node<V> {
  if (a.hash === b.hash) {
    const entries = a.kind === 0 ? [a, b] : [...a.entries, b];
    return { kind: 1, hash: b.hash, entries };
  }
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { kind: 2, bitmap: 1 << ia, children: [join(a, b, shift + BITS)] };
  const children = ia < ib ? [a, b] : [b, a];
  return { kind: 2, bitmap: (1 << ia) | (1 << ib), children };
}

/** Returns the new node and whether the key was new. */
function insert<V>(node: Node<V> | null, shift: number, leaf: Leaf<V>): { node: Node<V>; added: boolean } {
  if (!node) return { node: leaf, added: true };
  if (node.kind === 0) {
    if (node.key === leaf.key) return { node: leaf, added: false };
    return { node: join(node, leaf, shift), added: true };
  }
  if (node.kind === 1) {
    if (node.hash !== leaf.hash) return { node: join(node, leaf, shift), added: true };
    const i = node.entries.findIndex((e) => e.key === leaf.key);
    if (i < 0) return { node: { kind: 1, hash: node.hash, entries: [...node.entries, leaf] }, added: true };
    const entries = node.entries.slice();
    entries[i] = leaf;
    return { node: { kind: 1, hash: node.hash, entries }, added: false };
  }
  const bit = 1 << ((leaf.hash >>> shift) & MASK);
  const idx = popcount(node.bitmap & (bit - 1));
  const children = node.children.slice();
  if ((node.bitmap & bit) === 0) {
    children.splice(idx, 0, leaf);
    return { node: { kind: 2, bitmap: node.bitmap | bit, children }, added: true };
  }
  const child = insert(node.children[idx] ?? null, shift + BITS, leaf);
  children[idx] = child.node;
  return { node: { kind: 2, bitmap: node.bitmap, children }, added: child.added };
}

function* walk<V>(node: Node<V> | null): Generator<Leaf<V>> {
  if (!node) return;
  if (node.kind === 0) yield node;
  else if (node.kind === 1) yield* node.entries;
  else for (const child of node.children) yield* walk(child);
}

export class PersistentMap<V> implements ReadonlyMap<string, V> {
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(null, 0);
  }

  private constructor(private readonly root: Node<V> | null, readonly size: number) {}

  get(key: string): V | undefined {
    return lookup(this.root, hashOf(key), key)?.value;
  }

  has(key: string): boolean {
    return lookup(this.root, hashOf(key), key) !== undefined;
  }

  /** A new map with `key` set to `value`; this one is unchanged. */
  with(key: string, value: V): PersistentMap<V> {
    const r = insert(this.root, 0, { kind: 0, hash: hashOf(key), key, value });
    return new PersistentMap(r.node, this.size + (r.added ? 1 : 0));
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const leaf of walk(this.root)) callback(leaf.value, leaf.key, this);
  }

  *entries(): MapIterator<[string, V]> {
    for (const leaf of walk(this.root)) yield [leaf.key, leaf.value];
  }

  *keys(): MapIterator<string> {
    for (const leaf of walk(this.root)) yield leaf.key;
  }

  *values(): MapIterator<V> {
    for (const leaf of walk(this.root)) yield leaf.value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /** Plain, insertion-independent form for JSON and snapshots. */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [k, v] of [...this.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
    return out;
  }
}

export class PersistentSet implements ReadonlySet<string> {
  static empty(): PersistentSet {
    return new PersistentSet(PersistentMap.empty<true>());
  }

  private constructor(private readonly map: PersistentMap<true>) {}

  get size(): number {
    return this.map.size;
  }

  has(value: string): boolean {
    return this.map.has(value);
  }

  /** A new set with `value` added; this one is unchanged. */
  with(value: string): PersistentSet {
    return this.map.has(value) ? this : new PersistentSet(this.map.with(value, true));
  }

  forEach(callback: (value: string, value2: string, set: ReadonlySet<string>) => void): void {
    for (const k of this.map.keys()) callback(k, k, this);
  }

  *entries(): SetIterator<[string, string]> {
    for (const k of this.map.keys()) yield [k, k];
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *values(): SetIterator<string> {
    yield* this.map.keys();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  toJSON(): string[] {
    return [...this.values()].sort();
  }
}
