// Every case of the reliability catalogue, in the order of spec/reliability.md's table.
import type { Case } from './case.ts';
import { optionCases } from './cases/options.ts';
import { corpusCases, counterexampleCases, fuzzReplayCases, reportFileCases, scenarioCases } from './cases/files.ts';
import { mergeCases } from './cases/merge.ts';
import { writeCases } from './cases/writes.ts';
import { moduleCases } from './cases/modules.ts';
import { childCases, childCliCases } from './cases/children.ts';
import { ciCases, escapeCases, exampleCases } from './cases/misc.ts';
import { propertyCases } from './cases/properties.ts';

export const CASES: readonly Case[] = [
  ...optionCases, ...scenarioCases, ...counterexampleCases, ...reportFileCases, ...corpusCases, ...fuzzReplayCases, ...mergeCases, ...writeCases,
  ...moduleCases, ...childCases, ...childCliCases, ...ciCases, ...escapeCases, ...exampleCases, ...propertyCases,
];
