#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds it): compiles src/ and properties/ to dist/ with tsc, so
// the CLI starts without transpiling TypeScript. dist/ mirrors the repository's layout one level down, so it
// gets what the code reads beside itself: the schemas and a package.json (type, name, version).
// dist/.stamp records the newest source time at build; bin/workbench.js runs the sources when they are newer.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSourceMs } from '../bin/sourceStamp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamp = newestSourceMs(root);
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
rewriteDeclarationImports(dist);
mkdirSync(join(dist, 'schemas'), { recursive: true });
cpSync(join(root, 'schemas'), join(dist, 'schemas'), { recursive: true });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true }, null, 2)}\n`);
writeFileSync(join(dist, '.stamp'), `${stamp}\n`);

/**
 * tsc rewrites `./x.ts` to `./x.js` in the emitted JavaScript but leaves the declarations' specifiers as written;
 * a team's TypeScript project then looks for .ts files the package does not ship. Point them at the .js twins
 * (TypeScript finds x.d.ts beside x.js).
 */
function rewriteDeclarationImports(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) rewriteDeclarationImports(p);
    else if (e.name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8');
      const fixed = text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2');
      if (fixed !== text) writeFileSync(p, fixed);
    }
  }
}
