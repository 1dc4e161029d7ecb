// The peer: bench/peer/hypothesis_peer.py (a Hypothesis RuleBasedStateMachine over the Python example kernel,
// in-process, with the same core invariants). Needs python3 and Hypothesis (Debian: python3-hypothesis).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { spreadOf, type Spread } from './stats.ts';

export interface PeerFigures {
  readonly available: boolean;
  readonly note: string;
  readonly stepsPerSecond: Spread | null;
  readonly hypothesis: string | null;
  readonly steps: number;
}

export function benchPeer(root: string, examples = 200, rounds = 3): PeerFigures {
  const probe = spawnSync('python3', ['-c', 'import hypothesis; print(hypothesis.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return { available: false, note: 'Hypothesis is not installed: apt-get install -y python3-hypothesis (the peer figure is skipped)', stepsPerSecond: null, hypothesis: null, steps: 0 };
  }
  const rates: number[] = [];
  let steps = 0;
  for (let r = 0; r < rounds; r++) {
    const out = spawnSync('python3', [join(root, 'bench/peer/hypothesis_peer.py'), String(examples)], { cwd: root, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`hypothesis_peer.py failed: ${out.stderr}`);
    const j = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { stepsPerSecond: number; steps: number; finding: string | null };
    rates.push(j.stepsPerSecond);
    steps = j.steps;
  }
  return { available: true, note: `${examples} examples × ≤ 25 steps, derandomized`, stepsPerSecond: spreadOf(rates), hypothesis: probe.stdout.trim(), steps };
}
