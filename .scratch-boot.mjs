import { register } from 'tsx/esm/api';
register();
const m = await import('./.scratch-w.ts');
export default m.default;
