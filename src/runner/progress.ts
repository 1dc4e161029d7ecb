// The progress callback every runner takes (gate, parity, adapter fuzz; in-process or over the pool): runs done
// of runs planned, failures found so far and inputs checked.
export type OnProgress = (runsDone: number, runsTotal: number, failures: number, inputsChecked: number) => void;
