/**
 * API server throughput and latency on loopback, against a bare node:http server measured in the
 * same run: the public route, the protected route (JWT verification against a JWKS) and the baseline.
 * Bounded: a fixed duration per target, loopback only.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { ServerSupervisor } from '../src/server/supervisor';
import { startTestIssuer } from '../test/support/testIssuer';
import { writeResult } from './results-io';
import type { ResultRow } from './stats';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const result = await autocannon({ url, connections: 10, duration: DURATION_S, headers });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

/** The baseline: a bare node:http server answering the same JSON, in its own process like ours. */
const BARE = `const s=require('http').createServer((q,r)=>r.writeHead(200,{'content-type':'application/json'}).end(JSON.stringify({message:'pong',serverTime:new Date().toISOString()}))).listen(0,'127.0.0.1',()=>console.log(s.address().port))`;

async function main(): Promise<void> {
  const bare = spawn(process.execPath, ['-e', BARE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const barePort = await new Promise<string>((r) => createInterface({ input: bare.stdout! }).once('line', r));
  const issuer = await startTestIssuer();
  // The real server process (dist/server.js), started as the extension starts it.
  const supervisor = new ServerSupervisor({
    script: join(resolve(__dirname, '..'), 'dist', 'server.js'),
    env: () => ({ COMPONENT_HOST_ISSUER: issuer.issuer, COMPONENT_HOST_AUDIENCE: issuer.audience }),
  });
  const apiBase = await supervisor.ensureRunning();
  const token = await issuer.mint({ exp: Math.floor(Date.now() / 1000) + 3600 });
  try {
    const baseline = await load(`http://127.0.0.1:${barePort}/`);
    const publicRoute = await load(`${apiBase}/api/ping`);
    const protectedRoute = await load(`${apiBase}/api/pong`, { authorization: `Bearer ${token}` });
    for (const [name, r] of Object.entries({ baseline, publicRoute, protectedRoute })) if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
    const rows: ResultRow[] = [
      { metric: 'bare node:http requests/s', value: baseline.rps, unit: 'req/s' },
      { metric: 'public route GET /api/ping requests/s', value: publicRoute.rps, unit: 'req/s', baseline: { metric: 'bare', value: baseline.rps }, ratio: publicRoute.rps / baseline.rps, target: '≥ 0.5× bare' },
      { metric: 'protected route GET /api/pong requests/s (JWT verify)', value: protectedRoute.rps, unit: 'req/s', baseline: { metric: 'public', value: publicRoute.rps }, ratio: protectedRoute.rps / publicRoute.rps, target: '≥ 0.8× public' },
      { metric: 'bare node:http latency p50 / p99', value: baseline.p50, unit: `ms (p99 ${baseline.p99} ms)` },
      { metric: 'public route latency p50 / p99', value: publicRoute.p50, unit: `ms (p99 ${publicRoute.p99} ms)` },
      { metric: 'protected route latency p50 / p99', value: protectedRoute.p50, unit: `ms (p99 ${protectedRoute.p99} ms)` },
    ];
    writeResult('server', 'API server over loopback HTTP (autocannon, 10 connections)', rows, [`${DURATION_S} s per target, one after the other; each server in its own process (ours is the real dist/server.js), the load generator in a third, on 2 cores.`]);
  } finally {
    await supervisor.stop();
    await issuer.close();
    bare.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
