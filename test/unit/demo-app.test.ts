/** The built-in demo's own logic, run by the real runner with a signed-in host: the rating's thanks, the component's events. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Element } from '../../protocol';
import { demoApp } from '../../src/app/demoApp';
import { noHostServices } from '../../src/hostServices';
import type { RunServices } from '../../src/app/run';
import { ComponentEventLog } from '../../src/app/componentEventLog';
import { appHarness, HISTORY } from '../support/appHarness';

const signedIn = (events: ComponentEventLog): Partial<RunServices> => ({
  host: {
    ...noHostServices,
    sessionInfo: () => ({
      signedIn: true,
      development: true,
      account: { name: 'Dev', email: 'dev@example.test' },
      expiresAt: Date.now() + 600_000,
    }),
  },
  componentEvents: () => events.list(),
});

function texts(elements: readonly Element[]): string[] {
  return elements.flatMap((e): string[] => {
    const own = 'text' in e && typeof e.text === 'string' ? [e.text] : [];
    return [...own, ...texts('slots' in e ? e.slots.flat() : [])];
  });
}

function demo(events = new ComponentEventLog()) {
  return appHarness(demoApp, {
    services: { ...signedIn(events), componentUrl: () => 'http://component.test/', readComponentSource: () => 'export default () => {}' },
  });
}

const thanks = (h: ReturnType<typeof demo>) => texts(h.last()!.elements).filter((t) => t.startsWith('Thanks'));

test('the rating thanks only in the run its submit caused, never "undefined"', async () => {
  const h = demo();
  await h.runner.request();
  assert.equal(h.last()!.status, 'done', JSON.stringify(h.last()!.error));
  assert.deepEqual(thanks(h), [], 'no thanks before a submit');
  h.handler.receive({
    type: 'event',
    history: HISTORY,
    seq: 1,
    widgetId: 'key:demoRating',
    value: { changes: [{ kind: 'state', name: 'rating', value: 4 }] },
  });
  await h.runner.idle();
  assert.deepEqual(thanks(h), [], 'a new rating is not a submit');
  h.handler.receive({
    type: 'event',
    history: HISTORY,
    seq: 2,
    widgetId: 'key:demoRating',
    value: { changes: [{ kind: 'trigger', name: 'submitted', value: 4 }] },
  });
  await h.runner.idle();
  assert.deepEqual(thanks(h), ['Thanks: 4 of 5 (a Streamlit v2 component).']);
  await h.runner.request();
  assert.deepEqual(thanks(h), [], 'a later run does not repeat it');
});

test('the report log, the status line and the forced count come from the event log', async () => {
  const events = new ComponentEventLog();
  events.add('component-host', 'status', { state: 'busy', detail: 'forced update #1' });
  events.add('component-host', 'report', { title: 'api call', data: 'GET /api/pong · token: yes · 200 OK' });
  const h = demo(events);
  await h.runner.request();
  const shown = texts(h.last()!.elements);
  assert.ok(shown.includes('Status: busy — forced update #1'), shown.join('\n'));
  assert.ok(shown.includes('Forced status updates: 1'), shown.join('\n'));
  assert.ok(shown.includes('component: GET /api/pong · token: yes · 200 OK'), shown.join('\n'));
});
