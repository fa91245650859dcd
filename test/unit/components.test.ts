import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyFrameMessage, type ComponentOutcome } from '../../protocol';
import { STORAGE_MAX_BYTES } from '../../src/components/componentApi';
import { makeApi } from './componentApiKit';

const call = (method: string, params: unknown, component = 'demo') => ({ component, elementId: 'e1', method, params });
const ok = (o: ComponentOutcome) => {
  assert.ok(o.ok, JSON.stringify(o));
  return o.result;
};
const err = (o: ComponentOutcome) => {
  assert.ok(!o.ok, JSON.stringify(o));
  return o.error;
};

test('frame messages: Streamlit v1 as the lib sends them, our requests, and typed errors for the rest', () => {
  assert.equal(classifyFrameMessage({ isStreamlitMessage: true, type: 'streamlit:componentReady', apiVersion: 1 }).kind, 'streamlit');
  assert.equal(classifyFrameMessage({ isStreamlitMessage: true, type: 'streamlit:setFrameHeight', height: 120 }).kind, 'streamlit');
  assert.equal(
    classifyFrameMessage({ isStreamlitMessage: true, type: 'streamlit:setComponentValue', value: { a: 1 }, dataType: 'json' }).kind,
    'streamlit',
  );
  assert.equal(
    classifyFrameMessage({ isComponentHostMessage: true, type: 'componentHost:request', id: 3, method: 'storage.list', params: {} }).kind,
    'request',
  );
  for (const bad of [null, undefined, 42, 'streamlit:componentReady', [], {}, { type: 'streamlit:render' }]) {
    const c = classifyFrameMessage(bad);
    assert.equal(c.kind, 'invalid', JSON.stringify(bad));
  }
  const height = classifyFrameMessage({ isStreamlitMessage: true, type: 'streamlit:setFrameHeight', height: -1 });
  assert.ok(height.kind === 'invalid' && height.error.code === 'invalid-message');
  // A broken request keeps its id so the component's pending call is answered, not left to time out.
  const broken = classifyFrameMessage({ isComponentHostMessage: true, type: 'componentHost:request', id: 9, method: 'x' });
  assert.ok(broken.kind === 'invalid' && broken.id === 9);
});

test('notifier: allow-listed events reach the host; an unknown name gets "event X is not allowed"', async () => {
  const { api, events } = makeApi();
  ok(await api.handle(call('notify', { event: 'status', payload: { state: 'busy', detail: 'loading' } })));
  ok(await api.handle(call('notify', { event: 'action', payload: { action: 'refresh' } })));
  ok(await api.handle(call('notify', { event: 'report', payload: { title: 't', data: [1, 2] } })));
  ok(await api.handle(call('notify', { event: 'error', payload: { message: 'boom' } })));
  assert.deepEqual(
    events.map((e) => e[1]),
    ['status', 'action', 'report', 'error'],
  );
  const e = err(await api.handle(call('notify', { event: 'launchMissiles', payload: {} })));
  assert.deepEqual(e, { code: 'not-allowed', message: 'event launchMissiles is not allowed' });
  assert.equal(err(await api.handle(call('notify', { event: '__proto__', payload: {} }))).code, 'not-allowed');
  assert.equal(err(await api.handle(call('notify', { event: 'status', payload: { state: 'weird' } }))).code, 'invalid-message');
  assert.equal(events.length, 4);
});

test('storage: per component, JSON values, list/delete, size limit, clear', async () => {
  const { api } = makeApi();
  ok(await api.handle(call('storage.set', { key: 'theme', value: { dark: true } })));
  ok(await api.handle(call('storage.set', { key: 'theme', value: 'x' }, 'other')));
  assert.deepEqual(ok(await api.handle(call('storage.get', { key: 'theme' }))), { value: { dark: true } });
  assert.deepEqual(ok(await api.handle(call('storage.get', { key: 'missing' }))), { value: null });
  assert.deepEqual(ok(await api.handle(call('storage.list', {}))), { keys: ['theme'] });
  assert.deepEqual(ok(await api.handle(call('storage.get', { key: '__proto__' }))), { value: null });
  assert.deepEqual(ok(await api.handle(call('storage.delete', { key: 'theme' }))), { deleted: true });
  assert.deepEqual(ok(await api.handle(call('storage.delete', { key: 'theme' }))), { deleted: false });
  const big = 'x'.repeat(STORAGE_MAX_BYTES);
  assert.equal(err(await api.handle(call('storage.set', { key: 'big', value: big }))).code, 'too-large');
  assert.deepEqual(ok(await api.handle(call('storage.list', {}))), { keys: [] });
  assert.deepEqual(ok(await api.handle(call('storage.get', { key: 'theme' }, 'other'))), { value: 'x' });
  assert.equal(await api.clear(), 1);
  assert.deepEqual(ok(await api.handle(call('storage.get', { key: 'theme' }, 'other'))), { value: null });
});

test('host APIs: session info without a token, API routes through the host, files, notifications', async () => {
  const { api, notes } = makeApi();
  const session = ok(await api.handle(call('host.sessionInfo', {})));
  assert.deepEqual(session, { signedIn: true, account: { name: 'Ada', email: 'ada@example.com' }, development: true });
  assert.equal((ok(await api.handle(call('host.callApi', { route: 'me' }))) as { status: number }).status, 200);
  assert.equal(err(await api.handle(call('host.callApi', { route: '../admin' }))).code, 'invalid-message');
  assert.deepEqual(ok(await api.handle(call('host.openFile', { path: 'README.md' }))), { opened: 'README.md' });
  assert.equal(err(await api.handle(call('host.openFile', { path: '../etc/passwd' }))).code, 'not-allowed');
  ok(await api.handle(call('host.showNotification', { message: 'hi' })));
  assert.deepEqual(notes, ['hi']);
  assert.equal((ok(await api.handle(call('ping', { sentAt: 5 }))) as { sentAt: number }).sentAt, 5);
  assert.equal(err(await api.handle(call('host.exec', {}))).code, 'unknown-method');
  assert.equal(err(await api.handle(call('constructor', {}))).code, 'unknown-method');
  assert.equal(err(await api.handle({ nope: true })).code, 'invalid-message');
});

test('host APIs: a result that breaks its schema (a token leaking into session info) is refused', async () => {
  const { api } = makeApi({ sessionInfo: () => ({ signedIn: true, development: false, accessToken: 'secret' }) as never });
  const e = err(await api.handle(call('host.sessionInfo', {})));
  assert.equal(e.code, 'internal');
  assert.ok(!e.message.includes('secret'));
});

test('file store: what one instance writes, the next (after a reload) reads; deletes persist too', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { FileStore } = await import('../../src/storage/fileStore');
  const dir = mkdtempSync(join(tmpdir(), 'ch-store-'));
  try {
    const a = new FileStore(dir, 'component-storage.json');
    await a.update('x', { note: 'kept' });
    await a.update('y', 1);
    await a.update('y', undefined);
    const b = new FileStore(dir, 'component-storage.json');
    assert.deepEqual(b.get('x'), { note: 'kept' });
    assert.deepEqual(b.keys(), ['x']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('frame messages nested 5 000 deep, cyclic, too many values or too large get a typed too-large error, never a RangeError', () => {
  let deep: unknown = 'leaf';
  for (let i = 0; i < 5000; i++) deep = { d: deep };
  const cyclic: Record<string, unknown> = { isComponentHostMessage: true, type: 'componentHost:request', id: 3, method: 'ping' };
  cyclic.params = cyclic;
  const wide = { isStreamlitMessage: true, type: 'streamlit:setComponentValue', value: Array.from({ length: 300_000 }, () => 0) };
  const big = { isStreamlitMessage: true, type: 'streamlit:setComponentValue', value: 'x'.repeat(9 * 1024 * 1024) };
  const deepArray: unknown[] = [];
  let cursor = deepArray;
  for (let i = 0; i < 5000; i++) cursor = (cursor[0] = []) as unknown[];
  const hostile = [
    { isStreamlitMessage: true, type: 'streamlit:setComponentValue', value: deep },
    { isComponentHostMessage: true, type: 'componentHost:request', id: 7, method: 'ping', params: deep },
    { isComponentHostMessage: true, type: 'componentHost:request', id: 8, method: 'ping', params: deepArray },
    cyclic,
    wide,
    big,
    deep,
  ];
  for (const message of hostile) {
    const classified = classifyFrameMessage(message);
    assert.equal(classified.kind, 'invalid');
    assert.equal((classified as { error: { code: string } }).error.code, 'too-large');
  }
  assert.equal((classifyFrameMessage(hostile[1]) as { id?: number }).id, 7, 'a request still gets its id back');
  let ok: unknown = 1;
  for (let i = 0; i < 50; i++) ok = { d: ok };
  assert.equal(
    classifyFrameMessage({ isComponentHostMessage: true, type: 'componentHost:request', id: 1, method: 'ping', params: ok }).kind,
    'request',
  );
});
