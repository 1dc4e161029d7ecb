// Finding and killing a child's whole tree: its process group is not enough, since a grandchild that called
// setsid() has left the group (and, once its parent exits, is re-parented and can no longer be traced).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** pid → parent pid of every process visible now (/proc on Linux, `ps` elsewhere). */
function parentTable(): Map<number, number> {
  const table = new Map<number, number>();
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        table.set(Number(name), ppid);
      } catch {
        // the process ended while we looked
      }
    }
    return table;
  } catch {
    // no /proc: ask ps
  }
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    for (const line of out.split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid !== undefined && ppid !== undefined && Number.isInteger(pid) && Number.isInteger(ppid)) table.set(pid, ppid);
    }
  } catch {
    // neither: only the process group can be killed
  }
  return table;
}

/** Every descendant of `pid` alive now (children, grandchildren, …), deepest last. */
export function descendantsOf(pid: number): number[] {
  const table = parentTable();
  const children = new Map<number, number[]>();
  for (const [p, pp] of table) (children.get(pp) ?? children.set(pp, []).get(pp)!).push(p);
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** SIGKILLs the process group led by `pid` and each pid in `extra` (descendants seen earlier). */
export function killTree(pid: number, extra: readonly number[] = []): void {
  const targets = [...new Set([...descendantsOf(pid), ...extra])];
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const p of targets) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
