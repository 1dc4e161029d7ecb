// The venue on loopback: one HTTP server on 127.0.0.1 (an ephemeral port) serving Binance USDⓈ-M's REST API
// and its user-data stream (WebSocket, the `ws` package) for one WireSession at a time. It checks the API key
// and signatures, adds Binance's headers, plays lost replies as dropped or held connections, and pushes stream
// messages only when the executor says so. Never leaves a socket open after close().
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StreamMessage } from '../simulator/wire.ts';
import { checkApiKey, checkSignature, type Credentials } from './auth.ts';
import { streamJson } from './binanceFormat.ts';
import { HOLD_MS, PONG_WAIT_MS, RECONNECT_WAIT_MS } from './clock.ts';
import { notFound, wireError, type WireFailure } from './errors.ts';
import { SECURITY, type Handled, type WireSession } from './wireSession.ts';

/** One HTTP exchange as the venue saw it, for the run's timeline. */
export interface HttpExchange {
  readonly method: string;
  readonly path: string;
  readonly status: number | 'dropped' | 'held';
  /** Order endpoints: where the simulator's records of this request start, and what the client saw. */
  readonly order: Handled['order'];
  readonly code: number | null;
}

export interface WireObserver {
  onHttp(exchange: HttpExchange): void;
}

const BODY_LIMIT_BYTES = 64 * 1024;

export const DEFAULT_CREDENTIALS: Credentials = {
  apiKey: 'workbench-test-api-key-0000000000000000000000000000000000000000000',
  apiSecret: 'workbench-test-api-secret-000000000000000000000000000000000000000',
};

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > BODY_LIMIT_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function listenKeyOf(url: URL): string | null {
  const q = url.searchParams.get('listenKey');
  if (q) return q;
  const m = /^\/(?:private\/)?ws\/([A-Za-z0-9]+)$/.exec(url.pathname);
  return m?.[1] ?? null;
}

export class WireVenue {
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<Socket>();
  private readonly streams = new Set<WebSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private connectWaiters: (() => void)[] = [];
  private session: WireSession | null = null;
  private observer: WireObserver | null = null;
  port = 0;

  constructor(readonly credentials: Credentials = DEFAULT_CREDENTIALS) {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      // A client that resets its connection is the client's business; never the venue's crash.
      s.on('error', () => s.destroy());
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.onUpgrade(req, socket, head));
  }

  static async start(credentials?: Credentials, port = 0): Promise<WireVenue> {
    const v = new WireVenue(credentials);
    await new Promise<void>((resolve, reject) => {
      v.server.once('error', reject);
      v.server.listen(port, '127.0.0.1', () => resolve());
    });
    v.port = (v.server.address() as AddressInfo).port;
    return v;
  }

  get restUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** The environment an adapter under test gets (spec/venue.md §7.1). */
  env(positionMode: string): Record<string, string> {
    return {
      WORKBENCH_VENUE_REST_URL: this.restUrl, WORKBENCH_VENUE_WS_URL: this.wsUrl, WORKBENCH_VENUE_API_KEY: this.credentials.apiKey,
      WORKBENCH_VENUE_API_SECRET: this.credentials.apiSecret, WORKBENCH_VENUE_POSITION_MODE: positionMode,
    };
  }

  /** A new run: the previous run's stream connections are closed, its listen keys forgotten. */
  begin(session: WireSession, observer: WireObserver | null): void {
    for (const ws of this.streams) ws.terminate();
    this.streams.clear();
    this.session = session;
    this.observer = observer;
  }

  get connected(): boolean {
    return this.streams.size > 0;
  }

  /** A stream disconnect: the adapter's user-data connection is cut (it sees an abnormal closure, 1006). */
  disconnectStream(): void {
    for (const ws of this.streams) ws.terminate();
    this.streams.clear();
  }

  private waitForStream(ms: number): Promise<boolean> {
    if (this.streams.size > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.connectWaiters = this.connectWaiters.filter((w) => w !== done);
        resolve(false);
      }, ms);
      this.timers.add(timer);
      const done = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        resolve(true);
      };
      this.connectWaiters.push(done);
    });
  }

  /**
   * Sends stream messages in order, then pings and waits for the pong, which proves the adapter's WebSocket
   * reader has taken them (RFC 6455 answers pings in order). Returns whether they went out: after a
   * disconnect the venue waits RECONNECT_WAIT_MS for the adapter to come back; an adapter that never opened
   * a stream gets nothing (it polls instead).
   */
  async sendStream(messages: readonly StreamMessage[]): Promise<boolean> {
    const session = this.session;
    if (!session || messages.length === 0 || !session.streamWanted) return false;
    if (!(await this.waitForStream(RECONNECT_WAIT_MS))) return false;
    const targets = [...this.streams];
    for (const ws of targets) for (const m of messages) ws.send(JSON.stringify(streamJson(m, (c) => session.positionSideOf(c))));
    await Promise.all(targets.map((ws) => this.pingPong(ws)));
    return true;
  }

  private pingPong(ws: WebSocket): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, PONG_WAIT_MS);
      function finish(): void {
        clearTimeout(timer);
        ws.off('pong', finish);
        ws.off('close', finish);
        resolve();
      }
      ws.on('pong', finish);
      ws.on('close', finish);
      try {
        ws.ping();
      } catch {
        finish();
      }
    });
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = listenKeyOf(url);
    if (!this.session || !key || !this.session.listenKeys.has(key)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"code":-1125,"msg":"This listenKey does not exist."}');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.streams.add(ws);
      ws.on('close', () => this.streams.delete(ws));
      ws.on('error', () => this.streams.delete(ws));
      const waiters = this.connectWaiters;
      this.connectWaiters = [];
      for (const w of waiters) w();
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = (await readBody(req)) ?? '';
    const rawQuery = url.search.replace(/^\?/, '');
    const params = new URLSearchParams(rawQuery);
    for (const [k, v] of new URLSearchParams(rawBody)) params.append(k, v);
    const session = this.session;
    const route = `${method} ${url.pathname}`;
    const security = SECURITY[route];
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}, order: Handled['order'] = null) => {
      const weight = session ? session.addWeight(route) : 0;
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-MBX-USED-WEIGHT-1M': String(weight), ...headers });
      res.end(JSON.stringify(body));
      const code = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'number' ? (body as { code: number }).code : null;
      this.observer?.onHttp({ method, path: url.pathname, status, order, code });
    };
    const failed = (f: WireFailure, order: Handled['order'] = null) => reply(f.status, f.body, f.headers ? { ...f.headers } : {}, order);
    if (!session) return failed(wireError(503, -1001, 'Service Unavailable.'));
    if (!security) return failed(notFound(method, url.pathname));
    if (security !== 'none') {
      const bad = checkApiKey(req.headers['x-mbx-apikey'], this.credentials)
        ?? (security === 'signed' ? checkSignature(rawQuery, rawBody, params, this.credentials, Date.now()) : null);
      if (bad) return failed(bad);
    }
    const ban = session.banned();
    const isOrder = url.pathname === '/fapi/v1/order';
    if (ban) {
      if (isOrder) return failed(ban, session.refuseOrder(method as 'POST' | 'GET' | 'DELETE', params, ban).order);
      return failed(ban);
    }
    const handled = session.route(method, url.pathname, params);
    const a = handled.answer;
    if (a.kind === 'json') return reply(a.status, a.body, a.headers ? { ...a.headers } : {}, handled.order);
    this.observer?.onHttp({ method, path: url.pathname, status: a.how === 'drop' ? 'dropped' : 'held', order: handled.order, code: null });
    if (a.how === 'drop') {
      req.socket.destroy();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      req.socket.destroy();
    }, HOLD_MS);
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const ws of this.streams) ws.terminate();
    this.streams.clear();
    for (const s of this.sockets) s.destroy();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
