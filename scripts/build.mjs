#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds it): compiles src/ and properties/ to dist/ with tsc, so
// the CLI starts without transpiling TypeScript. dist/ mirrors the repository's layout one level down, so it
// gets what the code reads beside itself: the schemas and a package.json (type, name, version).
// dist/.stamp records the newest source time at build; bin/workbench.js runs the sources when they are newer.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
mkdirSync(join(dist, 'schemas'), { recursive: true });
cpSync(join(root, 'schemas'), join(dist, 'schemas'), { recursive: true });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true }, null, 2)}\n`);
writeFileSync(join(dist, '.stamp'), `${stamp}\n`);
