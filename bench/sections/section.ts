// A section of reports/bench.md beyond the issue-13 core figures: each measures its own figures and renders its
// own Markdown. To add one, write a module here exporting a BenchSection and list it in ./index.ts (one line):
// run.ts measures every listed section after the core figures, the JSON twin keeps each section's figures under
// `sections.<id>`, and the report appends each section's lines in list order.
export interface SectionContext {
  /** The repository's root folder. */
  readonly root: string;
  /** `npm run bench -- --quick`: fewer rounds. */
  readonly quick: boolean;
}

export interface BenchSection<F = unknown> {
  /** Key in the JSON twin (`sections.<id>`); stable. */
  readonly id: string;
  /** Shown in the progress log. */
  readonly title: string;
  measure(ctx: SectionContext): Promise<F> | F;
  /** Markdown lines, starting with the section's own `## ` heading. */
  render(figures: F): readonly string[];
}

/** Keeps a section's figure type while listing sections of different types together. */
export function section<F>(s: BenchSection<F>): BenchSection {
  return s as unknown as BenchSection;
}
