/** Component storage counts UTF-8 bytes, requests are rate-limited per frame, and storage writes are async, coalesced and atomic. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComponentOutcome } from '../../protocol';
import { STORAGE_MAX_BYTES } from '../../src/components/componentApi';
import { RateLimiter } from '../../src/components/rateLimit';
import { FileStore } from '../../src/storage/fileStore';
import { makeApi } from './componentApiKit';

const call = (method: string, params: unknown, elementId = 'e1') => ({ component: 'demo', elementId, method, params });
const code = (o: ComponentOutcome) => (o.ok ? 'ok' : o.error.code);

test('storage quota counts UTF-8 bytes: 262 000 three-byte characters are refused, as many ASCII ones are not', async () => {
  const { api, store } = makeApi();
  assert.equal(code(await api.handle(call('storage.set', { key: 'k', value: '€'.repeat(262_000) }))), 'too-large');
  assert.equal(store.data.size, 0, 'nothing was stored');
  const fits = '€'.repeat(Math.floor((STORAGE_MAX_BYTES - 100) / 3));
  const answer = await api.handle(call('storage.set', { key: 'k', value: fits }));
  assert.equal(code(answer), 'ok');
  const bytes = (answer as unknown as { result: { bytesUsed: number } }).result.bytesUsed;
  assert.equal(bytes, Buffer.byteLength(JSON.stringify({ k: fits })));
  assert.ok(bytes <= STORAGE_MAX_BYTES);
  assert.equal(code(await api.handle(call('storage.set', { key: 'k', value: '😀'.repeat(STORAGE_MAX_BYTES / 4) }))), 'too-large');
});

test('requests are rate-limited per frame with a typed error; other frames and later requests go through', async () => {
  let now = 0;
  const { api } = makeApi({ rateLimiter: new RateLimiter(10, 5, () => now) });
  const burst = await Promise.all(Array.from({ length: 15 }, () => api.handle(call('ping', { sentAt: 1 }))));
  assert.deepEqual(burst.map(code), [...Array(10).fill('ok'), ...Array(5).fill('rate-limited')]);
  const refused = burst[14]!;
  assert.ok(!refused.ok && /too many requests/.test(refused.error.message));
  assert.equal(code(await api.handle(call('ping', { sentAt: 1 }, 'e2'))), 'ok', 'another frame has its own budget');
  now += 1000;
  const later = await Promise.all(Array.from({ length: 6 }, () => api.handle(call('ping', { sentAt: 1 }))));
  assert.deepEqual(later.map(code), ['ok', 'ok', 'ok', 'ok', 'ok', 'rate-limited'], '5 a second refill');
});

test('the rate limiter keeps a bounded number of frames', () => {
  const limiter = new RateLimiter(1, 1, () => 0, 3);
  for (const key of ['a', 'b', 'c', 'd']) assert.equal(limiter.take(key), true);
  assert.equal(limiter.take('d'), false);
  assert.equal(limiter.take('a'), true, 'the oldest frame was forgotten, not kept forever');
});

test('async file store: many updates coalesce into few writes, each resolves once written, a torn temp file never replaces the store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ch-store-async-'));
  try {
    const store = new FileStore(dir, 'component-storage.json', { async: true });
    const file = join(dir, 'component-storage.json');
    const updates = Array.from({ length: 500 }, (_, i) => store.update(`k${i % 7}`, { i, text: 'x'.repeat(1000) }));
    assert.equal(existsSync(file), false, 'nothing written synchronously on the caller’s turn');
    await Promise.all(updates);
    assert.ok(store.writes >= 1 && store.writes <= 3, `coalesced: ${store.writes} writes for 500 updates`);
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { i: number }>;
    assert.equal(onDisk.k0!.i, 497, 'the last value of every key is on disk');
    assert.equal(Object.keys(onDisk).length, 7);
    assert.deepEqual(readdirSync(dir), ['component-storage.json'], 'no temp file left');
    // A crash mid-write leaves a torn temp file next to an intact store; the next start reads the store.
    writeFileSync(`${file}.99999.tmp`, '{"k0": {"i": 1, "te');
    const size = statSync(file).size;
    const reopened = new FileStore(dir, 'component-storage.json', { async: true });
    assert.deepEqual((reopened.get('k0') as { i: number }).i, 497);
    assert.equal(statSync(file).size, size);
    await reopened.update('k0', { i: -1 });
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as Record<string, { i: number }>).k0!.i, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
