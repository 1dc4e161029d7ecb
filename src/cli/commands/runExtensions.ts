// Extra outputs of `workbench run` (row files, …) hook in here so run.ts stays about the kernel.
import type { Command } from 'commander';
import type { KernelDriver } from '../../driver/driver.ts';
import type { Scenario } from '../../scenario/loadScenario.ts';

export interface RunExtensionOptions {
  readonly rows?: string;
}

export function registerRunExtensions(_cmd: Command): void {}

export function runExtensions(_driver: KernelDriver, _scenario: Scenario, _options: RunExtensionOptions): void {}
