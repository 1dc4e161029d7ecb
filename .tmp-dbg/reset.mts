import { WireVenue } from '../src/venue/wire/wireVenue.ts';
import { WireSession } from '../src/venue/wire/wireSession.ts';
import { VenueSimulator } from '../src/venue/simulator/simulator.ts';
import { SWARM_ALL_ON } from '../src/venue/simulator/schedule.ts';
const v = await WireVenue.start();
Object.assign(process.env, v.env('one-way'));
const { CcxtAdapter } = await import('../examples/ccxt/ccxtAdapter.ts');
const a = new CcxtAdapter();
for (let i = 0; i < 4; i++) {
  const sim = new VenueSimulator([], SWARM_ALL_ON, undefined, 'one-way');
  let t = performance.now();
  v.begin(new WireSession(sim, 'one-way', i + 1), { onHttp: (x) => console.log('  ', (performance.now() - t).toFixed(0), x.method, x.path) });
  await a.reset({ quoteAsset: 'USDT', assetPrices: { BNB: '500' }, instruments: {} });
  console.log('reset', (performance.now() - t).toFixed(0), 'connected', v.connected);
  t = performance.now();
  await a.handle({ type: 'sync', nowMs: 0 });
  console.log('sync', (performance.now() - t).toFixed(0));
}
await a.stop(); await v.close();
