// The workbench's JSON-lines protocol (spec/protocol.md) for a TypeScript adapter child: hello, then one
// request at a time (reset / event / shutdown), each answered before the next is read. The twin of
// python/src/dita_workbench/bridge.py. Only this module writes to stdout; log to stderr.
import { createInterface } from 'node:readline';

export interface BridgeHandlers {
  readonly name: string;
  readonly adapterCapabilities: Record<string, unknown>;
  onReset(config: Record<string, unknown>): Promise<void>;
  onEvent(event: Record<string, unknown>): Promise<Record<string, unknown>>;
  onShutdown(): Promise<void>;
}

function send(message: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(message) + '\n');
}

export async function serveAdapter(h: BridgeHandlers): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let greeted = false;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as Record<string, unknown>;
    if (!greeted) {
      if (message['type'] !== 'hello' || message['role'] !== 'adapter') {
        process.stderr.write(`jsonLinesBridge: unexpected hello ${line}\n`);
        process.exit(2);
      }
      greeted = true;
      send({ type: 'hello', protocol: 1, role: 'adapter', name: h.name, capabilities: ['cancel'], adapterCapabilities: h.adapterCapabilities });
      continue;
    }
    if (message['type'] === 'shutdown') break;
    const id = message['id'];
    try {
      if (message['type'] === 'reset') {
        await h.onReset(message['config'] as Record<string, unknown>);
        send({ type: 'ok', id });
      } else if (message['type'] === 'event') {
        send({ type: 'reaction', id, reaction: await h.onEvent(message['event'] as Record<string, unknown>) });
      } else {
        send({ type: 'error', id, message: `unknown request type ${String(message['type'])}` });
      }
    } catch (e) {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      send({ type: 'error', id, message: `${(e as Error).name}: ${(e as Error).message}` });
    }
  }
  await h.onShutdown();
  process.exit(0);
}
