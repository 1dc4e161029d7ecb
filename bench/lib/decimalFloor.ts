// The decimal floor: what the kernel's arithmetic alone costs. One pass of the kernel over the inputs records,
// per input, which decimal.js operations it called (top-level calls only) and which decimal texts it had to
// parse; the floor loop then does exactly that arithmetic on the same inputs' numbers with plain decimal.js
// and nothing else (no state, no records, no validation). kernel rate ÷ floor rate = how close to the floor.
import { Decimal } from '../../src/kernel/decimal.ts';
import type { KernelConfig, KernelInput, KernelState, StepResult } from '../../src/kernel/types.ts';

const OPS = ['add', 'sub', 'mul', 'div', 'cmp', 'lt', 'lte', 'gt', 'gte', 'eq', 'isZero', 'mod', 'toDecimalPlaces', 'trunc', 'toFixed'] as const;
type Op = (typeof OPS)[number];
const OP_CODE = new Map<Op, number>(OPS.map((o, i) => [o, i]));

export interface ArithmeticProfile {
  /** Per input: the op codes the kernel called, in order. */
  readonly ops: readonly Uint8Array[];
  /** Per input: the decimal texts it carries (what a kernel must parse). */
  readonly texts: readonly (readonly string[])[];
  readonly opsPerInput: number;
  readonly parsesPerInput: number;
  readonly opMix: Readonly<Record<string, number>>;
}

const NUMERIC_FIELDS = ['qty', 'price', 'fee', 'balance'] as const;
const INTENT_FIELDS = ['referencePrice', 'targetSize', 'leverage'] as const;

function textsOf(input: KernelInput): string[] {
  const out: string[] = [];
  const rec = input as unknown as Record<string, unknown>;
  for (const f of NUMERIC_FIELDS) if (typeof rec[f] === 'string') out.push(rec[f] as string);
  const intent = rec['intent'] as Record<string, unknown> | undefined;
  if (intent) {
    for (const f of INTENT_FIELDS) if (typeof intent[f] === 'string') out.push(intent[f] as string);
    if (Array.isArray(intent['exitLegRatios'])) for (const r of intent['exitLegRatios']) if (typeof r === 'string') out.push(r);
  }
  return out;
}

/** Runs the kernel once over the episodes with decimal.js instrumented; restores decimal.js afterwards. */
export function profileArithmetic(
  episodes: readonly (readonly KernelInput[])[], config: KernelConfig,
  kernel: { step: (s: KernelState, i: unknown) => StepResult; initialState: (c: KernelConfig) => KernelState },
): ArithmeticProfile {
  const proto = Object.getPrototypeOf(new Decimal(0)) as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<Op, (...args: unknown[]) => unknown>();
  let depth = 0;
  let current: number[] = [];
  for (const op of OPS) {
    const f = proto[op]!;
    originals.set(op, f);
    const code = OP_CODE.get(op)!;
    proto[op] = function (this: unknown, ...args: unknown[]) {
      if (depth === 0) current.push(code);
      depth++;
      try {
        return f.apply(this, args);
      } finally {
        depth--;
      }
    };
  }
  const ops: Uint8Array[] = [];
  const texts: string[][] = [];
  try {
    for (const inputs of episodes) {
      let s = kernel.initialState(config);
      for (const input of inputs) {
        current = [];
        s = kernel.step(s, input).state;
        ops.push(Uint8Array.from(current));
        texts.push(textsOf(input));
      }
    }
  } finally {
    for (const [op, f] of originals) proto[op] = f;
  }
  const totalOps = ops.reduce((a, o) => a + o.length, 0);
  const mix: Record<string, number> = {};
  for (const o of ops) for (const c of o) mix[OPS[c]!] = (mix[OPS[c]!] ?? 0) + 1;
  for (const k of Object.keys(mix)) mix[k] = mix[k]! / ops.length;
  return {
    ops, texts, opsPerInput: totalOps / ops.length, parsesPerInput: texts.reduce((a, t) => a + t.length, 0) / texts.length, opMix: mix,
  };
}

const TWO = new Decimal(2);
const TENTH = new Decimal('0.1');

/** The floor loop: parse each input's texts, then do its recorded operations on those numbers. */
export function floorPass(p: ArithmeticProfile): number {
  let sink = 0;
  const n = p.ops.length;
  for (let i = 0; i < n; i++) {
    const texts = p.texts[i]!;
    let a: Decimal = TWO;
    let b: Decimal = TENTH;
    for (let t = 0; t < texts.length; t++) {
      const d = new Decimal(texts[t]!);
      if (t === 0) a = d;
      else if (!d.isZero() && d.isFinite()) b = d;
    }
    if (!a.isFinite()) a = TWO;
    if (b.isZero() || !b.isFinite()) b = TENTH;
    const ops = p.ops[i]!;
    let acc = a;
    for (let k = 0; k < ops.length; k++) {
      switch (ops[k]) {
        case 0: acc = acc.add(b); break;
        case 1: acc = acc.sub(b); break;
        case 2: acc = a.mul(b); break;
        case 3: acc = a.div(b); break;
        case 4: sink += acc.cmp(b); break;
        case 5: sink += acc.lt(b) ? 1 : 0; break;
        case 6: sink += acc.lte(b) ? 1 : 0; break;
        case 7: sink += acc.gt(b) ? 1 : 0; break;
        case 8: sink += acc.gte(b) ? 1 : 0; break;
        case 9: sink += acc.eq(b) ? 1 : 0; break;
        case 10: sink += acc.isZero() ? 1 : 0; break;
        case 11: acc = a.mod(b); break;
        case 12: acc = acc.toDecimalPlaces(8); break;
        case 13: acc = acc.trunc(); break;
        case 14: sink += acc.toFixed().length; break;
      }
    }
  }
  return sink;
}
