// Worker entry when the workbench runs from its TypeScript sources (tests, tsx): registers tsx in this thread,
// then exposes the worker module. The built workbench (dist/) points the pool at worker.js directly.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./worker.ts');
export default mod.default;
