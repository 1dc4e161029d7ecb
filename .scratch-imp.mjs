import { register } from 'tsx/esm/api';
register();
const t0 = performance.now();
await import('./src/cli/main.ts');
console.log('import main', performance.now() - t0);
