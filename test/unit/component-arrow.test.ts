/**
 * Tables and bytes to and from components, as Streamlit 1.64 sends them (../shared notes): v1 `dfs`
 * as three Arrow IPC streams with 32-bit strings, v2 data as IPC bytes or first-level tables, a
 * returned ArrowTable as a Table in the app; the blobs travel beside the nodes, once per content.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Arrow from 'apache-arrow';
import { LargeUtf8, Table, tableFromArrays, tableFromIPC, tableToIPC, Type, vectorFromArray } from 'apache-arrow';
import {
  applyChanges,
  ARROW_REF_KEY,
  diffTrees,
  emptyTree,
  flatten,
  parseViewNode,
  type ComponentV2Element,
  type Element,
  type ViewState,
} from '../../protocol';
import { storedComponentValue, v1Args, v2Data } from '../../src/app/componentData';
import { v1BytesArgs, v1Dfs, v2RuntimeData } from '../../webview/components/componentData';
import { bytesToSaved, savedToBytes } from '../../webview/savedBytes';
import { appHarness, HISTORY } from '../support/appHarness';

type V1 = Extract<Element, { kind: 'component' }>;
const services = { componentUrl: () => 'http://component.test/', readComponentSource: () => 'export default () => {}' };

const people = () =>
  new Table({
    name: vectorFromArray(['Ada', 'Grace', null], new LargeUtf8()),
    age: vectorFromArray([36, 45, 50]),
    id: vectorFromArray(BigInt64Array.from([1n, 2n, 3n])),
  });

test('v1: a table argument goes in dfs as data, index and columns streams, strings narrowed to Utf8', () => {
  const { json, dfs, bytesArgs, payload } = v1Args('c', { df: people(), label: 'x', raw: new Uint8Array([7, 8]) });
  assert.deepEqual(json, { label: 'x' });
  assert.equal(dfs.length, 1);
  const [df] = dfs;
  assert.equal(df!.key, 'df');
  const data = tableFromIPC(payload[df!.data]!);
  assert.deepEqual(
    data.schema.fields.map((f) => [f.name, Type[f.type.typeId]]),
    [
      ['name', 'Utf8'],
      ['age', 'Float'],
      ['id', 'Int'],
    ],
  );
  assert.deepEqual(data.getChild('name')!.toArray(), ['Ada', 'Grace', null]);
  assert.equal(data.getChild('id')!.get(2), 3n, 'int64 cells stay 64-bit (BigInt in the component, as in Streamlit)');
  // Streamlit's index table: one column "0" of row positions; its columns table: one column "0" of names.
  const index = tableFromIPC(payload[df!.index]!);
  assert.deepEqual([index.schema.fields[0]!.name, [...index.getChild('0')!]], ['0', [0n, 1n, 2n]]);
  const columns = tableFromIPC(payload[df!.columns]!);
  assert.deepEqual([...columns.getChild('0')!], ['name', 'age', 'id']);
  assert.equal(Type[columns.schema.fields[0]!.type.typeId], 'Utf8');
  // Bytes: beside the JSON, by digest.
  assert.deepEqual([...payload[bytesArgs.raw!]!], [7, 8]);
});

test('v2: bytes and a whole table are bytes in the component; first-level tables of an object are placeholders', () => {
  const whole = v2Data(people());
  assert.equal(whole.data.dataType, 'arrow');
  const ipc = whole.payload[(whole.data as { blob: string }).blob]!;
  assert.equal(Type[tableFromIPC(ipc).schema.fields[0]!.type.typeId], 'LargeUtf8', 'kept as it is for v2, as Streamlit does');
  assert.throws(
    () => v2Data({ nested: { deeper: people() } }),
    /Tables at its first level/,
    'only the first level is looked at (as Streamlit)',
  );
  const mixed = v2Data({ df: people(), n: 1, nested: { deeper: 2 } });
  assert.equal(mixed.data.dataType, 'mixed');
  const json = (mixed.data as { json: Record<string, unknown> }).json;
  const ref = (json.df as Record<string, string>)[ARROW_REF_KEY]!;
  assert.equal(tableFromIPC(mixed.payload[ref]!).numRows, 3);
  assert.equal(json.n, 1);
  assert.deepEqual(json.nested, { deeper: 2 });
  assert.equal(v2Data({ a: 1 }).data.dataType, 'json');
  assert.equal(v2Data(new Uint8Array([1])).data.dataType, 'bytes');
});

test('the same table on the next run is not sent again; a changed one is; the view keeps only what a node names', async () => {
  let rows = 3;
  const h = appHarness(
    (st) => {
      st.component('c', { df: tableFromArrays({ x: Float64Array.from({ length: rows }, (_, i) => i) }) }, { key: 'c' });
    },
    { services },
  );
  await h.runner.request();
  const first = flatten(h.last()!.elements);
  const node = first.nodes.get('key:c')!.node as V1;
  assert.equal(node.payload, undefined, 'the node itself carries no bytes');
  assert.equal(first.blobs.size, 3);
  const view: ViewState = { nodes: new Map(), slots: new Map(), stale: new Map(), tables: new Map(), blobs: new Map() };
  const snapshot = diffTrees(emptyTree(), first);
  assert.equal(Object.keys(snapshot.blobs ?? {}).length, 3);
  assert.ok(applyChanges(view, snapshot, parseViewNode).ok);
  const dfs = v1Dfs((view.nodes.get('key:c') as V1).dfs, (id) => view.blobs.get(id));
  assert.equal(tableFromIPC(dfs![0]!.value.data.data).numRows, 3);

  await h.runner.request();
  const same = diffTrees(first, flatten(h.last()!.elements));
  assert.equal(same.blobs, undefined, 'a rerun with the same table sends no bytes');
  rows = 5;
  await h.runner.request();
  const next = flatten(h.last()!.elements);
  const changed = diffTrees(first, next);
  // The data and index streams change; the column names do not.
  assert.equal(Object.keys(changed.blobs ?? {}).length, 2);
  assert.ok(applyChanges(view, changed, parseViewNode).ok);
  assert.equal(view.blobs.size, 3, 'the old streams are dropped with the node that named them');
  assert.equal(
    v1BytesArgs({ x: 'f'.repeat(32) }, (id) => view.blobs.get(id)),
    undefined,
    'a missing blob is reported, not sent as nothing',
  );
});

test('a returned ArrowTable reaches the app as a Table and survives in session state; a table that is not Arrow is refused', async () => {
  let seen: unknown;
  const h = appHarness(
    (st) => {
      seen = st.component('c', {}, { key: 'c' });
    },
    { services },
  );
  await h.runner.request();
  const table = tableFromArrays({ score: Float64Array.from([1.5, 2.5]) });
  const ipc = (t: Table) => tableToIPC(t, 'stream');
  const names = new Table({ '0': vectorFromArray(['score']) });
  const index = new Table({ '0': vectorFromArray(BigInt64Array.from([0n, 1n])) });
  const value = { dataType: 'dataframe', data: ipc(table), index: ipc(index), columns: ipc(names) };
  h.handler.receive({ type: 'event', history: HISTORY, seq: 1, widgetId: 'key:c', value });
  await h.runner.idle();
  assert.ok(seen instanceof Table);
  assert.deepEqual([...(seen as Table).getChild('score')!], [1.5, 2.5]);
  // Kept as JSON (base64) in the state, and read back the same after a "reload" (a new runner on the store).
  const stored = JSON.parse(JSON.stringify(storedComponentValue(value as never)));
  assert.equal(stored.ok, true);
  const bad = { dataType: 'dataframe', data: new Uint8Array([255, 255, 255, 255, 1, 2, 3, 4, 5]), index: ipc(index), columns: ipc(names) };
  h.handler.receive({ type: 'event', history: HISTORY, seq: 2, widgetId: 'key:c', value: bad });
  h.handler.receive({ type: 'event', history: HISTORY, seq: 3, widgetId: 'key:c', value: { ...value, data: new Uint8Array([1, 2]) } });
  await h.runner.idle();
  assert.equal(h.rejected.length, 2);
  assert.match(h.rejected[0]!.error.message, /not Arrow IPC/);
  assert.match(h.rejected[1]!.error.message, /not an Arrow IPC stream/);
  assert.deepEqual([...(seen as Table).getChild('score')!], [1.5, 2.5], 'the last good value is kept');
  // Bytes come back as a Uint8Array.
  h.handler.receive({
    type: 'event',
    history: HISTORY,
    seq: 4,
    widgetId: 'key:c',
    value: { dataType: 'bytes', bytes: new Uint8Array([9]) },
  });
  await h.runner.idle();
  assert.deepEqual([...(seen as unknown as Uint8Array)], [9]);
});

test('v2 runtime data resolves blobs; a missing one is reported', () => {
  const { data, payload } = v2Data({ df: people() });
  const resolved = v2RuntimeData(data, (id) => payload[id]);
  assert.equal(resolved?.dataType, 'mixed');
  assert.equal(
    v2RuntimeData(data, () => undefined),
    undefined,
  );
  const element = { data } as Pick<ComponentV2Element, 'data'>;
  assert.equal(element.data.dataType, 'mixed');
});

test("bytes in the webview's saved outbox survive JSON", () => {
  const event = { value: { dataType: 'bytes', bytes: new Uint8Array([0, 1, 254, 255]) }, seq: 3 };
  const back = savedToBytes(JSON.parse(JSON.stringify(bytesToSaved(event)))) as typeof event;
  assert.ok(back.value.bytes instanceof Uint8Array);
  assert.deepEqual([...back.value.bytes], [0, 1, 254, 255]);
  assert.equal(back.seq, 3);
  const big = new Uint8Array(200_000).map((_, i) => i % 251);
  assert.deepEqual(savedToBytes(JSON.parse(JSON.stringify(bytesToSaved(big)))), big);
});

test("a table of the app's own copy of apache-arrow (not the host's) reaches the component whole", () => {
  // A second copy, as a workspace's node_modules gives an app (the extension bundles its own).
  const root = mkdtempSync(join(tmpdir(), 'arrow-copy-'));
  const copy = join(root, 'node_modules', 'apache-arrow');
  cpSync(join(__dirname, '..', '..', 'node_modules', 'apache-arrow'), copy, { recursive: true, filter: (f) => !f.endsWith('.map') });
  for (const dep of ['flatbuffers', 'json-with-bigint', 'tslib']) {
    symlinkSync(join(__dirname, '..', '..', 'node_modules', dep), join(root, 'node_modules', dep), 'dir');
  }
  const foreign = createRequire(__filename)(copy) as typeof Arrow;
  assert.notEqual(foreign.Table, Table, 'a second copy');
  const table = foreign.tableFromArrays({ name: ['Ada', 'Grace'], score: Float64Array.from([1.5, 2.5]) });
  const { dfs, payload } = v1Args('c', { table });
  const data = tableFromIPC(payload[dfs[0]!.data]!);
  assert.deepEqual([...data.getChild('name')!], ['Ada', 'Grace']);
  assert.deepEqual([...data.getChild('score')!], [1.5, 2.5]);
  const large = new foreign.Table({ s: foreign.vectorFromArray(['x', null], new foreign.LargeUtf8()) });
  const narrowed = tableFromIPC(v1Args('c', { large }).payload[v1Args('c', { large }).dfs[0]!.data]!);
  assert.equal(Type[narrowed.schema.fields[0]!.type.typeId], 'Utf8');
  assert.deepEqual([...narrowed.getChild('s')!], ['x', null]);
  const whole = v2Data(table);
  assert.equal(tableFromIPC(whole.payload[(whole.data as { blob: string }).blob]!).numRows, 2);
});
