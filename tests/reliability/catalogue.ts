// Every case of the reliability catalogue, in the order of spec/reliability.md's table.
import type { Case } from './case.ts';
import { optionCases } from './cases/options.ts';

export const CASES: readonly Case[] = [...optionCases];
