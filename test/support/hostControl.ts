import { createServer, type Server, type ServerResponse } from 'node:http';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * The outer runner's end of the in-host channel: a loopback HTTP server the in-host runner
 * long-polls for commands (`/next`) and posts results to (`/result/:id`).
 */
export class HostControl {
  private readonly server: Server;
  private readonly queue: object[] = [];
  private readonly waiting: ServerResponse[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private polledOnce!: () => void;
  private readonly seen = new Set<string>();
  private readonly hostWaiters: (() => void)[] = [];
  /** The extension host that polled first most recently: the one commands go to. */
  private current: string | undefined;
  /** Resolves when the in-host runner first asks for work: the extension host is up. */
  readonly connected = new Promise<void>((resolve) => (this.polledOnce = resolve));

  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://control');
      if (req.method === 'GET' && url.pathname === '/next') {
        this.polledOnce();
        const host = url.searchParams.get('host') ?? 'unnamed';
        if (!this.seen.has(host)) {
          // A new extension host (a reloaded window's): it is the one that answers from now on.
          this.seen.add(host);
          this.current = host;
          for (const old of this.waiting.splice(0)) old.writeHead(204).end();
          for (const waiter of this.hostWaiters.splice(0)) waiter();
        }
        if (host !== this.current) {
          // An old host still polling (a reloaded window's, not yet gone): it gets no more commands.
          const timer = setTimeout(() => res.headersSent || res.writeHead(204).end(), 20_000);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        const command = this.queue.shift();
        if (command) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(command));
        this.waiting.push(res);
        // Answer empty before any client-side timeout; the runner polls again.
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(res);
          if (i >= 0) this.waiting.splice(i, 1);
          if (!res.headersSent) res.writeHead(204).end();
        }, 20_000);
        // A reloaded window kills its extension host: never hand a command to a dead poll.
        res.on('close', () => {
          clearTimeout(timer);
          const i = this.waiting.indexOf(res);
          if (i >= 0) this.waiting.splice(i, 1);
        });
        return;
      }
      const match = /^\/result\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          res.writeHead(204).end();
          const waiter = this.pending.get(Number(match[1]));
          if (!waiter) return;
          this.pending.delete(Number(match[1]));
          const reply = JSON.parse(body) as { ok: boolean; value?: unknown; error?: string };
          if (reply.ok) waiter.resolve(reply.value);
          else waiter.reject(new Error(`in extension host: ${reply.error ?? 'failed'}`));
        });
        return;
      }
      res.writeHead(404).end();
    });
  }

  listen(host: string): Promise<string> {
    return new Promise((resolve) => {
      this.server.listen(0, host, () => {
        const address = this.server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        resolve(`http://${host}:${port}`);
      });
    });
  }

  private send(command: object, timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    const full = { ...command, id, timeoutMs };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer from the extension host within ${timeoutMs + 5000} ms`));
      }, timeoutMs + 5000);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      const res = this.waiting.shift();
      if (res) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(full));
      else this.queue.push(full);
    });
  }

  /** Resolves when an extension host not seen before polls (after a window reload: the new one). */
  nextHost(): Promise<void> {
    return new Promise((resolve) => this.hostWaiters.push(resolve));
  }

  list(): Promise<{ tests: string[]; probes: string[] }> {
    return this.send({ kind: 'list' }, 10_000) as Promise<{ tests: string[]; probes: string[] }>;
  }

  runTest(name: string, timeoutMs = 30_000): Promise<void> {
    return this.send({ kind: 'test', name }, timeoutMs).then(() => undefined);
  }

  probe<T = unknown>(name: string, args?: unknown, timeoutMs = 30_000): Promise<T> {
    return this.send({ kind: 'probe', name, args }, timeoutMs) as Promise<T>;
  }

  async close(): Promise<void> {
    await this.send({ kind: 'finish' }, 2000).catch(() => undefined);
    for (const res of this.waiting.splice(0)) res.writeHead(204).end();
    for (const waiter of this.pending.values()) waiter.reject(new Error('test bed closed'));
    this.pending.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
