// A venue adapter in another process (any language) behind the JSON-lines protocol, as an AdapterFactory for
// `workbench fuzz`: one child serves every run (a `reset` per run); each adapter event is one request.
// A child that crashes, hangs or answers nonsense makes `handle` throw, which the fuzzer reports as a finding;
// the child is restarted for the next run.
import type { AdapterCapabilities, AdapterConfig, AdapterFactory, AdapterReaction } from '../adapters/contract.ts';
import { JsonLinesChild, ProtocolFault, type Hello } from './jsonLinesChild.ts';

export interface ProtocolAdapter {
  readonly factory: AdapterFactory;
  readonly hello: Hello;
  close(): Promise<void>;
}

export async function protocolAdapter(command: string, timeoutMs: number, env?: Readonly<Record<string, string>>): Promise<ProtocolAdapter> {
  const options = { command, role: 'adapter' as const, timeoutMs, ...(env ? { env } : {}) };
  let started = await JsonLinesChild.start(options);
  let child: JsonLinesChild | null = started.child;
  const firstHello = started.hello;
  if (!firstHello.adapterCapabilities) {
    await started.child.close();
    throw new ProtocolFault('handshake', 'an adapter\'s hello must declare adapterCapabilities', [], started.child.log);
  }
  const ensure = async (): Promise<JsonLinesChild> => {
    if (!child) {
      started = await JsonLinesChild.start(options);
      child = started.child;
    }
    return child;
  };
  const call = async (message: Record<string, unknown>) => {
    const c = await ensure();
    try {
      const reply = await c.request(message);
      if (reply.type === 'error') throw new ProtocolFault('unexpected', `the adapter answered an error: ${reply.message}`, [], c.log);
      return reply;
    } catch (e) {
      if (e instanceof ProtocolFault) child = null;
      throw e;
    }
  };
  const factory: AdapterFactory = async (config: AdapterConfig) => {
    await call({ type: 'reset', config: JSON.parse(JSON.stringify(config)) as Record<string, unknown> });
    return {
      capabilities: firstHello.adapterCapabilities as unknown as AdapterCapabilities,
      async handle(event) {
        const reply = await call({ type: 'event', event: JSON.parse(JSON.stringify(event)) as Record<string, unknown> });
        if (reply.type !== 'reaction') throw new ProtocolFault('unexpected', `the adapter answered ${reply.type} to an event`, [], '');
        return reply.reaction as AdapterReaction;
      },
    };
  };
  return {
    factory, hello: firstHello,
    async close() {
      if (child) await child.close();
      child = null;
    },
  };
}
