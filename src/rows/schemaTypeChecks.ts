// Compile-time checks that the row schemas' enums agree with the kernel's own types.
// `npm run typecheck` fails if a diagnostic code, stage or side is added on one side only.
import type { DiagnosticCode } from '../kernel/diagnostics.ts';
import type { Side, Stage } from '../kernel/types.ts';
import type { RowsByFamily } from '../invariants/invariant.ts';
import type { RowsOf } from './families.ts';
import type { KernelOutcomesRow, TradeEventsRow, TradeExitLegsRow } from './rowTypes.generated.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type SchemaTypeChecks = [
  Assert<Equal<KernelOutcomesRow['diagnostic_code'], DiagnosticCode>>,
  Assert<Equal<KernelOutcomesRow['state'], Stage | ''>>,
  Assert<Equal<TradeEventsRow['side'], Side>>,
  Assert<Equal<TradeExitLegsRow['side'], Side>>,
  // rowsForRun's result is what invariants take (RowsByFamily): the gate passes it straight through.
  Assert<RowsOf extends RowsByFamily ? true : false>,
];
