/** The app host's runtime: identity, triggers, reruns (latest wins, loop cap), errors, state. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appHarness, HISTORY } from '../support/appHarness';
import type { App } from '../../src/app/st';
import { MAX_STATE_CHARS, AppState } from '../../src/app/appState';
import { MAX_CHAINED_RERUNS } from '../../src/app/appRunner';

const texts = (h: ReturnType<typeof appHarness>) => JSON.stringify(h.last()?.elements ?? []);

test('widgets return their values and get identities; duplicates are a clear error', async () => {
  const h = appHarness((st) => {
    st.slider('Level', { min: 1, max: 3, value: 2 });
    st.button('Go');
    st.button('Go', { key: 'go2' });
    const [a, b] = st.columns(2);
    a!.button('Same label');
    b!.button('Same label'); // another place: another identity
  });
  await h.runner.request();
  assert.equal(h.last()?.status, 'done');
  assert.deepEqual(
    [...h.runner.widgetKinds.keys()],
    ['slider:Level', 'button:Go', 'key:go2', 'button:3/0/Same label', 'button:3/1/Same label'],
  );

  const dup = appHarness((st) => {
    st.checkbox('Agree');
    st.checkbox('Agree');
  });
  await dup.runner.request();
  assert.equal(dup.last()?.status, 'error');
  assert.match(dup.last()?.error?.message ?? '', /Two checkbox widgets have the label "Agree".*key/);
});

test('a button is true only in the run its click caused, never replayed', async () => {
  const seen: boolean[] = [];
  const h = appHarness((st) => void seen.push(st.button('Go')));
  await h.runner.request();
  h.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'button:Go', value: true });
  await h.runner.idle();
  await h.runner.request();
  await h.runner.request();
  assert.deepEqual(seen, [false, true, false, false]);
});

test('latest wins: a rerun asked for during a run discards the stale run', async () => {
  let release!: () => void;
  let calls = 0;
  const h = appHarness(async (st) => {
    calls++;
    const level = st.slider('Level');
    if (calls === 2) await new Promise<void>((r) => (release = r));
    st.text(`level ${level}`);
  });
  await h.runner.request(); // run 1 completes: the slider exists
  const second = h.runner.request(); // run 2 blocks half-way
  await new Promise((r) => setTimeout(r, 20));
  h.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'slider:Level', value: 7 });
  release();
  await second;
  await h.runner.idle();
  assert.equal(h.runner.discarded, 1, 'the stale run stopped at its next st call');
  assert.equal(h.renders.filter((r) => r.status === 'done').length, 2, 'run 1 and the latest run rendered, not the stale one');
  assert.match(texts(h), /level 7/);
});

test('st.rerun() loops are capped with a clear error; the next event recovers', async () => {
  const h = appHarness((st) => {
    st.slider('n');
    st.text('looping');
    st.rerun();
  });
  await h.runner.request();
  await h.runner.idle();
  assert.equal(h.runner.runs, MAX_CHAINED_RERUNS + 1);
  assert.match(h.last()?.error?.message ?? '', /st\.rerun\(\) 50 times in a row/);
});

test('an exception shows where the run stopped, with its stack; what came after it is gone; the next run recovers', async () => {
  let fail = false;
  const h = appHarness((st) => {
    st.title('Before');
    if (st.button('Break') || fail) throw new TypeError('kaput');
    st.text('after');
  });
  await h.runner.request();
  h.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'button:Break', value: true });
  await h.runner.idle();
  const broken = h.last();
  assert.equal(broken?.status, 'error');
  assert.match(broken?.error?.message ?? '', /TypeError: kaput/);
  assert.match(broken?.error?.stack ?? '', /app-runtime\.test\.ts/);
  assert.equal(broken?.error?.inPlace, true);
  assert.deepEqual(
    broken?.elements.map((e) => e.kind),
    ['title', 'button', 'error'],
    'what the run declared, then the exception: the last run\'s "after" is gone, as in Streamlit',
  );
  assert.deepEqual(broken?.elements.at(-1), { kind: 'error', id: 'error', message: 'TypeError: kaput', uncaught: true });
  // The failing run's widgets are the ones shown, and they take events.
  fail = false;
  h.handler.receive({ type: 'event', history: HISTORY, seq: 2, widgetId: 'button:Break', value: true });
  await h.runner.idle();
  assert.equal(h.last()?.status, 'error', "its button is the failing run's, and takes the click");
  await h.runner.request();
  assert.equal(h.last()?.status, 'done');
  assert.match(JSON.stringify(h.last()?.elements), /after/);
});

test('a run that takes long is reported while it continues', async () => {
  const h = appHarness(
    async (st) => {
      await new Promise((r) => setTimeout(r, 120));
      st.text('finally');
    },
    { slowRunMs: 30 },
  );
  await h.runner.request();
  assert.deepEqual(
    h.renders.map((r) => r.status),
    ['slow', 'done'],
  );
});

test('session state survives a new session on the same store (a window reload), versioned', async () => {
  const store = new Map<string, unknown>();
  const app: App = (st) => {
    st.sessionState.visits = ((st.sessionState.visits as number) ?? 0) + 1;
    st.text(`visits ${st.sessionState.visits}`);
    st.slider('Level');
  };
  const h1 = appHarness(app, { store });
  await h1.runner.request();
  h1.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'slider:Level', value: 42 });
  await h1.runner.idle();
  const h2 = appHarness(app, { store });
  await h2.runner.request();
  assert.match(texts(h2), /visits 3/);
  assert.equal(h2.state.widgets['slider:Level'], 42);
  // the ledger survived too: event 1 is a duplicate now
  h2.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'slider:Level', value: 1 });
  assert.equal(h2.state.widgets['slider:Level'], 42);
  // an unknown version is discarded, not misread
  store.set('session', { version: 99, widgets: { x: 1 }, user: {} });
  const warnings: string[] = [];
  const fresh = new AppState({ get: (k) => store.get(k), update: async () => undefined }, 'session', (m) => warnings.push(m));
  assert.deepEqual(fresh.widgets, {});
  assert.match(warnings[0] ?? '', /discarding/);
});

test('session state over the size limit is refused with a clear error and the saved copy is kept', async () => {
  const h = appHarness((st) => {
    st.sessionState.big = 'x'.repeat(MAX_STATE_CHARS + 10);
  });
  await h.runner.request();
  assert.match(h.saveErrors[0] ?? '', /over the 1000000 limit; it was not saved/);
  assert.equal(h.store.get('session'), undefined);
});

test('events are handled once, in order; gaps get an out-of-order error; bad values a typed error', async () => {
  const h = appHarness((st) => void st.slider('Level', { min: 0, max: 10 }));
  await h.runner.request();
  h.handler.receive({ type: 'event', history: HISTORY, seq: 2, widgetId: 'slider:Level', value: 5 });
  assert.equal(h.rejected[0]?.error.code, 'out-of-order');
  h.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'slider:Level', value: 'five' });
  h.handler.receive({ type: 'event', history: HISTORY, seq: 2, widgetId: 'nope', value: 5 });
  h.handler.receive({ type: 'event', history: HISTORY, seq: 3, widgetId: 'slider:Level', value: 4 });
  h.handler.receive({ type: 'event', history: HISTORY, seq: 3, widgetId: 'slider:Level', value: 9 }); // duplicate
  await h.runner.idle();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    h.rejected.map((r) => r.error.code),
    ['out-of-order', 'invalid-message', 'invalid-message'],
  );
  assert.equal(h.state.widgets['slider:Level'], 4);
  assert.equal(h.acks.at(-1)?.upTo, 3);
});

test('burst: 10 000 events, each handled exactly once and in order, reruns coalesced', async () => {
  const values: number[] = [];
  const h = appHarness((st) => {
    const v = st.numberInput('n');
    values.push(v);
    st.text(`n = ${v}`);
  });
  await h.runner.request();
  const runsBefore = h.runner.runs;
  for (let seq = 1; seq <= 10_000; seq++) {
    h.handler.receive({ type: 'event', history: HISTORY, seq, widgetId: 'number_input:n', value: seq });
  }
  await h.runner.idle();
  await new Promise((r) => setImmediate(r));
  assert.equal(h.runner.eventsHandled, 10_000);
  assert.equal(h.rejected.length, 0);
  assert.equal(h.state.widgets['number_input:n'], 10_000);
  assert.match(texts(h), /n = 10000/);
  assert.equal(h.acks.at(-1)?.upTo, 10_000);
  const runs = h.runner.runs - runsBefore;
  console.log(`10 000 events → ${runs} run(s), ${h.runner.coalesced} coalesced requests`);
  assert.ok(runs < 100, `reruns coalesced (${runs} runs)`);
  assert.ok(
    values.every((v, i) => i === 0 || v >= values[i - 1]!),
    'values only move forward',
  );
});
