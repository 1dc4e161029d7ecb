// `--svg` checks its optional peers (mermaid, playwright-core) and Chromium before any run: every missing piece
// named in one line. The resolver and the environment are injected, so each combination is checked here.
import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/cli/exitCodes.ts';
import { assertSvgAvailable, svgUnavailableReason, type Resolve } from '../../src/report/svgPrerequisites.ts';

const CHROMIUM = { CHROMIUM_PATH: process.execPath }; // any file that exists stands for the browser here
const NO_CHROMIUM = { CHROMIUM_PATH: '/nonexistent/chromium' };
const all: Resolve = (s) => `/node_modules/${s}`;
const without = (...missing: string[]): Resolve => (s) => {
  if (missing.some((m) => s === m || s.startsWith(`${m}/`))) throw new Error(`Cannot find module '${s}'`);
  return `/node_modules/${s}`;
};

describe('--svg prerequisites', () => {
  test('everything present: no reason, no error', () => {
    expect(svgUnavailableReason(CHROMIUM, all)).toBeNull();
    expect(() => assertSvgAvailable(CHROMIUM, all)).not.toThrow();
  });

  test('each missing piece is named, with how to get it, on one line', () => {
    expect(svgUnavailableReason(CHROMIUM, without('mermaid'))).toBe('--svg needs mermaid (optional peer dependencies: npm install --save-dev mermaid)');
    expect(svgUnavailableReason(CHROMIUM, without('playwright-core'))).toBe('--svg needs playwright-core (optional peer dependencies: npm install --save-dev playwright-core)');
    expect(svgUnavailableReason(NO_CHROMIUM, all)).toBe('--svg needs Chromium at /nonexistent/chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    const both = svgUnavailableReason(NO_CHROMIUM, without('mermaid', 'playwright-core'));
    expect(both).toBe('--svg needs mermaid and playwright-core (optional peer dependencies: npm install --save-dev mermaid playwright-core); and Chromium at /nonexistent/chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    expect(both).not.toContain('\n');
  });

  test('missing pieces are a usage error (exit 2), not an internal one', () => {
    expect(() => assertSvgAvailable(NO_CHROMIUM, all)).toThrow(UsageError);
  });

  test('in this repository the peers resolve (they are dev dependencies)', () => {
    expect(svgUnavailableReason(CHROMIUM)).toBeNull();
  });
});
