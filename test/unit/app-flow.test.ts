/** Forms and fragments on the host: one event per submit, fragment reruns alone, and the pure steps behind them. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appHarness, HISTORY } from '../support/appHarness';
import type { Element } from '../../protocol';
import { enqueueFragment, recordWithout, runEveryMs, withFragment, type FragmentEntry } from '../../src/app/flow';
import { RunRecord } from '../../src/app/run';
import type { App, St } from '../../src/app/st';

let seq = 0;
const event = (widgetId: string, value: unknown) => ({ type: 'event' as const, history: HISTORY, seq: ++seq, widgetId, value });
const find = (elements: readonly Element[], id: string): Element | undefined => {
  for (const e of elements) {
    if (e.id === id) return e;
    if ('slots' in e) {
      for (const slot of e.slots) {
        const hit = find(slot, id);
        if (hit) return hit;
      }
    }
  }
  return undefined;
};

test('a form: edits reach the app only with its submit, all in one event and one rerun; the submit is a trigger', async () => {
  seq = 0;
  const seen: unknown[] = [];
  const h = appHarness((st) => {
    st.form('profile', (form) => {
      const name = form.textInput('Name', { key: 'name' });
      const agree = form.checkbox('Agree', { key: 'agree' });
      const sent = form.formSubmitButton('Save');
      seen.push({ name, agree, sent });
    });
  });
  await h.runner.request();
  const form = h.last()!.elements[0]!;
  assert.equal(form.kind, 'form');
  assert.ok(form.kind === 'form' && form.hasSubmitButton && form.border && !form.clearOnSubmit);

  h.handler.receive(event('key:agree', true)); // a form widget's own event is refused: it comes with the submit
  await h.runner.idle();
  assert.equal(h.runner.runs, 1);
  assert.match(h.rejected[0]?.error.message ?? '', /in form "profile"/);

  h.handler.receive(event('form_submit_button:0/Save', { values: { 'key:name': 'Ada', 'key:agree': true } }));
  await h.runner.idle();
  assert.equal(h.runner.runs, 2, 'one rerun for the submit');
  await h.runner.request();
  assert.deepEqual(seen, [
    { name: '', agree: false, sent: false },
    { name: 'Ada', agree: true, sent: true },
    { name: 'Ada', agree: true, sent: false },
  ]);
});

test('a submit applies only values of its own form, checked by kind, and says what it skipped', async () => {
  seq = 0;
  const h = appHarness((st) => {
    st.textInput('Outside', { key: 'outside' });
    const a = st.form('a');
    a.slider('Level', { key: 'level' });
    a.formSubmitButton();
  });
  await h.runner.request();
  h.handler.receive(event('form_submit_button:1/Submit', { values: { 'key:level': 7, 'key:outside': 'x', 'key:none': 1 } }));
  await h.runner.idle();
  assert.equal(h.state.widgets['key:level'], 7);
  assert.equal(h.state.widgets['key:outside'], '');
  assert.match(h.rejected.at(-1)?.error.message ?? '', /2 value\(s\) not applied.*key:outside, key:none/);
  h.handler.receive(event('form_submit_button:1/Submit', { values: { 'key:level': 'high' } }));
  await h.runner.idle();
  assert.equal(h.state.widgets['key:level'], 7, 'a value of the wrong type is not applied');
});

test("clearOnSubmit: the form node carries its widgets' defaults for the view to put back", async () => {
  const h = appHarness((st) => {
    st.form('note', { clearOnSubmit: true, border: false });
    const f = st.form('todo', { clearOnSubmit: true });
    f.textInput('Task', { key: 'task', value: 'write' });
    f.multiselect('Tags', ['a', 'b'], { default: ['b'], key: 'tags' });
    f.formSubmitButton('Add');
  });
  await h.runner.request();
  const [note, todo] = h.last()!.elements;
  assert.ok(note?.kind === 'form' && !note.border && !note.hasSubmitButton, 'a form without a submit button says so');
  assert.ok(todo?.kind === 'form');
  assert.deepEqual(todo.defaults, { 'key:task': 'write', 'key:tags': [1] });
});

test('form rules: no nesting, no st.button or downloads inside, submit buttons only inside, unique keys', async () => {
  const cases: [App, RegExp][] = [
    [(st) => st.form('a', (f) => f.form('b')), /Forms cannot be nested/],
    [(st) => st.form('a', (f) => f.button('Go')), /st\.button\(\)` can't be used in an `st\.form\(\)`/],
    [(st) => st.form('a', (f) => f.downloadButton('Get', 'x')), /st\.downloadButton\(\)` can't/],
    [(st) => st.form('a', (f) => f.chatInput()), /st\.chatInput\(\)` can't/],
    [(st) => st.formSubmitButton(), /must be used inside an `st\.form\(\)`/],
    [(st) => (st.form('a'), st.form('a')), /Two forms have the key "a"/],
    [(st) => st.form('a', (f) => f.fragment(() => undefined)), /st\.fragment\(\)` can't be used in an `st\.form\(\)`/],
    [(st) => st.rerun({ scope: 'fragment' }), /scope: "fragment"/],
  ];
  for (const [app, message] of cases) {
    const h = appHarness(app);
    await h.runner.request();
    assert.equal(h.last()?.status, 'error');
    assert.match(h.last()?.error?.message ?? '', message);
  }
  const columns = appHarness((st) => st.form('a', (f) => f.columns(2)[1]!.formSubmitButton()));
  await columns.runner.request();
  const form = columns.last()?.elements[0];
  assert.ok(form?.kind === 'form' && form.hasSubmitButton, 'a submit button in a container of the form counts');
});

/** An app with a run counter outside a fragment and one inside. */
function counters(options: { runEvery?: string } = {}) {
  const calls = { app: 0, fragment: 0 };
  const h = appHarness((st) => {
    calls.app++;
    st.text(`app runs ${calls.app}`);
    st.fragment((f) => {
      calls.fragment++;
      const n = f.slider('N', { key: 'n' });
      f.text(`fragment runs ${calls.fragment}, n ${n}`);
      if (f.button('Again', { key: 'again' })) f.rerun({ scope: 'fragment' });
    }, options);
    st.text('after');
  });
  return { h, calls };
}

test("a fragment's widget reruns the fragment alone: the rest of the elements stay as they were", async () => {
  seq = 0;
  const { h, calls } = counters();
  await h.runner.request();
  const before = h.last()!.elements;
  h.handler.receive(event('key:n', 5));
  await h.runner.idle();
  assert.deepEqual(calls, { app: 1, fragment: 2 });
  assert.equal(h.runner.fragmentRuns, 1);
  const after = h.last()!.elements;
  assert.equal(after[0], before[0], 'the text outside is the same element object, not rebuilt');
  assert.equal(after[2], before[2]);
  assert.deepEqual(find(after, '1/1'), { kind: 'text', id: '1/1', text: 'fragment runs 2, n 5' });

  h.handler.receive(event('key:n', 6)); // the fragment's widgets still take events after its own rerun
  await h.runner.idle();
  assert.deepEqual(calls, { app: 1, fragment: 3 });

  await h.runner.request(); // a run of the whole app reruns the fragment too
  assert.deepEqual(calls, { app: 2, fragment: 4 });
  assert.deepEqual(find(h.last()!.elements, '1/1'), { kind: 'text', id: '1/1', text: 'fragment runs 4, n 6' });
});

test('st.rerun({ scope: "fragment" }) in a fragment rerun reruns the fragment again, not the app', async () => {
  seq = 0;
  const { h, calls } = counters();
  await h.runner.request();
  h.handler.receive(event('key:again', true));
  await h.runner.idle();
  assert.deepEqual(calls, { app: 1, fragment: 3 }, "the click's rerun, then the one st.rerun asked for");
  assert.equal(h.last()?.status, 'done');
});

test("runEvery: the view's tick reruns a fragment with a timer; the node says the interval", async () => {
  seq = 0;
  const { h, calls } = counters({ runEvery: '2s' });
  await h.runner.request();
  assert.deepEqual({ ...h.last()!.elements[1], slots: undefined }, { kind: 'fragment', id: '1', runEveryMs: 2000, slots: undefined });
  h.handler.receive(event('fragment:1', 'tick'));
  await h.runner.idle();
  assert.deepEqual(calls, { app: 1, fragment: 2 });
  h.handler.receive(event('fragment:9', 'tick')); // gone (or never there): ignored
  h.handler.receive(event('fragment:1', 'tock'));
  await h.runner.idle();
  assert.deepEqual(calls, { app: 1, fragment: 2 });
  assert.match(h.rejected.at(-1)?.error.message ?? '', /"tick"/);
});

test('a fragment rerun asked for during a run of the app waits for it instead of stopping it', async () => {
  seq = 0;
  let release!: () => void;
  let runs = 0;
  const h = appHarness(async (st) => {
    runs++;
    st.fragment((f) => f.slider('N', { key: 'n' }));
    if (runs === 2) await new Promise<void>((r) => (release = r));
    st.text(`run ${runs}`);
  });
  await h.runner.request();
  const second = h.runner.request();
  await new Promise((r) => setTimeout(r, 20));
  h.handler.receive(event('key:n', 3));
  await new Promise((r) => setTimeout(r, 20));
  release();
  await second;
  await h.runner.idle();
  assert.equal(h.runner.discarded, 0);
  assert.equal(h.runner.fragmentRuns, 1);
  assert.equal(JSON.stringify(h.last()?.elements).includes('run 2'), true);
});

test("a fragment rerun that declares into the app's st (an ended run) fails with a clear error", async () => {
  seq = 0;
  const h = appHarness((st) => {
    st.fragment((f) => {
      if (f.slider('N', { key: 'n' }) > 0) st.text('outside');
    });
  });
  await h.runner.request();
  h.handler.receive(event('key:n', 1));
  await h.runner.idle();
  assert.equal(h.last()?.status, 'error');
  assert.match(h.last()?.error?.message ?? '', /run that has ended/);
});

test("pure steps: a fragment's part of the record, its children in the tree, the queue, runEvery", () => {
  const fragments = new Map<string, FragmentEntry>([
    ['1', { run: () => undefined }],
    ['1/2', { run: () => undefined, parent: '1' }],
    ['5', { run: () => undefined }],
  ]);
  const base = new RunRecord();
  for (const [id, owner] of [
    ['key:a', undefined],
    ['key:b', '1'],
    ['key:c', '1/2'],
    ['key:d', '5'],
  ] as const) {
    base.ids.add(id);
    base.widgetKinds.set(id, 'slider');
    if (owner) base.owner.set(`w:${id}`, owner);
  }
  for (const [id, entry] of fragments) base.fragments.set(id, entry);
  base.owner.set('g:1/2', '1');
  const pruned = recordWithout(base, '1');
  assert.deepEqual([...pruned.ids], ['key:a', 'key:d']);
  assert.deepEqual([...pruned.fragments.keys()], ['1', '5'], 'the fragment stays, the ones inside it go');

  const tree: Element[] = [
    { kind: 'text', id: '0', text: 'a' },
    {
      kind: 'columns',
      id: '1',
      count: 1,
      slots: [[{ kind: 'fragment', id: '1/0/0', slots: [[{ kind: 'text', id: '1/0/0/0', text: 'old' }]] }]],
    },
    { kind: 'container', id: '2', border: false, slots: [[]] },
  ];
  const next = withFragment(tree, '1/0/0', [{ kind: 'text', id: '1/0/0/0', text: 'new' }])!;
  assert.equal(next[0], tree[0]);
  assert.equal(next[2], tree[2], 'containers off the path are not copied');
  assert.deepEqual(find(next, '1/0/0/0'), { kind: 'text', id: '1/0/0/0', text: 'new' });
  assert.equal(withFragment(tree, '7', []), undefined);

  const queue: string[] = [];
  enqueueFragment(queue, '1/2', fragments);
  enqueueFragment(queue, '5', fragments);
  enqueueFragment(queue, '5', fragments);
  assert.deepEqual(queue, ['1/2', '5']);
  enqueueFragment(queue, '1', fragments); // covers 1/2
  enqueueFragment(queue, '1/2', fragments);
  assert.deepEqual(queue, ['5', '1']);

  assert.equal(runEveryMs(2), 2000);
  assert.equal(runEveryMs('500ms'), 500);
  assert.equal(runEveryMs('1m'), 60_000);
  assert.equal(runEveryMs(0.01), 100, 'at least 100 ms');
  assert.equal(runEveryMs(undefined), undefined);
  assert.throws(() => runEveryMs('soon'), /runEvery is seconds/);
  assert.throws(() => runEveryMs(0), /runEvery is seconds/);
});

test("a form's width and height, as Streamlit's: stretch and content by default, pixels checked", async () => {
  const h = appHarness((st) => {
    st.form('a', (f) => f.formSubmitButton());
    st.form('b', { width: 'content', height: 240 }).formSubmitButton();
    st.form('c', { width: 320 }).formSubmitButton();
  });
  await h.runner.request();
  const [a, b, c] = h.last()!.elements as Extract<Element, { kind: 'form' }>[];
  assert.equal(a!.width, undefined);
  assert.equal(a!.height, undefined);
  assert.deepEqual([b!.width, b!.height], ['content', 240]);
  assert.equal(c!.width, 320);
  for (const options of [{ height: 0 }, { height: 2.5 }, { width: 'wide' }, { height: 'stretch' }]) {
    const bad = appHarness((st) => void st.form('x', options as never).formSubmitButton());
    await bad.runner.request();
    assert.equal(bad.last()?.status, 'error');
    assert.match(bad.last()?.error?.message ?? '', /st\.form: (width|height) is/);
  }
});

test("a fragment's rerun that throws shows what it declared and the exception in its place; the rest stays", async () => {
  seq = 0;
  let app = 0;
  const h = appHarness((st) => {
    app++;
    st.text('outside');
    st.fragment((f) => {
      f.text('inside');
      if (f.button('Break', { key: 'break' })) throw new Error('the fragment broke');
    });
  });
  await h.runner.request();
  h.handler.receive(event('key:break', true));
  await h.runner.idle();
  const out = h.last()!;
  assert.equal(out.status, 'error');
  assert.match(out.error?.message ?? '', /the fragment broke/);
  assert.equal(app, 1, 'the app itself did not run again');
  const fragment = out.elements[1] as Extract<Element, { kind: 'fragment' }>;
  assert.deepEqual(
    fragment.slots[0]!.map((e) => [e.kind, 'text' in e ? e.text : 'message' in e ? e.message : e.id]),
    [
      ['text', 'inside'],
      ['button', 'key:break'],
      ['error', 'Error: the fragment broke'],
    ],
  );
  assert.deepEqual(out.elements[0], { kind: 'text', id: '0', text: 'outside' });
  // The next rerun of the fragment replaces the exception.
  await h.runner.requestFragment(fragment.id);
  assert.equal(h.last()!.status, 'done');
  assert.ok(!(h.last()!.elements[1] as typeof fragment).slots[0]!.some((e) => e.kind === 'error'));
});

test("a v2 component in a form: its state comes with the submit, its callback runs then; a form's triggers are not applied", async () => {
  seq = 0;
  const seen: unknown[] = [];
  const changed: unknown[] = [];
  const h = appHarness((st) => {
    st.form('review', (form) => {
      const rating = form.components.v2.component<{ rating: number; sent: number }>('rating', { js: 'export default () => {}' })({
        key: 'rating',
        default: { rating: 3 },
        onChange: { rating: (v) => changed.push(v) },
      });
      seen.push({ rating: rating.rating, sent: form.formSubmitButton('Send') });
    });
  });
  await h.runner.request();
  const id = 'key:rating';
  h.handler.receive(event(id, { changes: [{ kind: 'state', name: 'rating', value: 5 }] }));
  await h.runner.idle();
  assert.match(h.rejected[0]?.error.message ?? '', /in form "review"/, 'its own events are refused: its state comes with the submit');
  h.handler.receive(
    event('form_submit_button:0/Send', {
      values: {
        [id]: {
          changes: [
            { kind: 'state', name: 'rating', value: 4 },
            { kind: 'trigger', name: 'sent', value: 1 },
          ],
        },
      },
    }),
  );
  await h.runner.idle();
  assert.deepEqual(seen, [
    { rating: 3, sent: false },
    { rating: 4, sent: true },
  ]);
  assert.deepEqual(changed, [4], 'the callback ran once, for the submitted state');
  assert.equal(h.state.user.rating && (h.state.user.rating as { sent?: unknown }).sent, undefined, 'no trigger value from a form');
});

test('widget callbacks run before the rerun, once per change or click; a form submit runs those of the changed widgets, then its own', async () => {
  seq = 0;
  const calls: string[] = [];
  const h = appHarness((st) => {
    st.textInput('Name', { key: 'name', onChange: () => calls.push(`name=${String(st.sessionState.seen)}`) });
    st.button('Go', { key: 'go', onClick: () => calls.push('go') });
    st.sessionState.seen = 'run';
    st.form('f', (form) => {
      form.slider('Level', { key: 'level', onChange: () => calls.push('level') });
      form.checkbox('Agree', { key: 'agree', onChange: () => calls.push('agree') });
      form.formSubmitButton('Send', { key: 'send', onClick: () => calls.push('send') });
    });
  });
  await h.runner.request();
  h.handler.receive(event('key:name', 'Ada'));
  await h.runner.idle();
  h.handler.receive(event('key:name', 'Ada')); // unchanged: no callback
  await h.runner.idle();
  h.handler.receive(event('key:go', true));
  await h.runner.idle();
  h.handler.receive(event('key:send', { values: { 'key:level': 4, 'key:agree': false } })); // agree unchanged
  await h.runner.idle();
  assert.deepEqual(calls, ['name=run', 'go', 'level', 'send']);
});

test("fragment keys: a callback reruns fragments by key in place of the app; the rules are Streamlit's", async () => {
  seq = 0;
  const runs = { app: 0, charts: 0, table: 0 };
  const h = appHarness((st) => {
    runs.app++;
    st.fragment(() => void runs.charts++, { key: 'charts' });
    st.fragment(() => void runs.table++, { key: 'table' });
    st.button('Refresh charts', { key: 'one', onClick: () => st.rerun({ scope: 'charts' }) });
    st.button('Refresh both', { key: 'both', onClick: () => st.rerun({ scope: ['charts', 'table'] }) });
    st.button('Plain', { key: 'plain', onClick: () => undefined });
    st.button('Unknown', { key: 'unknown', onClick: () => st.rerun({ scope: 'nope' }) });
  });
  await h.runner.request();
  assert.deepEqual(runs, { app: 1, charts: 1, table: 1 });
  h.handler.receive(event('key:one', true));
  await h.runner.idle();
  assert.deepEqual(runs, { app: 1, charts: 2, table: 1 }, 'only the keyed fragment reran');
  h.handler.receive(event('key:both', true));
  await h.runner.idle();
  assert.deepEqual(runs, { app: 1, charts: 3, table: 2 });
  h.handler.receive(event('key:plain', true));
  await h.runner.idle();
  assert.deepEqual(runs, { app: 2, charts: 4, table: 3 }, 'a callback that returns keeps the rerun of the app');
  h.handler.receive(event('key:unknown', true));
  await h.runner.idle();
  assert.match(h.last()?.error?.message ?? '', /No fragment found for target "nope"/);

  const cases: [App, RegExp][] = [
    [(st) => st.rerun({ scope: 'charts' }), /only allowed from a widget callback/],
    [(st) => st.fragment(() => undefined, { key: 'app' }), /"app" is a reserved name/],
    [(st) => (st.fragment(() => 1, { key: 'k' }), st.fragment(() => 2, { key: 'k' })), /Two fragments have the key "k"/],
  ];
  for (const [app, message] of cases) {
    const c = appHarness(app);
    await c.runner.request();
    assert.match(c.last()?.error?.message ?? '', message);
  }
  const shared = (f: St) => f.text('shared');
  const sites = appHarness((st) => (st.fragment(shared, { key: 's' }), st.fragment(shared, { key: 's' })));
  await sites.runner.request();
  assert.equal(sites.last()?.status, 'done', 'two call sites of one function share its key');
});

test('a callback that declares an element fails the run with an error that says why', async () => {
  seq = 0;
  const h = appHarness((st) => void st.button('Go', { key: 'go', onClick: () => st.text('from a callback') }));
  await h.runner.request();
  h.handler.receive(event('key:go', true));
  await h.runner.idle();
  assert.match(h.last()?.error?.message ?? '', /A widget callback declares no elements/);
});
