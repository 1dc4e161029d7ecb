import { readFileSync } from 'node:fs';
const r = JSON.parse(readFileSync('/tmp/mut-full1.json', 'utf8'));
for (const [file, f] of Object.entries<any>(r.files)) {
  const lines = (f.source as string).split('\n');
  for (const m of f.mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const { start, end } = m.location;
    let text: string;
    if (start.line === end.line) text = lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
    else text = [lines[start.line - 1]!.slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]!.slice(0, end.column - 1)].join('\n');
    console.log(JSON.stringify({ file, line: start.line, col: start.column, mutator: m.mutatorName, original: text, replacement: m.replacement, status: m.status }));
  }
}
