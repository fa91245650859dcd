/**
 * The inputs beyond the basics (multiselect … link button): defaults, what the call returns, what an
 * event stores, what the host refuses, and the host-side widgets through fake dialogs.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appHarness, HISTORY } from '../support/appHarness';
import type { St, UploadedFile } from '../../src/app/st';
import type { HostDialogs, PickedFile } from '../../src/app/hostWidgets';
import { MAX_UPLOAD_BYTES } from '../../src/app/hostWidgets';
import { UploadedFiles } from '../../protocol';

function events(h: ReturnType<typeof appHarness>) {
  let seq = 0;
  return async (widgetId: string, value: unknown) => {
    h.handler.receive({ type: 'event', history: HISTORY, seq: ++seq, widgetId, value });
    await h.runner.idle();
    await new Promise((r) => setTimeout(r, 5));
    await h.runner.idle();
  };
}

test('each input returns its default first, then what the view sent; bad values are refused', async () => {
  const seen: Record<string, unknown>[] = [];
  const h = appHarness((st) => {
    seen.push({
      multi: st.multiselect('Tags', ['a', 'b', 'c'], { default: ['c'], maxSelections: 2 }),
      area: st.textArea('Notes', { value: 'hi', maxChars: 10 }),
      date: st.dateInput('Day', { value: '2026-12-01', min: '2026-01-01', max: '2027-01-01' }),
      time: st.timeInput('At', { value: '09:30' }),
      color: st.colorPicker('Colour', { value: '#ABC' }),
      size: st.selectSlider('Size', ['S', 'M', 'L']),
      span: st.selectSlider('Span', ['S', 'M', 'L', 'XL'], { value: ['L', 'M'] }),
      pill: st.pills('Pill', ['x', 'y']),
      pills: st.pills('Pills', ['x', 'y', 'z'], { selectionMode: 'multi', default: ['z'] }),
      seg: st.segmentedControl('Seg', ['l', 'r'], { default: 'r' }),
      thumbs: st.feedback('thumbs'),
      stars: st.feedback('stars'),
    });
  });
  await h.runner.request();
  assert.deepEqual(seen[0], {
    multi: ['c'],
    area: 'hi',
    date: '2026-12-01',
    time: '09:30',
    color: '#aabbcc',
    size: 'S',
    span: ['M', 'L'],
    pill: undefined,
    pills: ['z'],
    seg: 'r',
    thumbs: undefined,
    stars: undefined,
  });
  const send = events(h);
  await send('multiselect:Tags', [2, 0]);
  await send('text_area:Notes', 'two\nlines');
  await send('date_input:Day', '2026-12-24');
  await send('time_input:At', '17:05');
  await send('color_picker:Colour', '#1e90ff');
  await send('select_slider:Size', 2);
  await send('select_slider:Span', [0, 3]);
  await send('pills:Pill', [1]);
  await send('pills:Pills', [0, 2]);
  await send('segmented_control:Seg', []);
  await send('feedback:thumbs', 1);
  await send('feedback:stars', 4);
  assert.equal(h.rejected.length, 0, JSON.stringify(h.rejected));
  assert.deepEqual(seen.at(-1), {
    multi: ['a', 'c'],
    area: 'two\nlines',
    date: '2026-12-24',
    time: '17:05',
    color: '#1e90ff',
    size: 'L',
    span: ['S', 'XL'],
    pill: 'y',
    pills: ['x', 'z'],
    seg: undefined,
    thumbs: 1,
    stars: 4,
  });
  // Refused by the host's schemas: the value stays.
  const bad: [string, unknown][] = [
    ['multiselect:Tags', [1, 1]],
    ['date_input:Day', '2026-02-30'],
    ['time_input:At', '25:00'],
    ['color_picker:Colour', 'red'],
    ['select_slider:Span', [3, 1]],
    ['feedback:thumbs', 5],
    ['text_area:Notes', 'x'.repeat(100_001)],
  ];
  const before = seen.length;
  for (const [id, value] of bad) await send(id, value);
  assert.equal(h.rejected.length, bad.length);
  assert.equal(seen.length, before, 'a refused value reruns nothing');
  await h.runner.request();
  assert.deepEqual(seen.at(-1), seen.at(-2));
  // Valid for the schema but not for this widget (out of range, over maxChars, too many): the default comes back.
  await send('multiselect:Tags', [0, 1, 2]);
  await send('date_input:Day', '2030-01-01');
  await send('text_area:Notes', 'more than ten');
  await send('feedback:thumbs', 3);
  const last = seen.at(-1)!;
  assert.deepEqual([last.multi, last.date, last.area, last.thumbs], [['c'], '2026-12-01', 'hi', undefined]);
  // Cleared date and time are undefined.
  await send('date_input:Day', null);
  await send('time_input:At', null);
  assert.deepEqual([seen.at(-1)!.date, seen.at(-1)!.time], [undefined, undefined]);
});

test('an app mistake in an input is a clear error naming the method', async () => {
  const cases: [(st: St) => unknown, RegExp][] = [
    [(st) => st.multiselect('M', ['a'], { default: ['z'] }), /st\.multiselect\("M"\): default "z" is not one of the options/],
    [(st) => st.dateInput('D', { value: '1 Dec' }), /st\.dateInput\("D"\): value "1 Dec" is not a date/],
    [(st) => st.timeInput('T', { step: 30 }), /step is whole seconds from 60/],
    [(st) => st.colorPicker('C', { value: 'blue' }), /not a colour/],
    [(st) => st.selectSlider('S', []), /at least one option/],
    [(st) => st.feedback('hearts' as 'stars'), /not one of thumbs, faces, stars/],
    [(st) => st.fileUploader('F', { maxBytes: MAX_UPLOAD_BYTES + 1 }), /maxBytes is a whole number from 1 to 524288/],
    [(st) => st.fileUploader('F', { type: ['../x'] }), /is not a file extension/],
    [(st) => st.linkButton('L', 'javascript:alert(1)'), /not an http, https or mailto URL/],
    [(st) => st.linkButton('L', 'file:///etc/passwd'), /not an http, https or mailto URL/],
  ];
  for (const [app, message] of cases) {
    const h = appHarness(app);
    await h.runner.request();
    assert.equal(h.last()?.status, 'error');
    assert.match(h.last()?.error?.message ?? '', message);
  }
});

function fakeDialogs(files: { name: string; bytes: Uint8Array }[][]) {
  const calls = { open: [] as unknown[], save: [] as { data: string; fileName: string }[], external: [] as string[] };
  const dialogs: HostDialogs = {
    openFiles: async (options) => {
      calls.open.push(options);
      const next = files.shift();
      return next?.map((f): PickedFile => ({ name: f.name, size: f.bytes.byteLength, read: async () => f.bytes }));
    },
    saveFile: async (data, options) => {
      calls.save.push({ data: new TextDecoder().decode(data), fileName: options.fileName });
      return options.fileName;
    },
    openExternal: async (url) => {
      calls.external.push(url);
      return true;
    },
  };
  return { dialogs, calls };
}

test('st.fileUploader: the host picks and reads; limits and types are checked there; the files survive a restart', async () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const { dialogs, calls } = fakeDialogs([
    [{ name: 'data.csv', bytes: text('a,b\n1,2\n') }],
    [{ name: 'big.csv', bytes: new Uint8Array(2000) }],
    [{ name: 'notes.txt', bytes: text('x') }],
    [], // cancelled
  ]);
  const seen: (UploadedFile | undefined)[] = [];
  const app = (st: St) => void seen.push(st.fileUploader('Data', { type: ['.CSV'], maxBytes: 1000 }));
  const h = appHarness(app, { services: { dialogs } });
  await h.runner.request();
  assert.equal(seen.at(-1), undefined);
  const send = events(h);
  await send('file_uploader:Data', 'pick');
  assert.deepEqual(calls.open[0], { title: 'Data', multiple: false, extensions: ['csv'] });
  const file = seen.at(-1)!;
  assert.deepEqual([file.name, file.type, file.size, new TextDecoder().decode(file.bytes)], ['data.csv', 'text/csv', 8, 'a,b\n1,2\n']);
  const element = () => h.last()!.elements.find((e) => e.kind === 'file_uploader') as { files: unknown[]; error?: string };
  assert.deepEqual(element().files, [{ name: 'data.csv', size: 8 }]);
  await send('file_uploader:Data', 'pick');
  assert.match(element().error ?? '', /big\.csv: 2 KiB, over this uploader's limit of 1000 bytes/);
  assert.equal(seen.at(-1)?.name, 'data.csv', 'a refused pick keeps the previous file');
  await send('file_uploader:Data', 'pick');
  assert.match(element().error ?? '', /notes\.txt is not one of the accepted types \(csv\)/);
  const runs = h.runner.runs;
  await send('file_uploader:Data', 'pick'); // cancelled: nothing changes, no rerun
  assert.equal(h.runner.runs, runs);
  assert.ok(UploadedFiles.safeParse(h.state.widgets['file_uploader:Data']).success);
  // A new host (window reload) reads the same file from the saved state.
  const again = appHarness(app, { store: h.store });
  await again.runner.request();
  assert.equal(new TextDecoder().decode(seen.at(-1)!.bytes), 'a,b\n1,2\n');
  await send('file_uploader:Data', 'clear');
  assert.equal(seen.at(-1), undefined);
  // The view cannot store files itself: only 'pick' and 'clear' are accepted.
  await send('file_uploader:Data', { files: [{ name: 'x', type: 'x', size: 1, base64: 'eA==' }] });
  assert.equal(h.rejected.length, 1);
});

test('st.fileUploader with acceptMultipleFiles returns an array, and the limit is for all files together', async () => {
  const { dialogs } = fakeDialogs([
    [
      { name: 'a.png', bytes: new Uint8Array(600) },
      { name: 'b.png', bytes: new Uint8Array(600) },
    ],
    [
      { name: 'a.png', bytes: new Uint8Array(10) },
      { name: 'b.bin', bytes: new Uint8Array(20) },
    ],
  ]);
  const seen: UploadedFile[][] = [];
  const h = appHarness((st) => void seen.push(st.fileUploader('Images', { acceptMultipleFiles: true, maxBytes: 1000 })), {
    services: { dialogs },
  });
  await h.runner.request();
  assert.deepEqual(seen.at(-1), []);
  const send = events(h);
  await send('file_uploader:Images', 'pick');
  assert.deepEqual(seen.at(-1), []);
  await send('file_uploader:Images', 'pick');
  assert.deepEqual(
    seen.at(-1)!.map((f) => [f.name, f.type, f.size]),
    [
      ['a.png', 'image/png', 10],
      ['b.bin', 'application/octet-stream', 20],
    ],
  );
});

test('st.downloadButton saves through the host dialog and is true once; st.linkButton opens without a rerun', async () => {
  const { dialogs, calls } = fakeDialogs([]);
  const seen: boolean[] = [];
  const h = appHarness(
    (st) => {
      seen.push(st.downloadButton('Export', `report ${seen.length}`, { fileName: '../../report.txt' }));
      st.linkButton('Docs', 'https://example.com/docs?q=1');
    },
    { services: { dialogs } },
  );
  await h.runner.request();
  const send = events(h);
  await send('download_button:Export', true);
  assert.deepEqual(calls.save, [{ data: 'report 0', fileName: 'report.txt' }], 'the data of the run the view showed, no folders');
  assert.deepEqual(seen, [false, true]);
  await h.runner.request();
  assert.deepEqual(seen, [false, true, false]);
  const runs = h.runner.runs;
  await send('link_button:Docs', true);
  assert.deepEqual(calls.external, ['https://example.com/docs?q=1']);
  assert.equal(h.runner.runs, runs, 'a link opens without a rerun, as in Streamlit');
  // The view sends only the click: it cannot choose the URL or the data.
  await send('link_button:Docs', 'https://evil.example');
  assert.equal(h.rejected.length, 1);
  assert.equal(calls.external.length, 1);
});

test('st.fileUploader in a form: the pick is held on the host, named by a token; the submit applies it; a lost pick says so', async () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const { dialogs } = fakeDialogs([[{ name: 'a.txt', bytes: text('aaa') }], [{ name: 'b.txt', bytes: text('bb') }], []]);
  const seen: (string | undefined)[] = [];
  const h = appHarness(
    (st) =>
      st.form('f', (form) => {
        seen.push(form.fileUploader('File', { key: 'file' })?.name);
        form.formSubmitButton('Send', { key: 'send' });
      }),
    { services: { dialogs } },
  );
  await h.runner.request();
  const runs = h.runner.runs;
  const first = await h.runner.pickFormFiles('key:file');
  assert.deepEqual(first.draft?.files, [{ name: 'a.txt', size: 3 }], 'the view gets names and sizes only');
  assert.equal(h.runner.runs, runs, 'a pick in a form reruns nothing');
  const second = await h.runner.pickFormFiles('key:file'); // a newer pick replaces it
  assert.deepEqual(await h.runner.pickFormFiles('key:file'), {}, 'cancelled');
  const send = events(h);
  await send('key:send', { values: { 'key:file': first.draft } });
  assert.match(h.rejected.at(-1)?.error.message ?? '', /1 value\(s\) not applied/, 'the replaced pick is not held any more');
  assert.match(UploadedFiles.parse(h.state.widgets['key:file']).error ?? '', /pick them again/);
  await send('key:send', { values: { 'key:file': second.draft } });
  assert.equal(seen.at(-1), 'b.txt');
  await send('key:send', { values: { 'key:file': { files: [{ name: 'b.txt', size: 2 }], error: 'shown only' } } });
  assert.equal(seen.at(-1), 'b.txt', 'no pick: the submit changes nothing');
  await send('key:send', { values: { 'key:file': { pick: null, files: [] } } });
  assert.equal(seen.at(-1), undefined, 'removed');
  await assert.rejects(h.runner.pickFormFiles('key:nothing'), /no file uploader "key:nothing" in a form/);
});
