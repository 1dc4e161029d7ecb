// Warnings go to stderr on one line each, beside the finding they concern (stdout may be JSON for a program).
import { oneLine } from './showValue.ts';

export function warn(message: string): void {
  process.stderr.write(`workbench: warning: ${oneLine(message, 400)}\n`);
}

/** Runs a save; a failure becomes a warning (returned false), never an exit 3 that would hide the finding. */
export function trySave(what: string, path: string, save: () => void): boolean {
  try {
    save();
    return true;
  } catch (e) {
    warn(`${what} not saved to ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return false;
  }
}
