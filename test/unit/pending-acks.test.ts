/** Acks wait for the next render to carry them, or go alone when no render comes (src/app/pendingAcks.ts). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { AckMessage } from '../../protocol';
import { ACK_IDLE_MS, PendingAcks } from '../../src/app/pendingAcks';

test('a render takes the acks due, the newest per history, and nothing is sent alone after it', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const alone: AckMessage[] = [];
  const acks = new PendingAcks((ack) => alone.push(ack));
  acks.add({ type: 'ack', history: 'h-one-1234', upTo: 3 });
  acks.add({ type: 'ack', history: 'h-one-1234', upTo: 5 });
  acks.add({ type: 'ack', history: 'h-one-1234', upTo: 4 }); // a write that finished late never takes an ack back
  acks.add({ type: 'ack', history: 'h-two-1234', upTo: 1 });
  assert.deepEqual(acks.take(), [
    { history: 'h-one-1234', upTo: 5 },
    { history: 'h-two-1234', upTo: 1 },
  ]);
  assert.deepEqual(acks.take(), []);
  t.mock.timers.tick(ACK_IDLE_MS * 2);
  assert.deepEqual(alone, []);
});

test('without a render, the acks go alone once the host has been idle for a moment', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const alone: AckMessage[] = [];
  const acks = new PendingAcks((ack) => alone.push(ack));
  acks.add({ type: 'ack', history: 'h-one-1234', upTo: 1 });
  t.mock.timers.tick(ACK_IDLE_MS - 1);
  assert.deepEqual(alone, []);
  acks.add({ type: 'ack', history: 'h-one-1234', upTo: 2 });
  t.mock.timers.tick(1);
  assert.deepEqual(alone, [{ type: 'ack', history: 'h-one-1234', upTo: 2 }]);
  // A new ack after that waits again.
  acks.add({ type: 'ack', history: 'h-one-1234', upTo: 3 });
  t.mock.timers.tick(ACK_IDLE_MS);
  assert.deepEqual(alone.at(-1), { type: 'ack', history: 'h-one-1234', upTo: 3 });
  assert.equal(alone.length, 2);
});
