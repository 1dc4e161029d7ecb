import { step, initialState } from './src/kernel/index.ts';
export default function (n: number): string { return `${n} ${typeof step} ${initialState().slots.length}`; }
