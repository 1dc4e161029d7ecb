// SIGINT / SIGTERM: every protocol child (and its descendants) is killed and reaped, what was checked so far
// is printed with the verdict "interrupted", and the process exits 130 (SIGINT) or 143 (SIGTERM).
// Installed by bin/workbench.js only (tests call main() in-process and keep their own handlers). A command
// running synchronously (the gate's generation loop) cannot take a handler, so it runs with the default
// signal action: node ends at once, and it has no children to leave behind.
import { killAllChildren } from '../protocol/jsonLinesChild.ts';
import { oneLine } from './showValue.ts';

type Reporter = () => string;
const reporters = new Set<Reporter>();

/** Registers what to print if the run is interrupted now; call the returned function when done. */
export function onInterruptReport(report: Reporter): () => void {
  reporters.add(report);
  return () => {
    reporters.delete(report);
  };
}

export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

function handle(signal: keyof typeof SIGNAL_EXIT): void {
  const killed = killAllChildren();
  const lines = [...reporters].map((r) => {
    try {
      return oneLine(r());
    } catch {
      return 'progress unknown';
    }
  });
  if (lines.length === 0) lines.push('nothing checked yet');
  for (const l of lines) process.stderr.write(`interrupted (${signal}): ${l}\n`);
  process.stderr.write(`verdict: interrupted${killed > 0 ? ` (${killed} child process${killed > 1 ? 'es' : ''} killed)` : ''}\n`);
  process.exit(SIGNAL_EXIT[signal]);
}

const handlers = { SIGINT: () => handle('SIGINT'), SIGTERM: () => handle('SIGTERM') };

export function installSignalHandlers(): void {
  process.on('SIGINT', handlers.SIGINT);
  process.on('SIGTERM', handlers.SIGTERM);
}

/**
 * Runs synchronous work with node's default signal action (a handler could only run after it), then puts
 * the handlers back if they were installed.
 */
export async function withDefaultSignals<T>(work: () => Promise<T>): Promise<T> {
  const installed = process.listeners('SIGINT').includes(handlers.SIGINT);
  if (installed) {
    process.off('SIGINT', handlers.SIGINT);
    process.off('SIGTERM', handlers.SIGTERM);
  }
  try {
    return await work();
  } finally {
    if (installed) installSignalHandlers();
  }
}
