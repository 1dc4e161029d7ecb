// The reference kernel behind the JSON-lines protocol, as a child process: the protocol's own conformance
// peer (parity of the reference with itself) and a model for implementers in other languages.
// Run: node --import tsx src/protocol/referenceKernelChild.ts
import { createInterface } from 'node:readline';
import { makeConfig, initialState, step, type KernelInput, type KernelState } from '../kernel/index.ts';
import { StepViewer } from '../parity/candidate.ts';
import { PROTOCOL_VERSION } from './jsonLinesChild.ts';

const send = (m: unknown) => process.stdout.write(`${JSON.stringify(m)}\n`);
let state: KernelState | null = null;
let viewer = new StepViewer();
let greeted = false;

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const m = JSON.parse(line) as { type: string; id?: number; config?: Parameters<typeof makeConfig>[0] & { initialCapital: string }; input?: KernelInput };
  if (!greeted) {
    greeted = true;
    send({ type: 'hello', protocol: PROTOCOL_VERSION, role: 'kernel', name: 'reference (child process)', capabilities: ['rows', 'control', 'balance', 'cancel'] });
    continue;
  }
  if (m.type === 'shutdown') break;
  try {
    if (m.type === 'reset') {
      state = initialState(makeConfig(m.config));
      viewer = new StepViewer();
      send({ type: 'ok', id: m.id });
    } else if (m.type === 'step' && state && m.input) {
      const before: KernelState = state;
      const result = step(before, m.input);
      state = result.state;
      send({ type: 'stepped', id: m.id, ...viewer.view(before, m.input, result) });
    } else {
      send({ type: 'error', id: m.id, message: `cannot handle ${m.type}${state ? '' : ' before reset'}` });
    }
  } catch (e) {
    send({ type: 'error', id: m.id, message: `${(e as Error).name}: ${(e as Error).message}` });
  }
}
