/** st.metric, st.badge, st.toast, st.exception, st.write and st.image: Streamlit 1.64's rules, and what an app run declares. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ViewNode } from '../../protocol';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exceptionParts,
  imageDataUrl,
  imageType,
  MAX_IMAGE_BYTES,
  metricDelta,
  metricText,
  toastDurationMs,
  writeSteps,
} from '../../src/app/stContent';
import { readWorkspaceFile } from '../../src/app/workspaceFiles';
import { appHarness } from '../support/appHarness';

test("metric deltas: Streamlit's direction and colour rules", () => {
  assert.deepEqual(metricDelta(1.5), { delta: '1.5', color: 'green', arrow: 'up' });
  assert.deepEqual(metricDelta(-2), { delta: '-2', color: 'red', arrow: 'down' });
  assert.deepEqual(metricDelta('-8 ms', 'inverse'), { delta: '-8 ms', color: 'green', arrow: 'down' });
  assert.deepEqual(metricDelta('5%', 'inverse'), { delta: '5%', color: 'red', arrow: 'up' });
  assert.deepEqual(metricDelta('5%', 'off'), { delta: '5%', color: 'gray', arrow: 'up' });
  assert.deepEqual(metricDelta(0), { delta: '0', color: 'gray', arrow: 'none' });
  assert.deepEqual(metricDelta('0'), { delta: '0', color: 'gray', arrow: 'none' });
  assert.deepEqual(metricDelta('0%'), { delta: '0%', color: 'green', arrow: 'up' }, 'only the literal "0" is no change');
  assert.deepEqual(metricDelta('-3', 'violet'), { delta: '-3', color: 'violet', arrow: 'down' });
  assert.deepEqual(metricDelta(3, 'normal', 'down'), { delta: '3', color: 'green', arrow: 'down' });
  assert.deepEqual(metricDelta(3, 'normal', 'off'), { delta: '3', color: 'green', arrow: 'none' });
  assert.deepEqual(metricDelta(undefined), { color: 'gray', arrow: 'none' });
  assert.deepEqual(metricDelta(null), { color: 'gray', arrow: 'none' });
  assert.throws(() => metricDelta(1, 'pink' as never), /deltaColor must be/);
  assert.throws(() => metricDelta(1, 'normal', 'sideways' as never), /deltaArrow must be/);
  assert.equal(metricText(null), '—');
  assert.equal(metricText(42.5), '42.5');
});

test('toast durations and exception parts', () => {
  assert.equal(toastDurationMs(), 4000);
  assert.equal(toastDurationMs('long'), 10_000);
  assert.equal(toastDurationMs('infinite'), 0);
  assert.equal(toastDurationMs(2.5), 2500);
  assert.throws(() => toastDurationMs(-1), /duration must be/);
  const parts = exceptionParts(new TypeError('bad input'));
  assert.equal(parts.message, 'TypeError: bad input');
  assert.match(parts.stack ?? '', /^\s+at /);
  assert.doesNotMatch(parts.stack ?? '', /bad input/, 'the message is not repeated in the stack');
  assert.deepEqual(exceptionParts('just a string'), { message: 'just a string' });
});

test("st.write dispatches on type as Streamlit's does", () => {
  const err = new Error('x');
  const rows = [{ a: 1 }, { a: 2 }];
  assert.deepEqual(writeSteps(['Hello', '**world**', 42, true, null]), [{ call: 'markdown', text: 'Hello **world** `42` `true` `null`' }]);
  assert.deepEqual(writeSteps(['before', err, 'after']), [
    { call: 'markdown', text: 'before' },
    { call: 'exception', error: err },
    { call: 'markdown', text: 'after' },
  ]);
  assert.deepEqual(writeSteps([rows]), [{ call: 'table', rows }]);
  assert.deepEqual(writeSteps([[1, 2], { b: 1 }]), [
    { call: 'json', value: [1, 2] },
    { call: 'json', value: { b: 1 } },
  ]);
  assert.deepEqual(writeSteps([new Map([['k', 1]]), new Set([1])]), [
    { call: 'json', value: { k: 1 } },
    { call: 'json', value: [1] },
  ]);
  assert.deepEqual(writeSteps(['has `ticks`', 'a`b']), [{ call: 'markdown', text: 'has `ticks` a`b' }], 'strings are Markdown as written');
  assert.deepEqual(writeSteps([Symbol('s')]), [{ call: 'markdown', text: '`Symbol(s)`' }]);
  assert.deepEqual(writeSteps([new URL('https://example.com/')]), [{ call: 'markdown', text: '`https://example.com/`' }]);
  assert.deepEqual(writeSteps([function named() {}]), [{ call: 'markdown', text: '`function named(…)`' }]);
  class Point {
    x = 1;
  }
  assert.deepEqual(writeSteps([new Point()]), [{ call: 'json', value: new Point() }]);
  // Text with backticks or several lines is code all the same.
  class Text {
    constructor(private readonly text: string) {}
    toString() {
      return this.text;
    }
  }
  assert.deepEqual(writeSteps([new Text('a `b` c')]), [{ call: 'markdown', text: '``a `b` c``' }]);
  assert.deepEqual(writeSteps([new Text('one\ntwo')]), [{ call: 'markdown', text: '```\none\ntwo\n```' }]);
  assert.throws(() => writeSteps([Promise.resolve(1)]), /await it first/);
});

test('an app run declares valid status elements; each st.toast call gets its own id', async () => {
  const toastIds: string[] = [];
  const h = appHarness((st) => {
    st.metric('Users', 1200, { delta: -3, border: true, help: 'since yesterday' });
    st.badge('Beta', { color: 'grey' });
    st.badge('Default');
    st.toast('Saved', { icon: '✔', duration: 'long' });
    st.exception(new RangeError('out of range'));
    st.write('Count:', 3, [{ a: 1 }], new Error('written'));
  });
  await h.runner.request();
  await h.runner.request();
  for (const render of h.renders.filter((r) => r.status === 'done')) {
    const elements = render.elements;
    for (const e of elements) ViewNode.parse(e);
    const toast = elements.find((e) => e.kind === 'toast');
    assert.ok(toast && toast.kind === 'toast');
    assert.equal(toast.durationMs, 10_000);
    toastIds.push(toast.toastId);
  }
  assert.equal(toastIds.length, 2);
  assert.notEqual(toastIds[0], toastIds[1], 'a rerun that calls st.toast again shows it again');
  const kinds = h.last()!.elements.map((e) => e.kind);
  assert.deepEqual(kinds, ['metric', 'badge', 'badge', 'toast', 'error', 'markdown', 'table', 'error']);
  const [metric, beta, plain] = h.last()!.elements;
  assert.deepEqual(metric, {
    kind: 'metric',
    id: '0',
    label: 'Users',
    value: '1200',
    delta: '-3',
    color: 'red',
    arrow: 'down',
    border: true,
    help: 'since yesterday',
  });
  assert.equal(beta?.kind === 'badge' && beta.color, 'gray');
  assert.equal(plain?.kind === 'badge' && plain.color, 'blue');

  const bad = appHarness((st) => st.badge('x', { color: 'pink' as never }));
  await bad.runner.request();
  assert.match(bad.last()?.error?.message ?? '', /st.badge color must be one of red, orange/);
});

test('st.image: bytes by their type, workspace files only when trusted and inside, bounded', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(imageType(png), 'image/png');
  assert.equal(imageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(imageType(new TextEncoder().encode('GIF89a')), 'image/gif');
  assert.equal(imageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(imageType(new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')), 'image/svg+xml');
  assert.equal(imageType(new TextEncoder().encode('<html><script>alert(1)</script>')), undefined);
  assert.equal(imageDataUrl(png, 'x'), 'data:image/png;base64,iVBORw0KGgo=');
  assert.throws(() => imageDataUrl(new TextEncoder().encode('hello'), 'notes.txt'), /notes.txt is not a PNG, JPEG, GIF, WebP or SVG image/);
  assert.throws(() => imageDataUrl(new Uint8Array(MAX_IMAGE_BYTES + 1).fill(0x89), 'big'), /over the 2097152 bytes/);

  const dir = mkdtempSync(join(tmpdir(), 'st-image-'));
  const folder = join(dir, 'ws');
  mkdirSync(join(folder, 'img'), { recursive: true });
  writeFileSync(join(folder, 'img', 'a.png'), png);
  writeFileSync(join(dir, 'secret.png'), png);
  symlinkSync(join(dir, 'secret.png'), join(folder, 'img', 'link.png'));
  assert.deepEqual(readWorkspaceFile(folder, true, 'img/a.png', 100), png);
  assert.throws(() => readWorkspaceFile(folder, false, 'img/a.png', 100), /only in a trusted workspace/);
  assert.throws(() => readWorkspaceFile(undefined, true, 'img/a.png', 100), /needs an open workspace folder/);
  assert.throws(() => readWorkspaceFile(folder, true, '../secret.png', 100), /outside the workspace/);
  assert.throws(() => readWorkspaceFile(folder, true, join(dir, 'secret.png'), 100), /outside the workspace/);
  assert.throws(() => readWorkspaceFile(folder, true, 'img/link.png', 100), /outside the workspace/, 'a link out is outside');
  assert.throws(() => readWorkspaceFile(folder, true, 'img', 100), /is not a file/);
  assert.throws(() => readWorkspaceFile(folder, true, 'img/none.png', 100), /no such file/);
  assert.throws(() => readWorkspaceFile(folder, true, 'img/a.png', 4), /over the 4 bytes/);

  const h = appHarness(
    (st) => {
      st.image('img/a.png', { caption: 'A', width: 64 });
      st.image(png.buffer, { alt: 'raw' });
    },
    { services: { readWorkspaceFile: (rel, max) => readWorkspaceFile(folder, true, rel, max) } },
  );
  await h.runner.request();
  assert.deepEqual(h.last()?.elements, [
    { kind: 'image', id: '0', src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'A', caption: 'A', width: 64 },
    { kind: 'image', id: '1', src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'raw' },
  ]);
  // http(s) URLs are fetched by the host (test/unit/st-layout.test.ts); another scheme is an error in the image's place.
  const url = appHarness((st) => st.image('ftp://example.com/a.png'));
  await url.runner.request();
  const [shown] = url.last()?.elements ?? [];
  assert.equal(shown?.kind, 'error');
  assert.match(shown?.kind === 'error' ? shown.message : '', /only http and https URLs are fetched, not ftp:/);
});
