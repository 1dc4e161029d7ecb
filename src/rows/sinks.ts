// Where rows go: memory (tests, properties, the gate) or NDJSON files, one per family, in ClickHouse's
// JSONEachRow form (one JSON object per line, columns in schema order).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type Family, type Row, type RowsOf } from './families.ts';
import type { RowSink } from './writer.ts';

export class MemoryRowSink implements RowSink {
  readonly rows: RowsOf = Object.fromEntries(FAMILIES.map((f) => [f, []])) as unknown as RowsOf;
  write<F extends Family>(family: F, row: Row<F>): void {
    (this.rows[family] as Row<F>[]).push(row);
  }
}

/** Writes `<dir>/<family>.ndjson`; every family gets a file, empty when it had no rows. Call close(). */
export class NdjsonFileSink implements RowSink {
  private readonly fds = new Map<Family, number>();
  readonly counts = new Map<Family, number>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const f of FAMILIES) {
      this.fds.set(f, openSync(join(dir, `${f}.ndjson`), 'w'));
      this.counts.set(f, 0);
    }
  }

  write<F extends Family>(family: F, row: Row<F>): void {
    const fd = this.fds.get(family);
    if (fd === undefined) throw new Error(`NdjsonFileSink: ${family} already closed`);
    writeSync(fd, `${JSON.stringify(row)}\n`);
    this.counts.set(family, (this.counts.get(family) ?? 0) + 1);
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}

/** Fans rows out to several sinks. */
export function teeSink(...sinks: RowSink[]): RowSink {
  return { write: (family, row) => sinks.forEach((s) => s.write(family, row)) };
}
