// The gate's names for the runners' one worker pool (src/runner/pool.ts).
export { defaultWorkers, runnerPool as gatePool, closeRunnerPool as closeGatePool } from '../../runner/pool.ts';
