/**
 * Chart data as the app passes it (an array of row objects, or an object of columns) turned into
 * rows of JSON cells with a Vega-Lite type per column, the way Streamlit reads a data frame for its
 * charts (streamlit/elements/lib/built_in_chart_utils.py). Pure, unit-tested.
 */

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export type VegaLiteType = 'quantitative' | 'temporal' | 'nominal';

/** Rows of objects, columns of values (arrays or typed arrays of equal length), or an apache-arrow `Table`. */
export type ChartData =
  | readonly Record<string, unknown>[]
  | { readonly [column: string]: readonly unknown[] | ArrayLike<number> }
  | { numRows: number; schema: { fields: { name: string }[] }; getChild(name: string): unknown };

export interface ChartTable {
  columns: string[];
  rows: Row[];
  types: Record<string, VegaLiteType>;
  /** Columns whose values are all whole numbers (their axis ticks step by at least 1, as Streamlit's). */
  integers: Set<string>;
}

/** The most rows a chart takes (its spec travels whole to the view). */
export const MAX_CHART_ROWS = 100_000;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** apache-arrow's `Table`, of any copy of the library (duck-typed; type ids are Arrow's, alike in every copy). */
interface ArrowTableLike {
  numRows: number;
  schema: { fields: { name: string; type: { typeId: number } }[] };
  getChild(name: string): { get(i: number): unknown } | null;
}
const isArrowTable = (v: unknown): v is ArrowTableLike =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ArrowTableLike).getChild === 'function' &&
  Array.isArray((v as ArrowTableLike).schema?.fields) &&
  typeof (v as ArrowTableLike).numRows === 'number';
/** Arrow's Date (8) and Timestamp (10) type ids. */
const TEMPORAL = new Set([8, 10]);

const isColumn = (v: unknown): v is readonly unknown[] | ArrayLike<number> => Array.isArray(v) || ArrayBuffer.isView(v);

/** A value as a JSON cell: dates as ISO text (Vega-Lite parses them for temporal fields), big integers as numbers. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return JSON.stringify(value) ?? String(value);
}

function typeOf(values: readonly unknown[]): VegaLiteType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'bigint')) {
    return 'quantitative';
  }
  if (present.length > 0 && present.every((v) => v instanceof Date)) return 'temporal';
  return 'nominal';
}

/** Reads `data` as Streamlit reads a data frame; `what` names the command in errors. */
export function chartTable(data: unknown, what: string): ChartTable {
  let columns: string[];
  let raw: Record<string, unknown>[];
  if (Array.isArray(data)) {
    if (!data.every(isPlainObject)) throw new Error(`${what}: the data is an array, so each of its items must be a plain object (a row)`);
    columns = [...new Set(data.flatMap((r) => Object.keys(r)))];
    raw = data;
  } else if (isPlainObject(data)) {
    columns = Object.keys(data);
    const lists = columns.map((c) => data[c]);
    if (!lists.every(isColumn)) throw new Error(`${what}: the data is an object, so each of its values must be an array (a column)`);
    const length = lists[0]?.length ?? 0;
    if (lists.some((l) => l.length !== length)) throw new Error(`${what}: all columns must have the same length`);
    raw = Array.from({ length }, (_, i) => Object.fromEntries(columns.map((c, j) => [c, (lists[j] as ArrayLike<unknown>)[i]])));
  } else if (isArrowTable(data)) {
    // Dates and timestamps come out of apache-arrow as milliseconds: back to Dates, so they are temporal.
    const fields = data.schema.fields;
    columns = fields.map((f) => String(f.name));
    if (data.numRows > MAX_CHART_ROWS) throw new Error(`${what}: ${data.numRows} rows is over the ${MAX_CHART_ROWS} a chart takes`);
    const vectors = fields.map((f) => ({ vector: data.getChild(f.name), temporal: TEMPORAL.has(f.type.typeId) }));
    raw = Array.from({ length: data.numRows }, (_, i) =>
      Object.fromEntries(
        vectors.map(({ vector, temporal }, j) => {
          const value = vector?.get(i);
          return [columns[j]!, temporal && typeof value === 'number' ? new Date(value) : value];
        }),
      ),
    );
  } else if (data === undefined || data === null) {
    columns = [];
    raw = [];
  } else {
    throw new Error(`${what}: the data must be an array of row objects, an object of columns or an apache-arrow Table`);
  }
  if (raw.length > MAX_CHART_ROWS) throw new Error(`${what}: ${raw.length} rows is over the ${MAX_CHART_ROWS} a chart takes`);
  const types: Record<string, VegaLiteType> = {};
  const integers = new Set<string>();
  for (const c of columns) {
    const values = raw.map((r) => r[c]);
    types[c] = typeOf(values);
    if (types[c] === 'quantitative' && values.every((v) => v === null || v === undefined || Number.isInteger(Number(v)))) integers.add(c);
  }
  const rows = raw.map((r) => Object.fromEntries(columns.map((c) => [c, cell(r[c])])));
  return { columns, rows, types, integers };
}

/** Rows as Vega-Lite's inline data (`{ values }`), for `st.vegaLiteChart`'s `data`. */
export function chartValues(data: unknown, what: string): Row[] {
  return chartTable(data, what).rows;
}
