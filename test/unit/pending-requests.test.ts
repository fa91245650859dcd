import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { PendingRequests, type ErrorInfo } from '../../protocol';

class Failed extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

test('pending requests: results validated, errors typed, timeouts, strays ignored', async () => {
  const pending = new PendingRequests((info) => new Failed(info));
  const sent: number[] = [];
  const ok = pending.start('sum', z.number(), 1000, (id) => sent.push(id));
  const bad = pending.start('sum', z.number(), 1000, (id) => sent.push(id));
  const refused = pending.start('sum', z.number(), 1000, (id) => sent.push(id));
  const late = pending.start('slow', z.number(), 20, (id) => sent.push(id));
  assert.deepEqual(sent, [1, 2, 3, 4]);
  assert.equal(pending.settle(1, { ok: true, result: 3 }), true);
  assert.equal(pending.settle(2, { ok: true, result: 'three' }), true);
  assert.equal(pending.settle(3, { ok: false, error: { code: 'not-allowed', message: 'no' } }), true);
  assert.equal(await ok, 3);
  await assert.rejects(bad, (e: Failed) => e.info.code === 'invalid-message');
  await assert.rejects(refused, (e: Failed) => e.info.code === 'not-allowed');
  await assert.rejects(late, (e: Failed) => e.info.code === 'timeout');
  assert.equal(pending.settle(4, { ok: true, result: 1 }), false, 'a response after the timeout is dropped');
  assert.equal(pending.settle(99, { ok: true, result: 1 }), false, 'an unknown id is dropped');
});
