/**
 * Chat and layout on the host: a chat input's text is seen by exactly one run (two sent before a run
 * are seen by two), the chat app keeps its history, a dialog opens on call and stays open until
 * closed, and st.image fetches http(s) URLs on the host (a real local server), with a size limit and
 * a timeout, and shows an error element for anything else.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appHarness, HISTORY } from '../support/appHarness';
import { chatApp } from '../../src/app/chatApp';
import { ImageFetcher } from '../../src/app/imageFetcher';
import type { Element } from '../../protocol';

function events(h: ReturnType<typeof appHarness>) {
  let seq = 0;
  return async (widgetId: string, value: unknown, settle = true) => {
    h.handler.receive({ type: 'event', history: HISTORY, seq: ++seq, widgetId, value });
    if (!settle) return;
    await h.runner.idle();
    await new Promise((r) => setTimeout(r, 5));
    await h.runner.idle();
  };
}

const flat = (elements: readonly Element[]): Element[] => elements.flatMap((e) => ('slots' in e ? [e, ...flat(e.slots.flat())] : [e]));

test('chatInput: null until a text is sent, the text in the run it causes, null again after; two texts, two runs', async () => {
  const seen: (string | null)[] = [];
  const h = appHarness((st) => void seen.push(st.chatInput('Ask', { maxChars: 5 })));
  await h.runner.request();
  const send = events(h);
  await send('chat_input:Ask', 'hello there');
  assert.deepEqual(seen, [null, 'hello'], 'cut to maxChars');
  await h.runner.request();
  assert.equal(seen.at(-1), null);
  seen.length = 0;
  await send('chat_input:Ask', 'one', false);
  await send('chat_input:Ask', 'two');
  assert.deepEqual(
    seen.filter((s) => s !== null),
    ['one', 'two'],
  );
  assert.equal((await send('chat_input:Ask', ''), h.rejected.length), 1, 'an empty text is refused');
  const node = h.last()!.elements[0]!;
  assert.deepEqual(node, { kind: 'chat_input', id: 'chat_input:Ask', placeholder: 'Ask', docked: true, disabled: false, maxChars: 5 });
});

test('chatInput: texts queued for an input the app no longer declares are dropped, not rerun forever', async () => {
  const seen: string[] = [];
  const h = appHarness((st) => {
    if (st.sessionState.hide) return;
    const text = st.chatInput('Ask');
    if (text) {
      seen.push(text);
      st.sessionState.hide = true;
    }
  });
  await h.runner.request();
  const send = events(h);
  await send('chat_input:Ask', 'one', false);
  await send('chat_input:Ask', 'two');
  assert.deepEqual(seen, ['one']);
  const runs = h.runner.runs;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(h.runner.runs, runs, 'no more runs');
});

test('the chat app: each message once in the history, the streamed reply after it, kept in session state', async () => {
  const h = appHarness(chatApp);
  await h.runner.request();
  await events(h)('key:prompt', 'hi there');
  const messages = (h.state.user as { messages: { role: string; content: string }[] }).messages;
  assert.deepEqual(
    messages.map((m) => m.role),
    ['user', 'assistant'],
  );
  assert.match(messages[1]!.content, /^Echo 1: "hi there" \(2 words\)/);
  const shown = flat(h.last()!.elements).filter((e) => e.kind === 'chat_message');
  assert.equal(shown.length, 2);
  assert.ok(
    h.renders.some((r) => r.partial),
    'the reply streamed',
  );
});

test('dialog: opened on call, stays open across reruns with its arguments, closed by the view or by close()', async () => {
  const bodies: unknown[] = [];
  const h = appHarness((st) => {
    const vote = st.dialog('Vote', (box, item: string) => {
      bodies.push(item);
      box.text(`voting for ${item}`);
      if (box.button('Done')) box.close();
    });
    const before = vote.isOpen;
    if (st.button('A')) vote('A');
    st.text(`open: ${before} then ${vote.isOpen}`);
  });
  await h.runner.request();
  const send = events(h);
  assert.equal(flat(h.last()!.elements).filter((e) => e.kind === 'dialog').length, 0);
  await send('button:A', true);
  const open = () => flat(h.last()!.elements).find((e) => e.kind === 'dialog');
  assert.equal(open()?.kind, 'dialog');
  const first = open() as Extract<Element, { kind: 'dialog' }>;
  assert.ok(
    flat(h.last()!.elements).some((e) => e.kind === 'text' && e.text === 'open: false then true'),
    'isOpen follows',
  );
  assert.equal(first.openId, 1);
  await h.runner.request(); // a rerun without the click: still open, same arguments
  assert.ok(open());
  assert.deepEqual(bodies, ['A', 'A']);
  await send('dialog:Vote', 'close');
  assert.equal(open(), undefined, 'closed by the user');
  await send('button:A', true);
  assert.equal((open() as Extract<Element, { kind: 'dialog' }>).openId, 2, 'a new opening');
  await send('button:dialog:Vote/Done', true);
  assert.equal(open(), undefined, 'closed by the app');
  assert.equal(h.rejected.length, 0);
});

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function imageServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/dot.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    if (req.url === '/big') return res.writeHead(200).end(Buffer.alloc(5000, 1));
    if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end(png), 2000);
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

test('st.image(url): the host fetches it (the run waits), refuses other schemes, limits size and time', async (t) => {
  const { server, base } = await imageServer();
  t.after(() => server.close());
  const images = new ImageFetcher({ maxBytes: 1000, timeoutMs: 500 });
  const h = appHarness(
    (st) => {
      st.image(`${base}/dot.png`, { caption: 'dot' });
      st.image('file:///etc/passwd');
      st.image(`${base}/missing.png`);
      st.image(`${base}/big`);
      st.image(`${base}/slow`);
      st.image(`data:image/png;base64,${Buffer.from(png).toString('base64')}`);
      st.image('data:image/png;base64,AAAA');
    },
    { services: { images } },
  );
  await h.runner.request();
  const [dot, file, missing, big, slow, data, notImage] = h.last()!.elements as Extract<Element, { kind: 'image' | 'error' }>[];
  assert.equal(dot!.kind, 'image');
  assert.match((dot as Extract<Element, { kind: 'image' }>).src, /^data:image\/png;base64,/);
  const message = (e: Element | undefined) => (e?.kind === 'error' ? e.message : `not an error: ${e?.kind}`);
  assert.match(message(file), /only http and https URLs are fetched, not file:/);
  assert.match(message(missing), /answered 404/);
  assert.match(message(big), /over the 1000 bytes/);
  assert.match(message(slow), /no answer within 0.5 s/);
  assert.equal(data!.kind, 'image', 'a base64 data: URL is read, not fetched');
  assert.match(message(notImage), /the data: URL is not a PNG, JPEG, GIF, WebP or SVG image/);
});
