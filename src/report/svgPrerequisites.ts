// `--svg` draws the state diagram with mermaid inside headless Chromium driven by playwright-core. The two npm
// packages are optional peer dependencies (most teams never render SVG and should not install a browser driver),
// so `--svg` checks for them, and for Chromium, before any run starts: a missing piece is one clear line and
// exit 2, not a failure after minutes of gate.
import { createRequire } from 'node:module';
import { UsageError } from '../cli/exitCodes.ts';
import { chromiumPath, DEFAULT_CHROMIUM } from './renderMermaidSvg.ts';

/** What renderMermaidSvg resolves: the browser bundle of mermaid and playwright-core's entry. */
const PACKAGES = [
  { name: 'mermaid', entry: 'mermaid/dist/mermaid.min.js' },
  { name: 'playwright-core', entry: 'playwright-core' },
] as const;

export type Resolve = (specifier: string) => string;

const resolveHere: Resolve = (specifier) => createRequire(import.meta.url).resolve(specifier);

/** Why `--svg` cannot render here (every missing piece), or null when it can. */
export function svgUnavailableReason(env: NodeJS.ProcessEnv = process.env, resolve: Resolve = resolveHere): string | null {
  const missing: string[] = [];
  const packages = PACKAGES.filter((p) => {
    try {
      resolve(p.entry);
      return false;
    } catch {
      return true;
    }
  }).map((p) => p.name);
  if (packages.length > 0) missing.push(`${packages.join(' and ')} (optional peer dependencies: npm install --save-dev ${packages.join(' ')})`);
  if (chromiumPath(env) === undefined) missing.push(`Chromium at ${env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return missing.length === 0 ? null : `--svg needs ${missing.join('; and ')}`;
}

/** Throws the one-line usage error (exit 2) when `--svg` cannot render; call it before the run starts. */
export function assertSvgAvailable(env: NodeJS.ProcessEnv = process.env, resolve: Resolve = resolveHere): void {
  const reason = svgUnavailableReason(env, resolve);
  if (reason !== null) throw new UsageError(reason);
}
