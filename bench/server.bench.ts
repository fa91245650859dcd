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
import { MAX_ENTRIES } from '../server/verifiedTokens';
import { writeResult } from './results-io';
import type { ResultRow } from './stats';

/** Seconds per turn; every target gets TURNS turns, round-robin, and its median turn is reported. */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 2);
const TURNS = 3;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string> = {}, tokens?: string[]): Promise<Load> {
  let next = 0;
  // With `tokens`, every request carries the next one in turn (more tokens than the server remembers: each is verified in full).
  const requests: autocannon.Request[] | undefined = tokens
    ? [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }) }]
    : undefined;
  const result = await autocannon({ url, connections: 10, duration: DURATION_S, headers, ...(requests ? { requests } : {}) });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

/**
 * Every target measured in turns, so that a slow moment of this noisy machine falls on all of them
 * alike (measured one after the other, the protected/public ratio swung between 0.72 and 0.83).
 */
async function inTurns<K extends string>(targets: Record<K, () => Promise<Load>>): Promise<Record<K, Load>> {
  const runs = new Map<K, Load[]>();
  for (let turn = 0; turn < TURNS; turn++) {
    for (const [name, run] of Object.entries(targets) as [K, () => Promise<Load>][]) {
      const result = await run();
      if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers`);
      runs.set(name, [...(runs.get(name) ?? []), result]);
    }
  }
  const median = (xs: Load[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries([...runs].map(([name, xs]) => [name, median(xs)])) as Record<K, Load>;
}

/** The baseline: a bare node:http server answering the same JSON, in its own process like ours. */
const BARE =
  `const s=require('http').createServer((q,r)=>r.writeHead(200,{'content-type':'application/json'}).end(JSON.stringify({message:'pong',serverTime:new ` +
  `Date().toISOString()}))).listen(0,'127.0.0.1',()=>console.log(s.address().port))`;

/** A second baseline: the least an express 5 app can do (one route, no middleware), to separate express's own cost from ours. */
const EXPRESS =
  `const e=require(${JSON.stringify(require.resolve('express'))});const a=e();a.disable('x-powered-by');` +
  `a.set('etag',false);a.get('/',(q,r)=>r.json({message:'pong',serverTime:new ` +
  `Date().toISOString()}));const s=a.listen(0,'127.0.0.1',()=>console.log(s.address().port))`;

function start(code: string): Promise<{ port: string; kill: () => void }> {
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) =>
    createInterface({ input: child.stdout! }).once('line', (port) => resolve({ port, kill: () => child.kill() })),
  );
}

async function main(): Promise<void> {
  const bare = await start(BARE);
  const minimal = await start(EXPRESS);
  const barePort = bare.port;
  const issuer = await startTestIssuer();
  // The real server process (dist/server.js), started as the extension starts it.
  const supervisor = new ServerSupervisor({
    script: join(resolve(__dirname, '..'), 'dist', 'server.js'),
    env: () => ({ COMPONENT_HOST_ISSUER: issuer.issuer, COMPONENT_HOST_AUDIENCE: issuer.audience }),
  });
  const apiBase = await supervisor.ensureRunning();
  const token = await issuer.mint({ exp: Math.floor(Date.now() / 1000) + 3600 });
  try {
    const fresh = await Promise.all(
      Array.from({ length: MAX_ENTRIES + 500 }, (_, i) => issuer.mint({ exp: Math.floor(Date.now() / 1000) + 3600, jti: `bench-${i}` })),
    );
    const { baseline, minimalExpress, publicRoute, protectedRoute, protectedFresh } = await inTurns({
      baseline: () => load(`http://127.0.0.1:${barePort}/`),
      minimalExpress: () => load(`http://127.0.0.1:${minimal.port}/`),
      publicRoute: () => load(`${apiBase}/api/ping`),
      protectedRoute: () => load(`${apiBase}/api/pong`, { authorization: `Bearer ${token}` }),
      protectedFresh: () => load(`${apiBase}/api/pong`, {}, fresh),
    });
    const rows: ResultRow[] = [
      { metric: 'bare node:http requests/s', value: baseline.rps, unit: 'req/s' },
      {
        metric: 'minimal express 5 app (one route, no middleware) requests/s',
        value: minimalExpress.rps,
        unit: 'req/s',
        baseline: { metric: 'bare', value: baseline.rps },
        ratio: minimalExpress.rps / baseline.rps,
      },
      {
        metric: 'public route GET /api/ping requests/s',
        value: publicRoute.rps,
        unit: 'req/s',
        baseline: { metric: 'bare', value: baseline.rps },
        ratio: publicRoute.rps / baseline.rps,
        target: '≥ 0.5× bare',
      },
      {
        metric: 'public route vs the minimal express app',
        value: publicRoute.rps,
        unit: 'req/s',
        baseline: { metric: 'minimal express', value: minimalExpress.rps },
        ratio: publicRoute.rps / minimalExpress.rps,
      },
      {
        metric: 'protected route GET /api/pong requests/s (one token, verified once then remembered)',
        value: protectedRoute.rps,
        unit: 'req/s',
        baseline: { metric: 'public', value: publicRoute.rps },
        ratio: protectedRoute.rps / publicRoute.rps,
        target: '≥ 0.8× public',
      },
      {
        metric: 'protected route requests/s, a different token each request (full RS256 verification)',
        value: protectedFresh.rps,
        unit: 'req/s',
        baseline: { metric: 'public', value: publicRoute.rps },
        ratio: protectedFresh.rps / publicRoute.rps,
      },
      { metric: 'bare node:http latency p50 / p99', value: baseline.p50, unit: `ms (p99 ${baseline.p99} ms)` },
      { metric: 'public route latency p50 / p99', value: publicRoute.p50, unit: `ms (p99 ${publicRoute.p99} ms)` },
      { metric: 'protected route latency p50 / p99', value: protectedRoute.p50, unit: `ms (p99 ${protectedRoute.p99} ms)` },
      {
        metric: 'protected route, full verification, latency p50 / p99',
        value: protectedFresh.p50,
        unit: `ms (p99 ${protectedFresh.p99} ms)`,
      },
    ];
    writeResult('server', 'API server over loopback HTTP (autocannon, 10 connections)', rows, [
      `${TURNS} turns of ${DURATION_S} s per target, round-robin, the median turn reported; each server in ` +
        `its own process (ours is the real dist/server.js), the load generator in a third, on 2 cores.`,
    ]);
  } finally {
    await supervisor.stop();
    await issuer.close();
    bare.kill();
    minimal.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
