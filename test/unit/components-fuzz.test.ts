/**
 * ≥ 100 000 malformed or hostile messages as a component frame could post them: each goes through
 * the webview's classifier and, when it is a request, through the host's handler. Nothing throws,
 * every invalid one gets a typed error, storage stays within its limits, and the API still works.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyFrameMessage, componentMethods, ErrorInfo } from '../../protocol';
import { STORAGE_MAX_BYTES } from '../../src/components/componentApi';
import { RateLimiter } from '../../src/components/rateLimit';
import { makeApi } from './componentApiKit';

function rng(seed: number) {
  return () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const nasty: unknown[] = [
  null,
  undefined,
  0,
  -1,
  NaN,
  Infinity,
  1e308,
  '',
  'x'.repeat(5000),
  true,
  [],
  {},
  [1, [2, [3]]],
  { __proto__: { polluted: true } },
  Object.create(null),
  '__proto__',
  'constructor',
  'toString',
  -0,
  2 ** 53,
  new Uint8Array(3),
  { toJSON: () => 'x' },
];
const methods = [...Object.keys(componentMethods), 'notify', 'storage.set', '__proto__', 'constructor', 'hasOwnProperty', 'host.exec', ''];
const types = [
  'streamlit:componentReady',
  'streamlit:setFrameHeight',
  'streamlit:setComponentValue',
  'streamlit:render',
  'componentHost:request',
  'componentHost:response',
  'x',
];

function hostile(r: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const any = (): unknown => (r() < 0.5 ? pick(nasty) : r() < 0.5 ? pick(methods) : { k: pick(nasty), v: pick(methods) });
  switch (Math.floor(r() * 6)) {
    case 0:
      return pick(nasty);
    case 1:
      return {
        isStreamlitMessage: pick([true, false, 'true', 1]),
        type: pick(types),
        apiVersion: any(),
        height: pick([any(), r() * 1e6 - 10]),
        value: any(),
        dataType: pick(['json', 'bytes', 'dataframe', 'evil', undefined]),
      };
    case 2: // well-formed envelope, hostile method and params
      return {
        isComponentHostMessage: true,
        type: 'componentHost:request',
        id: Math.floor(r() * 1e6),
        method: pick(methods),
        params: {
          key: pick(['k', '__proto__', '', 'x'.repeat(300), any()]),
          value: any(),
          event: pick(['status', 'error', 'evil', '__proto__', any()]),
          payload: any(),
          route: pick(['me', 'health', '../x', any()]),
          path: pick(['a.md', '../../etc/passwd', any()]),
          message: any(),
        },
      };
    case 3: // broken envelope
      return { isComponentHostMessage: pick([true, 1]), type: pick(types), id: any(), method: any(), params: any() };
    case 4: // big values into storage
      return {
        isComponentHostMessage: true,
        type: 'componentHost:request',
        id: 1,
        method: 'storage.set',
        params: { key: `k${Math.floor(r() * 1000)}`, value: 'v'.repeat(Math.floor(r() * 20_000)) },
      };
    default:
      return {
        type: pick(types),
        ...(r() < 0.5 ? { isStreamlitMessage: true } : { isComponentHostMessage: true }),
        [pick(['__proto__', 'constructor', 'id'])]: any(),
      };
  }
}

test('fuzz: 100 000 hostile component messages → no crash, typed errors, storage within limits, still works', async () => {
  // The rate limit has its own test (components-limits); here every message must reach the checks behind it.
  const { api, store } = makeApi({ rateLimiter: new RateLimiter(Infinity, Infinity) });
  const r = rng(0xc0ffee);
  let invalid = 0;
  let requests = 0;
  let streamlit = 0;
  for (let i = 0; i < 100_000; i++) {
    const data = hostile(r);
    const c = classifyFrameMessage(data);
    if (c.kind === 'invalid') {
      invalid++;
      assert.ok(ErrorInfo.safeParse(c.error).success);
      continue;
    }
    if (c.kind === 'streamlit') {
      streamlit++;
      continue;
    }
    requests++;
    const outcome = await api.handle({ component: 'fuzz', elementId: 'e', method: c.request.method, params: c.request.params });
    if (!outcome.ok) assert.ok(ErrorInfo.safeParse(outcome.error).success, JSON.stringify(outcome));
  }
  assert.ok(invalid > 10_000 && requests > 10_000 && streamlit > 300, `${invalid} invalid, ${requests} requests, ${streamlit} streamlit`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const stored = store.get<Record<string, unknown>>('componentHost.componentStorage.fuzz');
  assert.ok(Buffer.byteLength(JSON.stringify(stored ?? {})) <= STORAGE_MAX_BYTES);
  // The API still answers correctly afterwards.
  const set = await api.handle({ component: 'fuzz', elementId: 'e', method: 'storage.delete', params: { key: 'k1' } });
  assert.ok(set.ok);
  const n = await api.handle({ component: 'fuzz', elementId: 'e', method: 'notify', params: { event: 'nope', payload: null } });
  assert.deepEqual(n, { ok: false, error: { code: 'not-allowed', message: 'event nope is not allowed' } });
});
