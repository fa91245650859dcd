/** The view's held form edits (webview/formDrafts.ts): kept, taken by a submit, cleared as Streamlit clears them. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FormDrafts, mergeV2Changes } from '../../webview/formDrafts';

/** The webview state as VS Code keeps it for a document (and its next one). */
function channel(initial?: Record<string, unknown>) {
  let state: Record<string, unknown> | undefined = initial;
  return {
    getState: <T>() => state as T | undefined,
    patchState: (patch: Record<string, unknown>) => void (state = { ...state, ...patch }),
    get state() {
      return state;
    },
  };
}
const tick = () => new Promise<void>((r) => queueMicrotask(r));

test('edits are held per form; a submit takes those of widgets still shown, and they stay shown until another run ends', async () => {
  const c = channel();
  const drafts = new FormDrafts(c);
  drafts.rendered('app', 1, true);
  let notified = 0;
  drafts.subscribe('key:name', () => notified++);
  drafts.edit('profile', 'key:name', 'Ada');
  drafts.edit('profile', 'key:gone', 1);
  drafts.edit('other', 'key:x', true);
  assert.equal(drafts.get('key:name', 'profile')?.value, 'Ada');
  assert.equal(drafts.get('key:name', 'other'), undefined, 'a draft shows only in its own form');
  assert.equal(drafts.pending, 3);

  const values = drafts.submit('profile', 1, (id) => id !== 'key:gone');
  assert.deepEqual(values, { 'key:name': 'Ada' });
  assert.equal(drafts.pending, 1, "the other form's edit still waits");
  assert.equal(drafts.get('key:name', 'profile')?.sentIn, 1, 'shown as sent while run 1 shows');
  assert.deepEqual(
    drafts.submit('profile', 1, () => true),
    {},
    'a second click sends nothing again',
  );

  drafts.rendered('app', 1, true); // run 1 again (a replayed render): still shown
  drafts.rendered('app', 2, false); // the submit's run, streaming: still shown
  assert.ok(drafts.get('key:name', 'profile'));
  drafts.rendered('app', 2, true);
  assert.equal(drafts.get('key:name', 'profile'), undefined, 'its run ended: the host shows the value');
  assert.ok(notified >= 3);
  await tick();
  assert.deepEqual(Object.keys((c.state?.formDrafts as { drafts: object }).drafts), ['key:x']);
});

test("clearOnSubmit: the defaults become the form's edits, sent with the next submit", () => {
  const drafts = new FormDrafts(channel());
  drafts.rendered('app', 1, true);
  drafts.edit('todo', 'key:task', 'Write');
  assert.deepEqual(
    drafts.submit('todo', 1, () => true, { 'key:task': '' }),
    { 'key:task': 'Write' },
  );
  assert.deepEqual(drafts.get('key:task', 'todo'), { form: 'todo', value: '' });
  drafts.rendered('app', 2, true);
  assert.equal(drafts.get('key:task', 'todo')?.value, '', 'the default stays over the sent value the host shows');
  assert.deepEqual(
    drafts.submit('todo', 2, () => true, { 'key:task': '' }),
    { 'key:task': '' },
  );
});

test('a new document keeps the edits, not what was sent; another app drops them', async () => {
  const c = channel();
  const first = new FormDrafts(c);
  first.rendered('app', 1, true);
  first.edit('f', 'key:a', 'kept');
  first.edit('f', 'key:b', 'sent');
  first.submit('f', 1, (id) => id === 'key:b');
  first.edit('f', 'key:a', 'kept');
  await tick();
  const second = new FormDrafts(c);
  assert.equal(second.get('key:a', 'f')?.value, 'kept');
  assert.equal(second.get('key:b', 'f'), undefined, 'sent: the host (or the outbox) has it');
  second.rendered('app', 1, true);
  assert.equal(second.get('key:a', 'f')?.value, 'kept');
  second.rendered('another app', 1, true);
  assert.equal(second.pending, 0);

  const broken = new FormDrafts(
    channel({ formDrafts: { app: 'app', drafts: { 'key:a': 'not a draft', 'key:b': { form: 'f', value: 2 } } } }),
  );
  assert.equal(broken.pending, 1, 'a malformed saved draft is dropped');
});

test("a v2 component's changes in a form: the latest state of each name is held, triggers are dropped", () => {
  const first = mergeV2Changes(undefined, {
    changes: [
      { kind: 'state', name: 'rating', value: 2 },
      { kind: 'trigger', name: 'submitted', value: 2 },
    ],
  });
  assert.deepEqual(first, { changes: [{ kind: 'state', name: 'rating', value: 2 }] });
  const next = mergeV2Changes(first, {
    changes: [
      { kind: 'state', name: 'note', value: 'ok' },
      { kind: 'state', name: 'rating', value: 4 },
    ],
  });
  assert.deepEqual(next, {
    changes: [
      { kind: 'state', name: 'note', value: 'ok' },
      { kind: 'state', name: 'rating', value: 4 },
    ],
  });
  assert.equal(mergeV2Changes(undefined, { changes: [{ kind: 'trigger', name: 'submitted', value: 1 }] }), undefined, 'nothing to hold');
});
