// A gate counterexample of a black-box kernel also carries the specification's outputs at every step (the
// reference kernel's step views, as parity stores them), so a Python developer replays it in pytest, in their own
// debugger and without the workbench: `dita_workbench.replay.assert_parity(file, kernel="my_kernel")` feeds the inputs to
// the kernel module in-process and stops at the first step whose outputs differ from the spec's.
import type { KernelConfig } from '../kernel/types.ts';
import { configMessage } from '../parity/candidate.ts';
import { referenceViews } from '../parity/runParity.ts';
import type { CounterexampleFile } from './counterexampleFile.ts';
import type { BlackBoxSection, Failure } from './result.ts';

export function withSpecOutputs(file: CounterexampleFile, f: Failure, box: BlackBoxSection, kernel: string, config: KernelConfig): CounterexampleFile {
  const cx = f.counterexample;
  const v = cx.values;
  return {
    ...file,
    parity: {
      candidate: kernel, candidateCmd: box.command, step: cx.stepIndex,
      divergences: [{ step: cx.stepIndex, where: f.invariantId, row: null, key: null, column: v['field'] ?? v['column'] ?? f.invariantId, reference: v['expected'] ?? '(the spec)', candidate: v['actual'] ?? cx.message }],
      setAside: [], ignore: [], tolerance: {}, config: configMessage(config), comparedRows: box.capabilities.includes('rows'),
      reference: JSON.parse(JSON.stringify(referenceViews(config, cx.inputs))) as unknown[],
    },
  };
}
