/**
 * The pure parts of st.dataframe / st.dataEditor: the app's data as binary columns (and back, with the
 * editor's changes, in its own shape), number and date formats, and tables travelling beside their
 * nodes in the render changes, once per change of their content.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tableFromArrays } from 'apache-arrow';
import { applyChanges, diffTrees, emptyTree, flatten, GridTable, parseViewNode, type Element, type ViewState } from '../../protocol';
import { columnSettings, editedData, gridTable, readColumns } from '../../src/app/stData';
import { formatDate, formatNumber } from '../../webview/grid/format';
import { baseValue } from '../../webview/grid/model';

test('rows, columns and an Arrow table become the same binary columns; repeated text is a dictionary', () => {
  const rows = [
    { n: 1, s: 'a', b: true, d: new Date(0) },
    { n: 2.5, s: null, b: false, d: new Date(86_400_000) },
    { n: null, s: 'a', b: null, d: null },
  ];
  const fromRows = gridTable('t', readColumns('t', rows));
  const fromColumns = gridTable(
    't',
    readColumns('t', { n: [1, 2.5, null], s: ['a', null, 'a'], b: [true, false, null], d: [new Date(0), new Date(86_400_000), null] }),
  );
  assert.equal(fromRows.tableId, fromColumns.tableId, 'same content, same id');
  const table = fromRows.table;
  assert.ok(GridTable.safeParse(table).success);
  assert.deepEqual(
    table.columns.map((c) => c.kind),
    ['number', 'text', 'boolean', 'date'],
  );
  assert.deepEqual(
    [0, 1, 2].map((r) => table.columns.map((c) => baseValue(c, r))),
    [
      [1, 'a', true, 0],
      [2.5, null, false, 86_400_000],
      [null, 'a', null, null],
    ],
  );
  const repeated = gridTable('t', readColumns('t', { s: Array.from({ length: 10 }, (_, i) => (i % 2 ? 'odd' : 'even')) })).table
    .columns[0]!;
  assert.ok(repeated.kind === 'text' && repeated.codes && repeated.offsets.length === 3, 'two texts, ten cells: a dictionary');
  assert.equal(baseValue(repeated, 3), 'odd');
  const arrow = tableFromArrays({ n: Float64Array.from([1, 2]), s: ['x', 'y'] });
  const fromArrow = gridTable('t', readColumns('t', arrow)).table;
  assert.deepEqual(
    [0, 1].map((r) => fromArrow.columns.map((c) => baseValue(c, r))),
    [
      [1, 'x'],
      [2, 'y'],
    ],
  );
  assert.throws(() => readColumns('st.dataframe', { a: [1, 2], b: [1] }), /column "b" has 1 values, not 2/);
  assert.throws(() => readColumns('st.dataframe', [1, 2]), /array of row objects/);
});

test('a table the view gets is checked: a column of the wrong length is refused', () => {
  assert.equal(GridTable.safeParse({ rowCount: 2, columns: [{ kind: 'number', name: 'n', values: new Float64Array(3) }] }).success, false);
  const bad = { rowCount: 1, columns: [{ kind: 'text', name: 's', bytes: new Uint8Array(2), offsets: Uint32Array.from([0, 5]) }] };
  assert.equal(GridTable.safeParse(bad).success, false, 'offsets beyond the bytes');
});

test('columnConfig: labels, null hides, settings are checked; edits come back in the data shape', () => {
  const names = ['a', 'b', 'c'];
  const { columns, order } = columnSettings('t', names, { a: 'A', b: null, c: { type: 'number', format: '%d' } });
  assert.deepEqual(order, ['a', 'c']);
  assert.deepEqual(columns.a, { label: 'A' });
  assert.throws(() => columnSettings('t', names, { z: 'Z' }), /not a column/);
  assert.throws(() => columnSettings('t', names, { a: { type: 'nope' } as never }), /columnConfig\["a"\]/);
  const rows = [
    { a: 1, b: 'x' },
    { a: 2, b: 'y' },
    { a: 3, b: 'z' },
  ];
  const cols = readColumns('t', rows);
  const { table } = gridTable('t', cols);
  const state = { editedRows: { '0': { b: 'X' } }, addedRows: [{ a: '4' }], deletedRows: [1] };
  assert.deepEqual(editedData(rows, cols, table, state), [
    { a: 1, b: 'X' },
    { a: 3, b: 'z' },
    { a: 4, b: null },
  ]);
  const byColumn = { a: [1, 2, 3], b: ['x', 'y', 'z'] };
  assert.deepEqual(editedData(byColumn, readColumns('t', byColumn), table, state), { a: [1, 3, 4], b: ['X', 'z', null] });
  assert.equal(rows[0]!.b, 'x', "the app's data is not changed");
  const arrow = tableFromArrays({ a: Float64Array.from([1, 2, 3]), b: ['x', 'y', 'z'] });
  const back = editedData(arrow, readColumns('t', arrow), table, state) as typeof arrow;
  assert.equal(back.numRows, 3);
  assert.deepEqual(
    back.toArray().map((r) => r.toJSON() as unknown),
    [
      { a: 1, b: 'X' },
      { a: 3, b: 'z' },
      { a: 4, b: null },
    ],
  );
});

test('number and date formats, as Streamlit names them', () => {
  assert.equal(formatNumber(1234.5), '1234.5');
  assert.equal(formatNumber(1234.5, '$%.2f'), '$1234.50');
  assert.equal(formatNumber(1234.5, '%,.1f'), '1,234.5');
  assert.equal(formatNumber(0.5, '%d%%'), '1%');
  assert.equal(formatNumber(0.125, 'percent'), '12.50%');
  assert.equal(formatNumber(1234.5, 'dollar'), '$1,234.50');
  assert.equal(formatNumber(NaN, '%d'), '');
  assert.equal(formatDate(Date.UTC(2026, 11, 2, 9, 5, 7), 'YYYY-MM-DD HH:mm:ss'), '2026-12-02 09:05:07');
  assert.equal(formatDate(Date.UTC(2026, 0, 9), 'MMM D, YYYY'), 'Jan 9, 2026');
});

test('a table goes to the view once: a rerun that changes only the selection sends the node, not the table', () => {
  const { table, tableId } = gridTable('t', readColumns('t', { n: [1, 2, 3] }));
  const node = (rows: number[]): Element => ({
    kind: 'dataframe',
    id: 'df',
    tableId,
    table,
    columns: {},
    order: ['n'],
    hideIndex: false,
    selectionModes: ['multi-row'],
    value: { selection: { rows, columns: [], cells: [] } },
  });
  const view: ViewState = { nodes: new Map(), slots: new Map(), stale: new Map(), tables: new Map(), blobs: new Map() };
  const first = flatten([node([])]);
  const changes = diffTrees(emptyTree(), first);
  assert.deepEqual(Object.keys(changes.tables ?? {}), [tableId]);
  assert.ok(!('table' in (changes.set[0] as object)), 'the node does not carry its table');
  assert.ok(applyChanges(view, changes, parseViewNode).ok);
  assert.ok(view.tables.has(tableId));
  const second = flatten([node([1])]);
  const again = diffTrees(first, second);
  assert.equal(again.tables, undefined);
  assert.equal(again.set.length, 1);
  assert.ok(applyChanges(view, again, parseViewNode).ok);
  const gone = diffTrees(second, flatten([]));
  assert.ok(applyChanges(view, gone, parseViewNode).ok);
  assert.equal(view.tables.size, 0, 'no node names it: the view lets it go, as the host does');
});
