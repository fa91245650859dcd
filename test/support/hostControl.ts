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
  private polls = 0;
  private readonly pollWaiters: (() => void)[] = [];
  /** Resolves when the in-host runner first asks for work: the extension host is up. */
  readonly connected = new Promise<void>((resolve) => (this.polledOnce = resolve));

  constructor() {
    this.server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/next') {
        this.polledOnce();
        this.polls++;
        for (const waiter of this.pollWaiters.splice(0)) waiter();
        const command = this.queue.shift();
        if (command) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(command));
        this.waiting.push(res);
        // Answer empty before any client-side timeout; the runner polls again.
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(res);
          if (i >= 0) this.waiting.splice(i, 1);
          res.writeHead(204).end();
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

  /** Resolves at the next poll from any runner (after a window reload: the new extension host's). */
  nextPoll(): Promise<void> {
    return new Promise((resolve) => this.pollWaiters.push(resolve));
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
