// The workbench as a library: the reference kernel, the gate's generators and runner, the invariant
// catalogue and the row families. See README "Writing your own properties".
export * as kernel from './kernel/index.ts';
export { CATALOGUE, KERNEL_INVARIANTS, ROW_INVARIANTS, invariantById } from './invariants/catalogue.ts';
export type { Invariant, InvariantMeta, RunTrace, Violation, CheckResult, RowsByFamily } from './invariants/invariant.ts';
export {
  gateCaseArb, actionArb, mixArb, BASE_MIX, executeActions, executeInputs, checkExecution, runGate, runGateWith, REFERENCE, GATE_CONFIG,
  PROFILES, type GateAction, type GateCase, type GateResult, type SystemUnderTest,
} from './gate/index.ts';
export { rowsForRun, validateRow, FAMILIES, type Family } from './rows/index.ts';
export { KernelDriver, drive, MemoryKernelJournal, type StepRecord } from './driver/driver.ts';
export { MockVenueAdapter, type MockVenueScenario, type VenueAdapter } from './venue/mockVenue.ts';
