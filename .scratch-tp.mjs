import Tinypool from 'tinypool';
const t0 = performance.now();
const pool = new Tinypool({ filename: new URL('./.scratch-boot.mjs', import.meta.url).href, minThreads: 2, maxThreads: 2 });
console.log(await Promise.all([pool.run(1), pool.run(2)]), performance.now() - t0);
await pool.destroy();
