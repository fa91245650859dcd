/** The server's memory of verified tokens, with a fake verifier and clock (pure logic). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { NextFunction, Request, Response } from 'express';
import { MAX_AGE_MS, MAX_ENTRIES, rememberVerifiedTokens } from '../../server/verifiedTokens';

function harness(lifetimeS = 3600) {
  let clock = 1_000_000;
  let verified = 0;
  const verify = (req: Request, _res: Response, next: NextFunction) => {
    verified++;
    const token = (req.headers.authorization ?? '').slice(7);
    if (token.startsWith('bad')) return next(new Error('invalid'));
    req.auth = { header: { alg: 'RS256' }, token, payload: { sub: token, exp: Math.floor(clock / 1000) + lifetimeS } };
    next();
  };
  const handler = rememberVerifiedTokens(verify, () => clock);
  const call = (token: string) =>
    new Promise<{ err: unknown; sub: unknown }>((resolve) => {
      const req = { headers: { authorization: `Bearer ${token}` } } as unknown as Request;
      handler(req, {} as Response, (err?: unknown) => resolve({ err, sub: req.auth?.payload.sub }));
    });
  return { call, handler, verified: () => verified, advance: (ms: number) => (clock += ms) };
}

test('a verified token is remembered; a failure never is', async () => {
  const h = harness();
  assert.equal((await h.call('good')).sub, 'good');
  assert.equal((await h.call('good')).sub, 'good');
  assert.equal(h.verified(), 1);
  assert.ok((await h.call('bad')).err);
  assert.ok((await h.call('bad')).err);
  assert.equal(h.verified(), 3);
});

test('an entry ends after MAX_AGE_MS, and the memory is bounded', async () => {
  const h = harness();
  await h.call('good');
  h.advance(MAX_AGE_MS + 1);
  await h.call('good');
  assert.equal(h.verified(), 2, 'verified again after the maximum age');
  for (let i = 0; i < MAX_ENTRIES + 50; i++) await h.call(`t${i}`);
  assert.equal(h.handler.size(), MAX_ENTRIES);
});

test('an entry ends when its token expires (never later than verification would)', async () => {
  const h = harness(60);
  await h.call('good');
  h.advance(59_000);
  await h.call('good');
  assert.equal(h.verified(), 1);
  h.advance(1_000);
  await h.call('good');
  assert.equal(h.verified(), 2, 'expired: back to the verifier, which decides');
});

test('lookup gives a remembered token its claims, and nothing for an unknown, failed or expired one', async () => {
  const h = harness(60);
  assert.equal(h.handler.lookup('Bearer good'), undefined, 'never verified: nothing');
  await h.call('good');
  assert.equal(h.handler.lookup('Bearer good')?.payload.sub, 'good');
  assert.equal(h.handler.lookup('Bearer goodX'), undefined);
  assert.equal(h.handler.lookup('Basic good'), undefined);
  await h.call('bad');
  assert.equal(h.handler.lookup('Bearer bad'), undefined);
  h.advance(60_000);
  assert.equal(h.handler.lookup('Bearer good'), undefined, 'expired');
  assert.equal(h.verified(), 2, 'lookup verifies nothing');
});
