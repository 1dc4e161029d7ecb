// The newest modification time among the workbench's own sources (src/, properties/, schemas/, package.json):
// dist/ is used only when it was built from sources at least this new. A few hundred stats: milliseconds.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['src', 'properties', 'schemas'];

function newestIn(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    const t = e.isDirectory() ? newestIn(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** Newest mtime (ms) of the sources under `root`. */
export function newestSourceMs(root) {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  for (const r of ROOTS) newest = Math.max(newest, newestIn(join(root, r)));
  return Math.floor(newest);
}
