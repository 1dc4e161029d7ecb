// Where rows go: memory (tests, properties, the gate) or NDJSON files, one per family, in ClickHouse's
// JSONEachRow form (one JSON object per line, columns in schema order).
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir } from '../cli/io/atomicWrite.ts';
import { FAMILIES, type Family, type Row, type RowsOf } from './families.ts';
import type { RowSink } from './writer.ts';

export class MemoryRowSink implements RowSink {
  readonly rows: RowsOf = Object.fromEntries(FAMILIES.map((f) => [f, []])) as unknown as RowsOf;
  write<F extends Family>(family: F, row: Row<F>): void {
    (this.rows[family] as Row<F>[]).push(row);
  }
}

/**
 * Writes `<dir>/<family>.ndjson`; every family gets a file, empty when it had no rows. Call close(): rows go
 * to temporary files beside the targets, renamed over them on close, so a killed run leaves no torn file.
 */
export class NdjsonFileSink implements RowSink {
  private readonly fds = new Map<Family, number>();
  readonly counts = new Map<Family, number>();

  constructor(readonly dir: string) {
    ensureDir(dir);
    for (const f of FAMILIES) {
      this.fds.set(f, openSync(this.tempOf(f), 'w'));
      this.counts.set(f, 0);
    }
  }

  private tempOf(f: Family): string {
    return join(this.dir, `.${f}.ndjson.${process.pid}.tmp`);
  }

  write<F extends Family>(family: F, row: Row<F>): void {
    const fd = this.fds.get(family);
    if (fd === undefined) throw new Error(`NdjsonFileSink: ${family} already closed`);
    writeSync(fd, `${JSON.stringify(row)}\n`);
    this.counts.set(family, (this.counts.get(family) ?? 0) + 1);
  }

  close(): void {
    for (const [f, fd] of this.fds) {
      closeSync(fd);
      renameSync(this.tempOf(f), join(this.dir, `${f}.ndjson`));
    }
    this.fds.clear();
  }
}

/** Fans rows out to several sinks. */
export function teeSink(...sinks: RowSink[]): RowSink {
  return { write: (family, row) => sinks.forEach((s) => s.write(family, row)) };
}
