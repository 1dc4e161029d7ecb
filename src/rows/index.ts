// Public surface of the row families: schemas, validation, the writer, sinks and DDL.
export { FAMILIES, FAMILY_SCHEMAS, columnsOf, isFamily, type Family, type Row, type RowsOf, type AnyRow } from './families.ts';
export { validateRow, formatRowIssue, type RowIssue } from './registry.ts';
export { RowWriter, chDateTime, num, type PersistStep, type RowSink, type WriterOptions, type DecisionContext, type SlotLike } from './writer.ts';
export { MemoryRowSink, NdjsonFileSink, teeSink } from './sinks.ts';
export { rowsForRun, writeRecords, persistStepOf } from './fromRecords.ts';
export { ddlFor, ddlAll, type DdlOptions } from './ddl.ts';
export type * from './rowTypes.generated.ts';
