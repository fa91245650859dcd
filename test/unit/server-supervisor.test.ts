/**
 * The supervisor with the real server process (dist/server.js, built first): start on a free port,
 * health before use, crash recovery, a taken port, a server that never becomes healthy, and an
 * external server. Every child is stopped at the end.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ServerSupervisor, type ServerState } from '../../src/server/supervisor';
import { callApi } from '../../src/server/apiClient';
import { startApiServer } from '../support/apiServer';

const root = resolve(__dirname, '..', '..');
const script = join(root, 'dist', 'server.js');
const supervisors: ServerSupervisor[] = [];

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

function supervise(options: Partial<ConstructorParameters<typeof ServerSupervisor>[0]> = {}): ServerSupervisor {
  const s = new ServerSupervisor({ script, healthTimeoutMs: 8000, backoffBaseMs: 100, ...options });
  supervisors.push(s);
  return s;
}

function pidOf(baseUrl: string): Promise<number> {
  // The health route does not tell the pid; the OS does: whoever listens on the port.
  const port = new URL(baseUrl).port;
  const out = execFileSync('sh', ['-c', `ss -ltnpH 'sport = :${port}' || true`], { encoding: 'utf8' });
  return Promise.resolve(Number(/pid=(\d+)/.exec(out)?.[1] ?? 0));
}

describe('API server supervision (real child process)', () => {
  before(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'ignore' });
  });
  after(async () => {
    await Promise.all(supervisors.map((s) => s.stop()));
  });

  test('starts on a free loopback port and is healthy before first use', async () => {
    const s = supervise();
    const states: ServerState['kind'][] = [];
    s.onDidChangeState((st) => states.push(st.kind));
    const baseUrl = await s.ensureRunning();
    assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(states, ['starting', 'running']);
    const r = await callApi('ping', { ensureRunning: () => s.ensureRunning(), getAccessToken: async () => undefined });
    assert.equal(r.status, 200);
    assert.equal(r.usedToken, false);
    await s.stop();
    assert.equal(s.state.kind, 'stopped');
  });

  test('killed mid-request: the call is retried or reported clearly, and the server is back within seconds', async () => {
    const s = supervise();
    const baseUrl = await s.ensureRunning();
    const pid = await pidOf(baseUrl);
    assert.ok(pid > 0, 'found the server process');
    process.kill(pid, 'SIGKILL');
    const started = Date.now();
    const r = await callApi('ping', { ensureRunning: () => s.ensureRunning(), getAccessToken: async () => undefined });
    assert.ok(r.status === 200 || (r.status === 0 && /API server/.test(r.error ?? '')), JSON.stringify(r));
    const back = await waitFor(async () => {
      const url = await s.ensureRunning();
      return (await fetch(`${url}/api/health`).catch(() => undefined))?.ok ? url : undefined;
    });
    assert.ok(Date.now() - started < 5000, `back within a few seconds (${Date.now() - started} ms)`);
    assert.notEqual(await pidOf(back), pid);
    await s.stop();
  });

  test('repeated crashes back off and then stop with a clear reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ch-crash-'));
    const crasher = join(dir, 'crash.js');
    // Listens, reports healthy, then dies: a server with a fatal bug.
    writeFileSync(
      crasher,
      `const http=require('http');const s=http.createServer((q,r)=>r.end('{}')).listen(0,'127.0.0.1',` +
        `()=>{console.log(JSON.stringify({event:'listening',port:s.address().port}));setTimeout(()=>process.exit(3),` +
        `150)});`,
    );
    const s = supervise({ script: crasher, maxRestarts: 2, backoffBaseMs: 50 });
    await s.ensureRunning();
    const failed = await new Promise<ServerState>((done) => s.onDidChangeState((st) => st.kind === 'failed' && done(st)));
    assert.match(failed.kind === 'failed' ? failed.reason : '', /gave up after 2 restarts/);
  });

  test('a taken preferred port falls back to another free port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const s = supervise({ port: taken });
      const baseUrl = await s.ensureRunning();
      assert.notEqual(new URL(baseUrl).port, String(taken));
      await s.stop();
    } finally {
      blocker.close();
    }
  });

  test('a server that never becomes healthy: a clear error, no hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ch-sick-'));
    const sick = join(dir, 'sick.js');
    writeFileSync(
      sick,
      `const http=require('http');const s=http.createServer((q,r)=>{r.statusCode=500;r.end()}).listen(0,` +
        `'127.0.0.1',()=>console.log(JSON.stringify({event:'listening',port:s.address().port})));`,
    );
    const s = supervise({ script: sick, healthTimeoutMs: 1000 });
    const started = Date.now();
    await assert.rejects(s.ensureRunning(), /did not become healthy within 1000 ms \(health answered 500\)/);
    assert.ok(Date.now() - started < 4000);
    assert.equal(s.state.kind, 'failed');
    const r = await callApi('ping', { ensureRunning: () => s.ensureRunning(), getAccessToken: async () => undefined });
    assert.equal(r.status, 0);
    assert.match(r.error ?? '', /API server unavailable/);
  });

  test('an external server: nothing is launched, its health is checked', async () => {
    const external = await startApiServer();
    try {
      const s = supervise({ externalUrl: `${external.base}/`, script: '/nonexistent.js' });
      assert.equal(await s.ensureRunning(), external.base);
      assert.deepEqual(s.state, { kind: 'running', baseUrl: external.base, external: true });
    } finally {
      await external.close();
    }
    const s2 = supervise({ externalUrl: 'http://127.0.0.1:9', healthTimeoutMs: 500 });
    await assert.rejects(s2.ensureRunning(), /did not become healthy/);
  });
});
