/**
 * The built-in data app: a 100 000 × 10 dataframe of every column type with row selection, and a data
 * editor whose changes the app shows (the e2e suite and the benchmark drive it).
 */
import type { App } from './st';

const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Lima', 'Osaka', 'Perth', 'Quito', 'Tunis'];
const DOT =
  'data:image/svg+xml;base64,' +
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="5" fill="#3794ff"/></svg>').toString(
    'base64',
  );

/** 100 000 rows as an object of columns (the cheapest shape to build); row i is the same every run. */
export function bigTable(rows = 100_000): Record<string, unknown[]> {
  const ids = Array.from({ length: rows }, (_, i) => i);
  return {
    id: ids,
    name: ids.map((i) => `item ${i}`),
    city: ids.map((i) => CITIES[i % CITIES.length]!),
    price: ids.map((i) => ((i * 7919) % 100_000) / 100),
    quantity: ids.map((i) => (i * 31) % 1000),
    inStock: ids.map((i) => i % 3 !== 0),
    since: ids.map((i) => new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000)),
    site: ids.map((i) => `https://example.com/items/${i}`),
    done: ids.map((i) => (i % 101) / 100),
    icon: ids.map(() => DOT),
  };
}

export const dataApp: App = (st) => {
  st.title('Data');
  const picked = st.dataframe(bigTable(), {
    key: 'big',
    onSelect: 'rerun',
    selectionMode: 'multi-row',
    columnConfig: {
      name: st.columnConfig.TextColumn('Name', { pinned: true }),
      price: st.columnConfig.NumberColumn('Price', { format: '$%.2f' }),
      since: st.columnConfig.DateColumn('Since'),
      site: st.columnConfig.LinkColumn('Site', { displayText: 'open' }),
      done: st.columnConfig.ProgressColumn('Done', { format: '%.0f%%', minValue: 0, maxValue: 1 }),
      icon: st.columnConfig.ImageColumn('Icon', { width: 'small' }),
    },
  });
  st.text(`Selected rows: ${JSON.stringify(picked?.selection.rows ?? [])}`);
  const cells = st.dataframe(
    { fruit: ['apple', 'pear', 'fig'], kg: [1.5, 2, 0.25] },
    { key: 'cells', onSelect: 'rerun', selectionMode: ['single-cell', 'multi-column'], hideIndex: true },
  );
  st.text(`Cell selection: ${JSON.stringify(cells?.selection)}`);
  st.header('Editor');
  const edited = st.dataEditor(
    [
      { task: 'write', hours: 2, done: false },
      { task: 'test', hours: 3, done: false },
      { task: 'ship', hours: 1, done: true },
    ],
    { key: 'tasks', numRows: 'dynamic', hideIndex: false },
  );
  st.text(`Edited: ${JSON.stringify(edited)}`);
  st.text(`State: ${JSON.stringify(st.sessionState.tasks)}`);
};
