// A test that needs a service (ClickHouse, Chromium) skips with the reason in its name when the service is
// missing, except under CI=true: there a missing service is a failure, so CI cannot pass without running it.

/** Whether a missing service must fail the test run (CI=true, or CI=1). */
export function servicesRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env['CI'] ?? '').toLowerCase();
  return ci === 'true' || ci === '1';
}

/** Skips with the reason, or (under CI) throws an error naming the service and the reason. */
export function skipOrFail(ctx: { skip: (note?: string) => void }, service: string, reason: string, env: NodeJS.ProcessEnv = process.env): never | void {
  if (servicesRequired(env)) throw new Error(`${service} is required under CI=true but missing: ${reason}`);
  ctx.skip(reason);
}
