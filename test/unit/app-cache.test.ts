/** st.cacheData, st.cacheResource (src/app/appCache.ts) and st.stop(), through the real runner. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appHarness, HISTORY } from '../support/appHarness';
import { AppCache, hashValues, parseTtl, UnhashableParamError } from '../../src/app/appCache';
import type { App } from '../../src/app/st';

const texts = (h: ReturnType<typeof appHarness>) => (h.last()?.elements ?? []).map((e) => ('text' in e ? e.text : e.kind));

async function runs(h: ReturnType<typeof appHarness>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await h.runner.request();
  await h.runner.idle();
}

test('cacheData: the same arguments hit across reruns although the function is new each run; each call gets a copy', async () => {
  let calls = 0;
  const h = appHarness(async (st) => {
    // A new function object every run, as an app declares it.
    const load = st.cacheData((name: string, options: { upper?: boolean } = {}) => {
      calls++;
      return { name: options.upper ? name.toUpperCase() : name, tags: ['a'] };
    });
    const first = load('ada', { upper: true });
    first.tags.push('mutated by the caller');
    const again = load('ada', { upper: true });
    st.text(`${again.name} ${again.tags.join(',')}`);
    st.text(load('bob').name);
  });
  await runs(h, 3);
  assert.equal(h.last()?.status, 'done');
  assert.deepEqual(texts(h), ['ADA a', 'bob']);
  assert.equal(calls, 2, 'one call per distinct arguments over three runs');
});

test('cacheResource returns the same object to every call; cacheData never does', async () => {
  const seen: { resource: object[]; data: object[] } = { resource: [], data: [] };
  const h = appHarness((st) => {
    seen.resource.push(st.cacheResource(() => new Map([['connection', 1]]))());
    seen.data.push(st.cacheData(() => ({ rows: [1, 2] }))());
  });
  await runs(h, 2);
  assert.equal(seen.resource[0], seen.resource[1]);
  assert.notEqual(seen.data[0], seen.data[1]);
  assert.deepEqual(seen.data[0], seen.data[1]);
});

test('a function whose source changed gets a new cache; `key` tells identical sources apart', async () => {
  const cache = new AppCache();
  const calls: string[] = [];
  let version = 1;
  const h = appHarness(
    (st) => {
      // Two sources, as an edited and saved app module gives the function a new text.
      const load =
        version === 1
          ? st.cacheData((n: number) => (calls.push(`v1:${n}`), n * 10))
          : st.cacheData((n: number) => (calls.push(`v2:${n}`), n * 100));
      st.text(String(load(1)));
      const a = st.cacheData((n: number) => (calls.push(`a:${n}`), n), { key: 'a' });
      const b = st.cacheData((n: number) => (calls.push(`a:${n}`), n), { key: 'b' });
      a(7);
      b(7);
    },
    { services: { cache } },
  );
  await runs(h, 2);
  assert.deepEqual(texts(h), ['10']);
  version = 2;
  await runs(h, 2);
  assert.deepEqual(texts(h), ['100']);
  assert.deepEqual(calls, ['v1:1', 'a:7', 'a:7', 'v2:1']);
});

test('arguments hash by value: key order, Maps and Sets in any order, Dates and bytes; -0 and 0 differ as in Object.is', () => {
  const h = (...v: unknown[]) => hashValues(v);
  assert.equal(h({ a: 1, b: [2, { c: 3 }] }), h({ b: [2, { c: 3 }], a: 1 }));
  assert.equal(
    h(
      new Map([
        ['x', 1],
        ['y', 2],
      ]),
    ),
    h(
      new Map([
        ['y', 2],
        ['x', 1],
      ]),
    ),
  );
  assert.equal(h(new Set([1, 2])), h(new Set([2, 1])));
  assert.equal(h(new Date(5)), h(new Date(5)));
  assert.equal(h(new Uint8Array([1, 2])), h(new Uint8Array([1, 2])));
  assert.notEqual(h(new Uint8Array([1, 2])), h(new Uint8Array([1, 3])));
  assert.notEqual(h('1'), h(1));
  assert.notEqual(h(['a', 'b']), h(['ab']));
  assert.notEqual(h(undefined), h(null));
  assert.notEqual(h(0), h(-0));
  assert.notEqual(h(1, 2), h([1, 2]));
});

test('an argument that cannot be hashed is an UnhashableParamError naming it; hashArgs says what identifies the call', async () => {
  class Client {
    constructor(readonly id: string) {}
  }
  assert.throws(
    () => hashValues([1, { nested: new Client('x') }]),
    (err: unknown) => {
      assert.ok(err instanceof UnhashableParamError);
      assert.match(err.message, /cannot hash argument 2\.nested \(a Client instance\).*hashArgs/);
      return true;
    },
  );
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => hashValues([cyclic]), /contains itself/);
  assert.throws(() => hashValues([() => 1]), /a function/);

  const h = appHarness((st) => {
    const byClient = st.cacheData((client: Client, n: number) => `${client.id}:${n}`, { hashArgs: (client, n) => [client.id, n] });
    st.text(byClient(new Client('c1'), 2));
    st.cacheData((client: Client) => client.id)(new Client('c2'));
  });
  await h.runner.request();
  assert.equal(h.last()?.status, 'error');
  assert.match(h.last()?.error?.message ?? '', /^UnhashableParamError: st\.cacheData: cannot hash argument 1 \(a Client instance\)/);
  assert.deepEqual(texts(h), ['c1:2', 'error'], 'what the run declared, then the error where it stopped');
});

test('cacheData refuses a result it cannot copy (cacheResource keeps it as it is)', async () => {
  class Connection {}
  const h = appHarness((st) => {
    st.text(st.cacheResource(() => new Connection())() instanceof Connection ? 'resource ok' : 'copied');
    st.cacheData(() => new Connection())();
  });
  await h.runner.request();
  assert.match(h.last()?.error?.message ?? '', /returned a Connection instance.*st\.cacheResource/);
});

test('async: concurrent calls with the same arguments share one promise; a rejection is not cached', async () => {
  let calls = 0;
  let fail = true;
  const cache = new AppCache();
  const app: App = async (st) => {
    const fetchRow = st.cacheData(async (id: number) => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('service down');
      return { id };
    });
    const rows = await Promise.all([fetchRow(1), fetchRow(1), fetchRow(1)]);
    st.text(rows.map((r) => r.id).join(','));
  };
  const h = appHarness(app, { services: { cache } });
  await h.runner.request();
  assert.match(h.last()?.error?.message ?? '', /service down/);
  assert.equal(calls, 1, 'three concurrent calls, one call of the function');
  assert.equal(cache.size, 0, 'the rejected promise was dropped');
  fail = false;
  await runs(h, 2);
  assert.deepEqual(texts(h), ['1,1,1']);
  assert.equal(calls, 2, 'called again after the rejection, then cached');
});

test('ttl expires entries; maxEntries evicts the least recently used; clear() and clear(args)', async () => {
  let clock = 1_000_000;
  const cache = new AppCache(() => clock);
  const calls: string[] = [];
  let ask: string[] = [];
  let clearArgs: string[] | undefined;
  const h = appHarness(
    (st) => {
      const timed = st.cacheData((k: string) => (calls.push(`t:${k}`), k), { ttl: '10s' });
      const small = st.cacheData((k: string) => (calls.push(`s:${k}`), k), { maxEntries: 2 });
      timed('x');
      for (const k of ask) small(k);
      if (clearArgs) small.clear(...(clearArgs as [string]));
    },
    { services: { cache } },
  );
  await h.runner.request();
  clock += 9_000;
  await h.runner.request();
  assert.deepEqual(calls, ['t:x'], 'within its ttl');
  clock += 2_000;
  await h.runner.request();
  assert.deepEqual(calls, ['t:x', 't:x'], 'after its ttl');

  calls.length = 0;
  ask = ['a', 'b', 'a', 'c']; // 'a' was used after 'b': 'b' is evicted when 'c' comes
  await h.runner.request();
  ask = ['a', 'c', 'b'];
  await h.runner.request();
  assert.deepEqual(calls, ['s:a', 's:b', 's:c', 's:b']);

  calls.length = 0;
  ask = [];
  clearArgs = ['c'];
  await h.runner.request();
  clearArgs = undefined;
  ask = ['b', 'c'];
  await h.runner.request();
  assert.deepEqual(calls, ['s:c'], 'only the cleared entry is computed again');
  cache.clear();
  assert.equal(cache.size, 0);
});

test('ttl and maxEntries are checked: seconds or a unit string', () => {
  assert.equal(parseTtl(1.5), 1500);
  assert.equal(parseTtl('90s'), 90_000);
  assert.equal(parseTtl('5m'), 300_000);
  assert.equal(parseTtl('1d'), 86_400_000);
  assert.throws(() => parseTtl('soon'), /ttl must be seconds/);
  assert.throws(() => parseTtl(-1), /ttl must be seconds/);
  assert.throws(() => new AppCache().wrap('data', (x: number) => x, { maxEntries: 0 }), /maxEntries must be a whole number above 0/);
  assert.throws(() => new AppCache().wrap('data', Math.max), /give it a key/);
});

test('st.stop() ends the run as a completed run: what was declared is shown, no error, triggers spent', async () => {
  const after: string[] = [];
  const h = appHarness((st) => {
    st.title('Report');
    const box = st.expander('Details', { expanded: true });
    box.text('inside');
    if (!st.checkbox('Go on')) {
      box.info('Tick "Go on" to see more.');
      st.button('Refresh');
      st.stop();
    }
    after.push('ran');
    st.text('the rest');
  });
  await h.runner.request();
  assert.equal(h.last()?.status, 'done');
  assert.equal(h.last()?.error, undefined);
  assert.deepEqual(texts(h).slice(0, 2), ['Report', 'expander'], 'elements before the stop are shown, containers with their children');
  assert.deepEqual(after, []);
  assert.ok(h.runner.widgetKinds.has('button:Refresh'), "a stopped run's widgets take events");
  h.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'button:Refresh', value: true });
  h.handler.receive({ type: 'event', history: HISTORY, seq: 2, widgetId: 'checkbox:Go on', value: true });
  await h.runner.idle();
  assert.deepEqual(after, ['ran']);
  assert.ok(texts(h).includes('the rest'));
});
