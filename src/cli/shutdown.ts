// Things to end before the CLI returns (the worker pool's threads would otherwise keep the process alive).
// Registered by what started them, so a command that never started a pool loads nothing for it.
const closers = new Set<() => Promise<void>>();

export function onShutdown(close: () => Promise<void>): void {
  closers.add(close);
}

export async function shutdown(): Promise<void> {
  const all = [...closers];
  closers.clear();
  await Promise.allSettled(all.map((c) => c()));
}
