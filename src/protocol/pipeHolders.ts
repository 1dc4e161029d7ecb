// Who still holds the write end of a child's stdout pipe (Linux /proc). A kernel started behind a shell
// (`sh -c "python3 k.py; echo done"`) can close its stdout while the waiting shell keeps its copy of the pipe
// open: the workbench then never sees end-of-file. If only shells hold the pipe while another process of the
// tree (the one that closed it) is still alive, nobody will ever answer: the stream is closed in all but name.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh', 'busybox']);

/**
 * What a process's stdout is (`pipe:[inode]`, or `socket:[inode]`: node's stdio pipes are socket pairs), read
 * from the child side, so every process that inherited it shows the same link. Null: no /proc, or not a stream.
 */
export function stdoutOf(pid: number): string | null {
  try {
    const link = readlinkSync(`/proc/${pid}/fd/1`);
    return link.startsWith('pipe:') || link.startsWith('socket:') ? link : null;
  } catch {
    return null;
  }
}

function holds(pid: number, pipe: string): boolean {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === pipe) return true;
      } catch {
        // the descriptor closed while we looked
      }
    }
  } catch {
    // the process ended while we looked
  }
  return false;
}

function commOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * True when the tree's processes that still hold `pipe` are all shells and some other process of the tree is
 * alive without it: the process that was to answer has closed its stdout. False when that cannot be told.
 */
export function onlyShellsHold(pipe: string, tree: readonly number[]): boolean {
  let holders = 0;
  let nonHolderAlive = false;
  for (const pid of tree) {
    const comm = commOf(pid);
    if (comm === null) continue;
    if (holds(pid, pipe)) {
      if (!SHELLS.has(comm)) return false;
      holders++;
    } else nonHolderAlive = true;
  }
  return holders > 0 && nonHolderAlive;
}
