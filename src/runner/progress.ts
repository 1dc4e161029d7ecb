// The progress callback every runner takes (gate, parity, adapter fuzz; in-process or over the pool): runs done
// of runs planned, distinct failures found so far, and inputs checked when the runner counts them.
export type OnProgress = (runsDone: number, runsTotal: number, failures: number, inputsChecked?: number) => void;
