// Protocol round trips through a child process, as a bench section.
import { benchProtocol } from '../protocol.ts';
import { fmt } from '../stats.ts';
import { section } from './section.ts';

export const PROTOCOL_SECTION = section({
  id: 'protocol',
  title: 'protocol round trips',
  measure: () => benchProtocol(),
  render: (p: { node: number; python: number | null }) => [
    '## Protocol', '',
    `One step request and its validated reply through a child process: ${fmt(p.node)}/s to the TypeScript reference kernel${p.python === null ? '' : `, ${fmt(p.python)}/s to the Python float kernel`} (median of 5 rounds of 2 000 after warm-up).`, '',
  ],
});
