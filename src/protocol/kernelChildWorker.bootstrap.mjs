// synckit worker entry when the workbench runs from its TypeScript sources: registers tsx in this thread first.
// The built workbench (dist/) starts kernelChildWorker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./kernelChildWorker.ts');
