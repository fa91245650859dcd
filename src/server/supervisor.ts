/**
 * Starts the API server as a child process, learns its port, waits until /api/health answers, and
 * restarts it with exponential backoff when it dies. No `vscode` here: tests drive it directly.
 * Or, given an external URL, launches nothing and only checks that server's health.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { withTimeout } from '../util/timeout';
import { errorMessage } from '../util/errors';
import { ListeningLine } from '../../protocol';

export type ServerState =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  | { kind: 'running'; baseUrl: string; external: boolean }
  | { kind: 'restarting'; attempt: number; inMs: number; reason: string }
  | { kind: 'failed'; reason: string };

export interface SupervisorOptions {
  /** The server entry (dist/server.js). */
  script: string;
  /** Node to run it with; in VS Code that is the extension host's executable with ELECTRON_RUN_AS_NODE. */
  execPath?: string;
  /** Preferred port; 0 = any free port. A taken preferred port falls back to any free one. */
  port?: number;
  /** Configuration passed to the server (issuer, audience, scope). */
  env?: () => Promise<Record<string, string>> | Record<string, string>;
  /** An already running server: launch nothing. */
  externalUrl?: string;
  healthTimeoutMs?: number;
  maxRestarts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The child's own output, line by line. */
  output?: (line: string) => void;
}

type Listener = (state: ServerState) => void;

export class ServerSupervisor {
  private current: ServerState = { kind: 'stopped' };
  private child: ChildProcess | undefined;
  private readonly listeners = new Set<Listener>();
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private starting: Promise<string> | undefined;
  private generation = 0;
  private portOverride: number | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  get state(): ServerState {
    return this.current;
  }

  onDidChangeState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server's base URL, starting it (or waiting for a restart) if needed. */
  async ensureRunning(): Promise<string> {
    const state = this.current;
    if (state.kind === 'running') return state.baseUrl;
    if (this.starting) return this.starting;
    if (state.kind === 'restarting') {
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
    }
    return this.start();
  }

  /** Start now (no-op while starting or running). Rejects with a clear reason if it cannot. */
  start(): Promise<string> {
    if (this.current.kind === 'running') return Promise.resolve(this.current.baseUrl);
    if (this.starting) return this.starting;
    const generation = ++this.generation;
    this.setState({ kind: 'starting' });
    this.starting = (this.options.externalUrl ? this.checkExternal(this.options.externalUrl) : this.launch(generation)).then(
      (baseUrl) => {
        this.starting = undefined;
        if (generation === this.generation) this.setState({ kind: 'running', baseUrl, external: Boolean(this.options.externalUrl) });
        return baseUrl;
      },
      (err: unknown) => {
        this.starting = undefined;
        const reason = errorMessage(err);
        if (generation === this.generation) this.setState({ kind: 'failed', reason });
        throw new Error(reason, { cause: err });
      },
    );
    return this.starting;
  }

  async stop(): Promise<void> {
    this.generation++;
    clearTimeout(this.restartTimer);
    clearTimeout(this.stableTimer);
    this.restartTimer = undefined;
    this.restarts = 0;
    const child = this.child;
    this.child = undefined;
    this.setState({ kind: 'stopped' });
    if (child) await terminate(child);
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }

  private async checkExternal(url: string): Promise<string> {
    const baseUrl = url.replace(/\/+$/, '');
    await waitHealthy(baseUrl, this.options.healthTimeoutMs ?? 10_000, () => undefined);
    this.options.log?.('info', `using the API server at ${baseUrl} (not launched by the extension)`);
    return baseUrl;
  }

  private async launch(generation: number): Promise<string> {
    const env = {
      ...process.env,
      ...(await this.options.env?.()),
      ELECTRON_RUN_AS_NODE: '1',
      COMPONENT_HOST_SERVER_PORT: String(this.portOverride ?? this.options.port ?? 0),
    };
    const child = spawn(this.options.execPath ?? process.execPath, [this.options.script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const timeoutMs = this.options.healthTimeoutMs ?? 10_000;
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr.push(line);
      this.options.output?.(line);
    });
    const listening = new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const parsed = line.startsWith('{') ? ListeningLine.safeParse(safeJson(line)) : undefined;
        if (parsed?.success) resolve(parsed.data.port);
        else this.options.output?.(line);
      });
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `the API server exited before listening (${signal ?? `code ${code}`})${stderr.length ? `: ${stderr.slice(-3).join(' | ')}` : ''}`,
          ),
        ),
      );
      child.once('error', (err) => reject(new Error(`the API server could not be started: ${err.message}`)));
    });
    try {
      const port = await withTimeout(listening, timeoutMs, `the API server did not start listening within ${timeoutMs} ms`);
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitHealthy(baseUrl, timeoutMs, () => (child.exitCode !== null ? 'the API server exited while starting' : undefined));
      child.once('exit', (code, signal) => this.onUnexpectedExit(generation, child, code, signal));
      this.options.log?.('info', `API server healthy at ${baseUrl} (pid ${child.pid})`);
      clearTimeout(this.stableTimer);
      // Running a while without crashing earns a fresh restart budget.
      this.stableTimer = setTimeout(() => (this.restarts = 0), 30_000);
      this.stableTimer.unref();
      return baseUrl;
    } catch (err) {
      await terminate(child);
      if (this.child === child) this.child = undefined;
      const preferred = this.options.port ?? 0;
      if (preferred !== 0 && this.portOverride === undefined && stderr.some((l) => l.includes('EADDRINUSE'))) {
        this.options.log?.('warn', `port ${preferred} is taken; using any free port instead`);
        this.portOverride = 0;
        return this.launch(generation);
      }
      throw err;
    }
  }

  private onUnexpectedExit(generation: number, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (generation !== this.generation || this.child !== child) return; // stopped or replaced on purpose
    this.child = undefined;
    clearTimeout(this.stableTimer);
    const reason = `the API server exited unexpectedly (${signal ?? `code ${code}`})`;
    const max = this.options.maxRestarts ?? 5;
    if (this.restarts >= max) {
      this.setState({ kind: 'failed', reason: `${reason}; gave up after ${max} restarts` });
      this.options.log?.('error', `${reason}; gave up after ${max} restarts`);
      return;
    }
    this.restarts++;
    const inMs = Math.min((this.options.backoffBaseMs ?? 250) * 2 ** (this.restarts - 1), this.options.backoffMaxMs ?? 8000);
    this.options.log?.('warn', `${reason}; restarting in ${inMs} ms (attempt ${this.restarts} of ${max})`);
    this.setState({ kind: 'restarting', attempt: this.restarts, inMs, reason });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start().catch(() => undefined); // the failure is in the state
    }, inMs);
  }

  private setState(state: ServerState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Poll /api/health until it answers 200, or fail with the last reason after `timeoutMs`. */
async function waitHealthy(baseUrl: string, timeoutMs: number, abort: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const aborted = abort();
    if (aborted) throw new Error(aborted);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `health answered ${response.status}`;
    } catch (err) {
      last = errorMessage(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API server at ${baseUrl} did not become healthy within ${timeoutMs} ms (${last})`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}
