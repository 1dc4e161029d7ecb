// What an audit finds, as data: one violation names the family, the row's key, the columns and both values.
// The collector counts every violation but keeps only the first few per check, so memory stays bounded.
import { AUDIT_CHECKS, type AuditCheckId } from './checks.ts';

export interface AuditViolation {
  readonly check: AuditCheckId;
  readonly family: string;
  /** The row's or the group's key, e.g. `pink/T1:leg2` or `pink/T1`. */
  readonly key: string;
  readonly columns: readonly string[];
  readonly recorded: string;
  readonly expected: string;
  readonly message: string;
}

export interface CheckOutcome {
  readonly id: AuditCheckId;
  readonly title: string;
  readonly status: 'held' | 'violated' | 'not-run';
  /** Rows or groups the check looked at. */
  readonly checked: number;
  readonly violationCount: number;
  readonly violations: readonly AuditViolation[];
  readonly note: string;
}

export const KEPT_PER_CHECK = 50;

export class FindingCollector {
  private readonly kept = new Map<AuditCheckId, AuditViolation[]>();
  private readonly counts = new Map<AuditCheckId, number>();
  private readonly checked = new Map<AuditCheckId, number>();
  private readonly notRun = new Map<AuditCheckId, string>();

  add(v: AuditViolation): void {
    this.counts.set(v.check, (this.counts.get(v.check) ?? 0) + 1);
    const list = this.kept.get(v.check) ?? [];
    if (list.length < KEPT_PER_CHECK) list.push(v);
    this.kept.set(v.check, list);
  }

  count(check: AuditCheckId, n = 1): void {
    this.checked.set(check, (this.checked.get(check) ?? 0) + n);
  }

  skip(check: AuditCheckId, why: string): void {
    this.notRun.set(check, why);
  }

  /** Forgets what a check found and marks it not run: it depended on a family whose columns were wrong. */
  drop(check: AuditCheckId, why: string): void {
    this.kept.delete(check);
    this.counts.delete(check);
    this.checked.delete(check);
    this.notRun.set(check, why);
  }

  outcomes(): CheckOutcome[] {
    return AUDIT_CHECKS.map((c) => {
      const n = this.counts.get(c.id) ?? 0;
      const why = this.notRun.get(c.id);
      const violations = [...(this.kept.get(c.id) ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return {
        id: c.id, title: c.title, status: why !== undefined && n === 0 ? 'not-run' : n > 0 ? 'violated' : 'held',
        checked: this.checked.get(c.id) ?? 0, violationCount: n, violations, note: why ?? '',
      };
    });
  }
}
