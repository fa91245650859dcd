/**
 * Fuzz: 10 000+ random, malformed, oversized and out-of-order messages through the webview message
 * parser and the received-events handler. Nothing throws, every bad message gets a typed error, and
 * the session state only ever holds values valid for their widgets.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { errorCodes, parseWebviewMessage, UploadedFiles, widgetValueSchemas, type WidgetKind } from '../../protocol';
import { appHarness, HISTORY } from '../support/appHarness';

/** Small deterministic PRNG, so a failure can be reproduced from its seed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

test(`fuzz: 12 000 hostile webview messages (seed ${SEED})`, async () => {
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // The host's dialogs answer at once; what they return is random too (cancel, too big, a file).
  const dialogs = {
    openFiles: async () =>
      pick([
        undefined,
        [],
        [{ name: 'a.txt', size: 3, read: async () => new Uint8Array(3) }],
        [{ name: 'big', size: 1e9, read: async () => new Uint8Array(1) }],
      ]),
    saveFile: async () => 'saved',
    openExternal: async () => true,
  };
  const h = appHarness(
    (st) => {
      st.slider('s', { min: 0, max: 10 });
      st.checkbox('c');
      st.textInput('t');
      st.button('b');
      st.selectbox('sel', ['a', 'b']);
      st.multiselect('ms', ['a', 'b', 'c'], { maxSelections: 2 });
      st.textArea('ta', { maxChars: 20 });
      st.dateInput('d', { value: '2026-12-01' });
      st.timeInput('tm', { value: '09:30' });
      st.colorPicker('col');
      st.selectSlider('ss', ['a', 'b', 'c']);
      st.selectSlider('sr', ['a', 'b', 'c'], { value: ['a', 'b'] });
      st.pills('p', ['a', 'b']);
      st.segmentedControl('sc', ['a', 'b'], { selectionMode: 'multi' });
      st.feedback('faces');
      st.fileUploader('f');
      st.downloadButton('dl', 'data');
      st.linkButton('ln', 'https://example.com');
    },
    { services: { dialogs } },
  );
  await h.runner.request();
  const widgetIds = [...h.runner.widgetKinds.keys()];
  const junk = (): unknown =>
    pick<() => unknown>([
      () => null,
      () => undefined,
      () => rand() * 1e9,
      () => 'x'.repeat(Math.floor(rand() * 50)),
      () => ({}),
      () => [],
      () => ({ nested: { deep: [1, 'two', null] } }),
      () => true,
      () => -1,
      () => Number.NaN,
      () => 'x'.repeat(1_100_000),
      () => ({
        toJSON: () => {
          throw new Error('nope');
        },
      }),
    ])();
  const message = (): unknown =>
    pick<() => unknown>([
      junk,
      () => ({ type: junk() }),
      () => ({ type: pick(['ready', 'request', 'event', 'render', 'evil', '__proto__', 'constructor']) }),
      () => ({
        type: 'event',
        history: HISTORY,
        seq: pick([0, -1, 1.5, 'one', null, Math.floor(rand() * 50_000) + 1]),
        widgetId: pick([...widgetIds, '', 'x'.repeat(400), 'nope', junk()]),
        value: junk(),
      }),
      () => ({
        type: 'event',
        history: HISTORY,
        seq: h.handler.ackFor(HISTORY).upTo + pick([1, 1, 1, 0, 2, -3]),
        widgetId: pick(widgetIds),
        value: pick([
          junk(),
          rand() * 20 - 5,
          true,
          false,
          'text',
          0,
          1,
          null,
          [0, 1],
          [1, 1],
          [2, 0, 1],
          [5],
          '2026-12-24',
          '2026-02-30',
          '17:05',
          '24:00',
          '#1e90ff',
          '#FFF',
          'pick',
          'clear',
          4,
        ]),
      }),
      () => ({ type: 'request', id: pick([1, -1, 'x', null]), method: pick(['echo', 'callApi', 'nope', junk()]), params: junk() }),
      () => ({ type: 'ready', protocolVersion: junk() }),
    ])();

  let parsedOk = 0;
  let typedErrors = 0;
  for (let i = 0; i < 12_000; i++) {
    const raw = message();
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      assert.ok((errorCodes as readonly string[]).includes(parsed.error.code));
      assert.ok(!parsed.error.message.includes('x'.repeat(41)), 'errors echo at most a short type name, never the input');
      typedErrors++;
      continue;
    }
    parsedOk++;
    if (parsed.value.type === 'event') h.handler.receive(parsed.value);
    if (i % 500 === 0) await h.runner.idle();
  }
  await h.runner.idle();
  await new Promise((r) => setImmediate(r));

  for (const r of h.rejected) assert.ok((errorCodes as readonly string[]).includes(r.error.code));
  for (const [id, value] of Object.entries(h.state.widgets)) {
    const kind = h.runner.widgetKinds.get(id) as WidgetKind;
    assert.ok(kind, `only known widgets hold values (${id})`);
    assert.ok(!['button', 'download_button', 'link_button'].includes(kind), `a ${kind} keeps no value (${id})`);
    // A file uploader's event is an action; what it keeps is the files the host read.
    const schema = kind === 'file_uploader' ? UploadedFiles : widgetValueSchemas[kind];
    assert.ok(schema.safeParse(value).success, `${id} holds a valid ${kind} value`);
  }
  assert.equal(h.last()?.status === 'error' ? h.last()?.error?.message.includes('Two') : false, false);
  assert.ok(parsedOk > 1000 && typedErrors > 1000, `both kinds exercised (${parsedOk} parsed, ${typedErrors} refused)`);
  // Acks only move forward.
  const ups = h.acks.map((a) => a.upTo);
  assert.ok(ups.every((u, i) => i === 0 || u >= ups[i - 1]!));
  // And the app still works afterwards.
  h.handler.receive({ type: 'event', history: HISTORY, seq: h.handler.ackFor(HISTORY).upTo + 1, widgetId: 'slider:s', value: 9 });
  await h.runner.idle();
  assert.equal(h.state.widgets['slider:s'], 9);
  assert.equal(h.last()?.status, 'done');
});
