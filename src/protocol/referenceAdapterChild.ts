// The reference venue adapter behind the JSON-lines protocol, as a child process (`fuzz --adapter-cmd`).
// Run: node --import tsx src/protocol/referenceAdapterChild.ts
import { createInterface } from 'node:readline';
import type { AdapterConfig, AdapterEvent, AdapterUnderTest } from '../adapters/contract.ts';
import { REFERENCE_CAPABILITIES, ReferenceAdapter } from '../adapters/reference/referenceAdapter.ts';
import { PROTOCOL_VERSION } from './jsonLinesChild.ts';

const send = (m: unknown) => process.stdout.write(`${JSON.stringify(m)}\n`);
let adapter: AdapterUnderTest | null = null;
let greeted = false;

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const m = JSON.parse(line) as { type: string; id?: number; config?: AdapterConfig; event?: AdapterEvent };
  if (!greeted) {
    greeted = true;
    send({ type: 'hello', protocol: PROTOCOL_VERSION, role: 'adapter', name: 'reference adapter (child process)', capabilities: ['cancel'], adapterCapabilities: REFERENCE_CAPABILITIES });
    continue;
  }
  if (m.type === 'shutdown') break;
  try {
    if (m.type === 'reset' && m.config) {
      adapter = new ReferenceAdapter(m.config);
      send({ type: 'ok', id: m.id });
    } else if (m.type === 'event' && adapter && m.event) {
      send({ type: 'reaction', id: m.id, reaction: await adapter.handle(m.event) });
    } else {
      send({ type: 'error', id: m.id, message: `cannot handle ${m.type}${adapter ? '' : ' before reset'}` });
    }
  } catch (e) {
    send({ type: 'error', id: m.id, message: `${(e as Error).name}: ${(e as Error).message}` });
  }
}
