/** The simple charts' Vega-Lite specs (Streamlit 1.64's rules), st.vegaLiteChart, and the chart element at the boundary. */
import { test } from 'node:test';
import { Table, tableFromArrays, TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import * as assert from 'node:assert/strict';
import { MAX_CHART_SPEC_CHARS, parseViewNode, ViewNode } from '../../protocol';
import { chartTable } from '../../src/app/chartData';
import { builtinChartSpec, field, vegaLiteChartElement, type AnyChartOptions, type ChartKind } from '../../src/app/stCharts';
import { appHarness } from '../support/appHarness';

const rows = [
  { day: 1, visits: 10, signups: 2.5, region: 'north', when: new Date('2026-01-01T00:00:00Z') },
  { day: 2, visits: 12, signups: 3, region: 'south', when: new Date('2026-01-02T00:00:00Z') },
];
const columns = { day: [1, 2], visits: [10, 12] };
type Enc = Record<
  string,
  { field?: string; type?: string; title?: string; value?: unknown; stack?: unknown; scale?: { domain?: unknown; range?: unknown } }
>;
const enc = (spec: Record<string, unknown>) => spec.encoding as Enc;
const values = (spec: Record<string, unknown>) => (spec.data as { values: Record<string, unknown>[] }).values;

test('data as rows or as columns: the same table, typed per column', () => {
  const a = chartTable(rows, 't');
  assert.deepEqual(a.columns, ['day', 'visits', 'signups', 'region', 'when']);
  assert.deepEqual(a.types, { day: 'quantitative', visits: 'quantitative', signups: 'quantitative', region: 'nominal', when: 'temporal' });
  assert.deepEqual([...a.integers], ['day', 'visits']);
  assert.equal(a.rows[0]!.when, '2026-01-01T00:00:00.000Z');
  const b = chartTable({ ...columns, big: new Float64Array([1.5, Number.NaN]) }, 't');
  assert.deepEqual(b.rows, [
    { day: 1, visits: 10, big: 1.5 },
    { day: 2, visits: 12, big: null },
  ]);
  assert.throws(() => chartTable({ a: [1], b: [1, 2] }, 'st.lineChart'), /st.lineChart: all columns must have the same length/);
  assert.throws(() => chartTable([1, 2], 't'), /each of its items must be a plain object/);
  assert.throws(() => chartTable('x', 't'), /array of row objects, an object of columns or an apache-arrow Table/);
});

test('an apache-arrow Table: the same table as its rows, dates and timestamps temporal, int64 as numbers', () => {
  const table = new Table({
    day: vectorFromArray(BigInt64Array.from([1n, 2n])),
    visits: vectorFromArray(Float64Array.from([10, 12])),
    region: vectorFromArray(['north', 'south']),
    when: vectorFromArray([new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z')], new TimestampMillisecond()),
  });
  const t = chartTable(table, 't');
  assert.deepEqual(t.columns, ['day', 'visits', 'region', 'when']);
  assert.deepEqual(t.types, { day: 'quantitative', visits: 'quantitative', region: 'nominal', when: 'temporal' });
  assert.deepEqual(t.rows[1], { day: 2, visits: 12, region: 'south', when: '2026-01-02T00:00:00.000Z' });
  assert.deepEqual(chartTable(tableFromArrays({ a: [1, 2] }), 't').rows, chartTable({ a: [1, 2] }, 't').rows);
});

test('x defaults to the row index, y to the other columns, melted into one series per column (as Streamlit)', () => {
  const spec = builtinChartSpec('line', columns);
  const e = enc(spec);
  assert.equal(e.x!.field, 'index -- streamlit-generated');
  assert.equal(e.x!.title, '');
  assert.equal(e.y!.field, 'value -- streamlit-generated');
  assert.equal(e.color!.field, 'color -- streamlit-generated');
  assert.deepEqual(values(spec), [
    { 'index -- streamlit-generated': 0, 'color -- streamlit-generated': 'day', 'value -- streamlit-generated': 1 },
    { 'index -- streamlit-generated': 1, 'color -- streamlit-generated': 'day', 'value -- streamlit-generated': 2 },
    { 'index -- streamlit-generated': 0, 'color -- streamlit-generated': 'visits', 'value -- streamlit-generated': 10 },
    { 'index -- streamlit-generated': 1, 'color -- streamlit-generated': 'visits', 'value -- streamlit-generated': 12 },
  ]);
  // Line charts: the line with zoom, plus the nearest point marked under the pointer.
  assert.equal((spec.layer as unknown[]).length, 3);
  assert.equal(spec.width, 'container');
});

test('one y column: its name as the axis title when asked for, its type inferred; labels win', () => {
  const spec = builtinChartSpec('scatter', rows, { x: 'when', y: 'visits', color: 'region', size: 'signups' });
  const e = enc(spec);
  assert.deepEqual([e.x!.type, e.x!.title, e.y!.title, e.color!.field, e.size!.field], ['temporal', 'when', 'visits', 'region', 'signups']);
  assert.equal(spec.mark, 'circle');
  const labelled = enc(builtinChartSpec('line', rows, { x: 'day', y: 'visits', xLabel: 'Day', yLabel: 'People' }));
  assert.deepEqual([labelled.x!.title, labelled.y!.title], ['Day', 'People']);
});

test('bars: the category axis is ordinal, stack and horizontal as Streamlit', () => {
  const e = enc(builtinChartSpec('bar', rows, { x: 'day', y: ['visits', 'signups'], stack: false }));
  assert.equal(e.x!.type, 'ordinal');
  assert.equal(e.y!.stack, false);
  assert.deepEqual(e.xOffset, { field: 'color -- streamlit-generated' }, 'stack: false groups the bars side by side');
  const h = enc(builtinChartSpec('bar', rows, { x: 'region', y: 'visits', horizontal: true, stack: 'normalize' }));
  assert.deepEqual([h.y!.field, h.y!.type, h.x!.field, h.x!.stack], ['region', 'ordinal', 'visits', 'normalize']);
  const layered = enc(builtinChartSpec('bar', rows, { x: 'day', y: ['visits', 'signups'], stack: 'layered' }));
  assert.deepEqual([layered.y!.stack, layered.opacity!.value], [false, 0.7]);
  assert.throws(() => builtinChartSpec('bar', rows, { stack: 'sideways' as never }), /stack must be true, false, "normalize"/);
});

test('colours: a value, one per y column, or a column; a wrong count or a non-colour says so', () => {
  assert.deepEqual(enc(builtinChartSpec('area', rows, { x: 'day', y: 'visits', color: '#ff8800' })).color, { value: '#ff8800' });
  assert.deepEqual(enc(builtinChartSpec('line', rows, { x: 'day', y: 'visits', color: [255, 0, 0] })).color, {
    value: 'rgba(255, 0, 0, 1)',
  });
  assert.deepEqual(enc(builtinChartSpec('line', rows, { x: 'day', y: 'visits', color: 'grey' })).color, { value: 'gray' });
  const two = enc(builtinChartSpec('line', rows, { x: 'day', y: ['visits', 'signups'], color: ['#f00', '#00f'] })).color!;
  assert.deepEqual(two.scale, { domain: ['visits', 'signups'], range: ['#f00', '#00f'] });
  assert.throws(
    () => builtinChartSpec('line', rows, { x: 'day', y: ['visits', 'signups'], color: '#f00' }),
    /1 colour\(s\) for 2 y column/,
  );
  assert.throws(() => builtinChartSpec('line', rows, { x: 'day', y: 'visits', color: 'nope' }), /does not look like a colour or a column/);
  // A column of colour codes draws in them, without a legend; a column of names is categories.
  const coded = enc(
    builtinChartSpec(
      'scatter',
      [
        { a: 1, b: 2, c: '#ff0000' },
        { a: 2, b: 3, c: '#0000ff' },
      ],
      { x: 'a', y: 'b', color: 'c' },
    ),
  );
  assert.deepEqual([coded.color!.scale, (coded.color as { legend?: unknown }).legend], [{ range: ['#ff0000', '#0000ff'] }, null]);
  const named = enc(builtinChartSpec('scatter', [{ a: 1, b: 2, c: 'red' }], { x: 'a', y: 'b', color: 'c' }));
  assert.equal(named.color!.scale, undefined);
});

test('a missing column is named with the columns there are', () => {
  assert.throws(
    () => builtinChartSpec('line', rows, { x: 'dya' }),
    /st.lineChart: the data has no column "dya" \(x\); its columns are "day", "visits", "signups", "region", "when"/,
  );
  assert.throws(() => builtinChartSpec('bar', rows, { y: ['visits', 'nope'] }), /no column "nope" \(y\)/);
  assert.throws(() => builtinChartSpec('line', rows, { width: 0 }), /width must be "stretch", "content" or pixels/);
});

test('a field with dots or brackets is escaped (Vega-Lite would read it as nested access)', () => {
  assert.equal(field('a.b[0]\\c'), 'a\\.b\\[0\\]\\\\c');
  assert.equal(enc(builtinChartSpec('line', [{ 'x.y': 1, v: 2 }], { x: 'x.y', y: 'v' })).x!.field, 'x\\.y');
});

test('every simple chart compiles with Vega-Lite, without warnings about its encodings', async () => {
  const { compile } = await import('vega-lite');
  const cases: [ChartKind, AnyChartOptions][] = [
    ['line', {}],
    ['line', { x: 'day', y: ['visits', 'signups'] }],
    ['bar', { x: 'day', y: 'visits', color: 'region' }],
    ['bar', { x: 'region', y: ['visits', 'signups'], horizontal: true, stack: false, height: 300 }],
    ['bar', { x: 'region', y: 'visits', horizontal: true }],
    ['area', { x: 'when', y: ['visits', 'signups'], stack: 'normalize' }],
    ['scatter', { x: 'visits', y: 'signups', color: 'region', size: 'day' }],
    ['scatter', { x: 'visits', y: 'signups', size: 30 }],
  ];
  for (const [kind, options] of cases) {
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...m: unknown[]) => (warnings.push(m.join(' ')), logger),
      warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger),
      info: () => logger,
      debug: () => logger,
    };
    const { spec } = compile(builtinChartSpec(kind, rows, options) as never, { logger: logger as never });
    assert.ok(spec.marks?.length, `${kind} ${JSON.stringify(options)} has marks`);
    // Vega-Lite says this of any "container" width over a discrete y axis (horizontal bars), whatever the autosize.
    const known = 'Dropping "fit-y" because spec has discrete height.';
    assert.deepEqual(
      warnings.filter((w) => w !== known),
      [],
      `${kind} ${JSON.stringify(options)}`,
    );
  }
});

test('st.vegaLiteChart: the spec copied as JSON, data from rows or columns, width stretched unless the spec sets it', () => {
  const spec = { mark: 'bar', encoding: { x: { field: 'day' } } };
  const e = vegaLiteChartElement(spec, { data: columns, height: 200 });
  assert.deepEqual(e.spec.data, {
    values: [
      { day: 1, visits: 10 },
      { day: 2, visits: 12 },
    ],
  });
  assert.deepEqual([e.spec.width, e.spec.height, e.themed, e.chart], ['container', 200, true, 'vega_lite']);
  assert.equal((spec as Record<string, unknown>).width, undefined, "the app's object is not changed");
  assert.equal(vegaLiteChartElement({ ...spec, width: 300 }).spec.width, 300);
  assert.equal(vegaLiteChartElement(spec, { theme: null }).themed, false);
  assert.throws(() => vegaLiteChartElement([] as never), /must be a Vega-Lite spec object/);
  assert.throws(() => vegaLiteChartElement(spec, { theme: 'dark' as never }), /theme must be "streamlit" or null/);
  const big = { mark: 'point', data: { values: [{ text: 'x'.repeat(MAX_CHART_SPEC_CHARS) }] } };
  assert.throws(() => vegaLiteChartElement(big), /over the 4000000 a chart may have/);
});

test('at the boundary: a chart element is checked; an oversized or non-JSON spec becomes an error element in its place', () => {
  const ok = { kind: 'vega_lite_chart', id: '3', spec: { mark: 'bar' }, chart: 'bar', themed: true };
  assert.equal(ViewNode.parse(ok).kind, 'vega_lite_chart');
  const oversized = { ...ok, spec: { mark: 'bar', data: { values: ['x'.repeat(MAX_CHART_SPEC_CHARS)] } } };
  const shown = parseViewNode(oversized);
  assert.equal(shown?.kind, 'error');
  assert.match((shown as { message: string }).message, /at most 4000000 characters/);
  assert.equal(parseViewNode({ ...ok, spec: 'a string' })?.kind, 'error');
  assert.equal(parseViewNode({ ...ok, chart: 'pie' })?.kind, 'error');
});

test('an app run declares its charts as elements the view accepts; a bad option fails the run with its reason', async () => {
  const h = appHarness((st) => {
    st.lineChart(rows, { x: 'day', y: 'visits' });
    st.barChart(columns);
    st.areaChart(rows, { x: 'day', y: 'signups' });
    st.scatterChart(rows, { x: 'visits', y: 'signups' });
    st.vegaLiteChart({ mark: 'point' }, { data: rows });
  });
  await h.runner.request();
  const elements = h.last()!.elements;
  assert.deepEqual(
    elements.map((e) => (e.kind === 'vega_lite_chart' ? e.chart : e.kind)),
    ['line', 'bar', 'area', 'scatter', 'vega_lite'],
  );
  for (const e of elements) ViewNode.parse(e);
  const bad = appHarness((st) => st.lineChart(rows, { y: 'nope' }));
  await bad.runner.request();
  assert.match(bad.last()?.error?.message ?? '', /st.lineChart: the data has no column "nope"/);
});
