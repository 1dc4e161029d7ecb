// A minimal ClickHouse HTTP client: POST the SQL, read JSONEachRow back line by line as it arrives, so a large
// table streams through in bounded memory. Settings go in the URL (ClickHouse 18 has no SETTINGS clause);
// credentials in the URL become the X-ClickHouse-User/Key headers (fetch refuses them in URLs).

export class ClickHouseError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'ClickHouseError';
  }
}

export interface ClickHouseTarget {
  readonly url: string;
  readonly database: string;
}

interface Endpoint { readonly base: string; readonly headers: Record<string, string> }

function endpoint(raw: string): Endpoint {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ClickHouseError(`not a URL: ${JSON.stringify(raw)}`, null);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ClickHouseError(`must be http(s)://, got ${JSON.stringify(raw)}`, null);
  const headers: Record<string, string> = {};
  if (u.username) headers['X-ClickHouse-User'] = decodeURIComponent(u.username);
  if (u.password) headers['X-ClickHouse-Key'] = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  u.searchParams.set('output_format_json_quote_64bit_integers', '0');
  return { base: u.toString(), headers };
}

async function post(url: string, sql: string): Promise<Response> {
  const { base, headers } = endpoint(url);
  let res: Response;
  try {
    res = await fetch(base, { method: 'POST', body: sql, headers });
  } catch (e) {
    throw new ClickHouseError(`cannot reach ${base.split('?')[0]}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`, null);
  }
  if (!res.ok) throw new ClickHouseError(`ClickHouse answered ${res.status}: ${(await res.text()).trim().slice(0, 400)}`, res.status);
  return res;
}

/** Runs a statement and returns the whole answer (DDL, small results). */
export async function chExec(url: string, sql: string): Promise<string> {
  return (await post(url, sql)).text();
}

/** Runs a SELECT … FORMAT JSONEachRow and yields each row as it arrives. */
export async function* chRows(url: string, sql: string): AsyncGenerator<Record<string, unknown>> {
  const res = await post(url, sql);
  if (!res.body) return;
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line.trim() !== '') yield JSON.parse(line) as Record<string, unknown>;
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest.trim() !== '') yield JSON.parse(rest) as Record<string, unknown>;
}

/** All rows of a small SELECT. */
export async function chAll(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of chRows(url, sql)) out.push(r);
  return out;
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
