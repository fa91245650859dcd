/**
 * The built-in chart tour: each simple chart from rows and from columns, a Vega-Lite spec, a big one
 * (its drawing time is measured), and each again from an apache-arrow Table.
 */
import { Table, TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import type { App } from './st';

const days = 24;
/** The same numbers as rows (one object per day) and as columns (one array per field). */
const rows = Array.from({ length: days }, (_, i) => ({
  day: i + 1,
  visits: Math.round(120 + 60 * Math.sin(i / 3) + 4 * i),
  signups: Math.round(30 + 15 * Math.cos(i / 4) + i),
  region: i % 3 === 0 ? 'north' : i % 3 === 1 ? 'south' : 'west',
}));
const columns = {
  visits: rows.map((r) => r.visits),
  signups: rows.map((r) => r.signups),
};

/** The same visits as an apache-arrow Table, by date (a timestamp column: a time axis). */
const arrowVisits = new Table({
  when: vectorFromArray(
    rows.map((r) => new Date(Date.UTC(2026, 0, r.day))),
    new TimestampMillisecond(),
  ),
  visits: vectorFromArray(Float64Array.from(rows.map((r) => r.visits))),
});

/** A deterministic cloud of points (no Math.random: the same chart every run). */
function cloud(n: number): { x: number; y: number; group: string }[] {
  let seed = 7;
  const next = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
  return Array.from({ length: n }, (_, i) => {
    const x = next() * 100;
    return { x, y: x * 0.6 + next() * 40, group: `g${i % 4}` };
  });
}

export const chartsApp: App = (st) => {
  st.title('Charts');
  st.caption('Streamlit-style charts drawn with Vega-Lite in the theme’s colours; drag to pan, scroll to zoom.');
  st.header('Line');
  st.lineChart(rows, { x: 'day', y: ['visits', 'signups'], xLabel: 'Day', yLabel: 'People' });
  st.lineChart(columns);
  st.header('Bar');
  st.barChart(rows, { x: 'day', y: 'visits', color: 'region' });
  st.barChart(columns, { y: ['visits', 'signups'], horizontal: true, stack: false, height: 420 });
  st.header('Area');
  st.areaChart(rows, { x: 'day', y: ['visits', 'signups'], stack: 'normalize' });
  st.areaChart(columns, { y: 'visits', color: '#d18616' });
  st.header('Scatter');
  st.scatterChart(rows, { x: 'visits', y: 'signups', color: 'region', size: 'day' });
  st.scatterChart(columns, { x: 'visits', y: 'signups', color: 'red' });
  st.header('Vega-Lite');
  st.vegaLiteChart(
    {
      title: 'Visits by region',
      description: 'Visits by region, a Vega-Lite spec',
      mark: { type: 'arc', innerRadius: 40 },
      encoding: { theta: { field: 'visits', aggregate: 'sum', type: 'quantitative' }, color: { field: 'region', type: 'nominal' } },
    },
    { data: rows, height: 220 },
  );
  st.vegaLiteChart({ description: 'A spec Vega-Lite rejects', data: { values: [] } }); // no mark: the chart says so in its place
  st.header('Ten thousand points');
  // Drawn on its own when ticked (the other charts are unchanged, so not redrawn): its time is its own.
  if (st.checkbox('Draw ten thousand points', { key: 'big' })) st.scatterChart(cloud(10_000), { x: 'x', y: 'y', color: 'group', size: 12 });
  st.header('From an Arrow table');
  st.lineChart(arrowVisits, { x: 'when', y: 'visits' });
  st.barChart(arrowVisits, { x: 'when', y: 'visits' });
  st.areaChart(arrowVisits, { x: 'when', y: 'visits' });
  st.scatterChart(arrowVisits, { x: 'when', y: 'visits' });
};
