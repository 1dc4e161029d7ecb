// One protocol round trip: messages per second through a child process (the reference kernel behind the
// JSON-lines protocol; each message is a full kernel step with its rows), median of several rounds.
import { GATE_CONFIG } from '../src/gate/index.ts';
import { childCandidate } from '../src/parity/candidate.ts';
import type { KernelInput } from '../src/kernel/types.ts';
import { fmt, median } from './stats.ts';

async function roundTrips(command: string): Promise<number> {
  const candidate = await childCandidate(command);
  const ack: KernelInput = { kind: 'order_accepted', tsMs: Date.UTC(2026, 4, 25), orderId: 'none' };
  const rates: number[] = [];
  try {
    await candidate.reset(GATE_CONFIG);
    for (let round = 0; round < 6; round++) {
      const n = 2000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await candidate.step(ack);
      rates.push(n / ((performance.now() - t0) / 1000));
    }
  } finally {
    await candidate.close();
  }
  return median(rates.slice(1));
}

export async function benchProtocol(): Promise<{ node: number; python: number | null }> {
  const node = await roundTrips('node --import tsx src/protocol/referenceKernelChild.ts');
  let python: number | null = null;
  try {
    python = await roundTrips('python3 examples/python/float_kernel.py');
  } catch {
    python = null;
  }
  return { node, python };
}

export async function main(): Promise<string> {
  const { node, python } = await benchProtocol();
  return `protocol round trips through a child process: ${fmt(node)} messages/s to the TypeScript reference kernel${python === null ? '' : `, ${fmt(python)} messages/s to the Python float kernel`}`;
}
