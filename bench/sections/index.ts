// The report's sections after the core figures, in order. Add a section: one module in this folder, one line here.
import { BLACK_BOX_SECTION } from './blackBox.ts';
import { PROTOCOL_SECTION } from './protocol.ts';
import type { BenchSection } from './section.ts';

export const SECTIONS: readonly BenchSection[] = [
  PROTOCOL_SECTION,
  BLACK_BOX_SECTION,
];
