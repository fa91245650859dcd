/**
 * The pure parts of `st.dataframe` and `st.dataEditor`: an app's data (rows as objects, an object of
 * columns, or an apache-arrow `Table`) as the columnar table the view gets (protocol/dataframe.ts),
 * the app's `columnConfig` as the view's settings, and the editor's state applied to the app's data,
 * returned in the shape it came in, as Streamlit returns the edited data frame.
 */
import { createHash } from 'node:crypto';
import { tableFromArrays } from 'apache-arrow';
import * as z from 'zod';
import type { ColumnType } from '../../protocol';
import {
  ColumnSettings,
  MAX_GRID_COLUMNS,
  MAX_GRID_ROWS,
  type CellValue,
  type EditorState,
  type GridColumn,
  type GridTable,
} from '../../protocol';

/** The table's bytes the view may get at once (100 000 × 10 numbers are 8 MB). */
export const MAX_TABLE_BYTES = 64 * 1024 * 1024;

/** The part of apache-arrow's `Table` read here (duck-typed: any copy of the library will do). */
interface ArrowTableLike {
  numRows: number;
  schema: { fields: { name: string }[] };
  getChild(name: string): { get(i: number): unknown } | null;
}
export type DataInput = readonly Record<string, unknown>[] | Record<string, ArrayLike<unknown>> | ArrowTableLike;

export const isArrow = (data: unknown): data is ArrowTableLike =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as ArrowTableLike).getChild === 'function' &&
  Array.isArray((data as ArrowTableLike).schema?.fields);

/** The data as named columns of plain values, and which shape it came in. */
export interface Columns {
  shape: 'rows' | 'columns' | 'arrow';
  names: string[];
  values: unknown[][];
  rowCount: number;
}

export function readColumns(method: string, data: unknown): Columns {
  if (isArrow(data)) {
    const names = data.schema.fields.map((f) => String(f.name));
    const values = names.map((name) => {
      const vector = data.getChild(name)!;
      return Array.from({ length: data.numRows }, (_, i) => vector.get(i));
    });
    return check(method, { shape: 'arrow', names, values, rowCount: data.numRows });
  }
  if (Array.isArray(data)) {
    const rows = data as readonly unknown[];
    if (!rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
      throw new Error(`${method}: data is an array of row objects, an object of columns, or an apache-arrow Table`);
    }
    const names = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
    const values = names.map((name) => rows.map((r) => (r as Record<string, unknown>)[name]));
    return check(method, { shape: 'rows', names, values, rowCount: rows.length });
  }
  if (typeof data === 'object' && data !== null) {
    const entries = Object.entries(data as Record<string, unknown>);
    const values = entries.map(([name, column]) => {
      if (!Array.isArray(column) && !ArrayBuffer.isView(column)) throw new Error(`${method}: column "${name}" is not an array`);
      return Array.from(column as ArrayLike<unknown>);
    });
    const rowCount = values[0]?.length ?? 0;
    const uneven = entries.find((_, i) => values[i]!.length !== rowCount);
    if (uneven) throw new Error(`${method}: column "${uneven[0]}" has ${values[entries.indexOf(uneven)]!.length} values, not ${rowCount}`);
    return check(method, { shape: 'columns', names: entries.map(([n]) => n), values, rowCount });
  }
  throw new Error(`${method}: data is an array of row objects, an object of columns, or an apache-arrow Table`);
}

function check(method: string, columns: Columns): Columns {
  if (columns.rowCount > MAX_GRID_ROWS) throw new Error(`${method}: ${columns.rowCount} rows, over the ${MAX_GRID_ROWS} a table may have`);
  if (columns.names.length > MAX_GRID_COLUMNS) throw new Error(`${method}: ${columns.names.length} columns, over ${MAX_GRID_COLUMNS}`);
  return columns;
}

const isEmpty = (v: unknown) => v === null || v === undefined;
/** A column's kind: numbers, booleans and dates when every value is one (or empty), else text. */
function kindOf(values: readonly unknown[]): GridColumn['kind'] {
  const all = (test: (v: unknown) => boolean) => values.every((v) => isEmpty(v) || test(v));
  if (all((v) => typeof v === 'number' || typeof v === 'bigint')) return 'number';
  if (all((v) => typeof v === 'boolean')) return 'boolean';
  if (all((v) => v instanceof Date)) return 'date';
  return 'text';
}

const textOf = (v: unknown): string =>
  typeof v === 'string' ? v : (JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ?? String(v));

function gridColumn(name: string, values: readonly unknown[]): GridColumn {
  const kind = kindOf(values);
  const n = values.length;
  if (kind === 'number' || kind === 'date') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = isEmpty(v) ? NaN : v instanceof Date ? v.getTime() : Number(v);
    }
    return { kind, name, values: out };
  }
  if (kind === 'boolean') return { kind, name, values: Uint8Array.from(values, (v) => (isEmpty(v) ? 2 : v ? 1 : 0)) };
  const nulls = new Uint8Array(n);
  const texts: string[] = new Array<string>(n);
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isEmpty(v)) {
      nulls[i] = 1;
      anyNull = true;
    }
    texts[i] = isEmpty(v) ? '' : textOf(v);
  }
  // A column that repeats its values (categories, the same image) goes as a dictionary: each text once.
  // Its first 1 000 cells decide, so a column of distinct texts is not hashed to no use.
  const repeats = (limit: number) => new Set(texts.slice(0, limit)).size <= limit / 2;
  const distinct = new Map<string, number>();
  const codes = new Uint32Array(n);
  if (n > 0 && repeats(Math.min(n, 1000))) {
    for (let i = 0; i < n && distinct.size <= n / 2; i++) {
      const t = texts[i]!;
      let code = distinct.get(t);
      if (code === undefined) distinct.set(t, (code = distinct.size));
      codes[i] = code;
    }
  }
  const dictionary = distinct.size > 0 && distinct.size <= n / 2;
  const list = dictionary ? [...distinct.keys()] : texts;
  // One pass: each text written where the last ended (UTF-8 is at most 3 bytes per UTF-16 unit).
  const buffer = Buffer.allocUnsafe(list.reduce((sum, t) => sum + t.length * 3, 0));
  const offsets = new Uint32Array(list.length + 1);
  let at = 0;
  for (let j = 0; j < list.length; j++) offsets[j + 1] = at += buffer.write(list[j]!, at);
  return {
    kind,
    name,
    bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, at).slice(),
    offsets,
    ...(dictionary ? { codes } : {}),
    ...(anyNull ? { nulls } : {}),
  };
}

/** The view's table and its id (a digest of its content: same data, same id, sent once). */
export function gridTable(method: string, columns: Columns): { table: GridTable; tableId: string } {
  const table: GridTable = { rowCount: columns.rowCount, columns: columns.names.map((name, i) => gridColumn(name, columns.values[i]!)) };
  const hash = createHash('sha256').update(String(table.rowCount));
  let size = 0;
  for (const c of table.columns) {
    hash.update(`\0${c.kind}\0${c.name}\0`);
    for (const part of c.kind === 'text' ? [c.bytes, c.offsets, c.codes ?? new Uint32Array(), c.nulls ?? new Uint8Array()] : [c.values]) {
      size += part.byteLength;
      hash.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    }
  }
  if (size > MAX_TABLE_BYTES) throw new Error(`${method}: the table is ${size} bytes, over the ${MAX_TABLE_BYTES} the view takes`);
  return { table, tableId: hash.digest('hex').slice(0, 32) };
}

/** What an app writes in `columnConfig`: a label, null (hide it), or settings (st.columnConfig.*Column). */
export type ColumnConfigInput = string | null | (Omit<ColumnSettings, 'type'> & { type?: ColumnType });

/** The app's column configuration, checked, by column name; hidden ones drop out of `order`. */
export function columnSettings(
  method: string,
  names: readonly string[],
  config: Record<string, ColumnConfigInput> = {},
  columnOrder?: readonly string[],
): { columns: Record<string, ColumnSettings>; order: string[] } {
  const columns: Record<string, ColumnSettings> = {};
  for (const [name, raw] of Object.entries(config)) {
    if (!names.includes(name)) throw new Error(`${method}: columnConfig names "${name.slice(0, 100)}", which is not a column`);
    const input = raw === null ? { hidden: true } : typeof raw === 'string' ? { label: raw } : raw;
    const parsed = ColumnSettings.strict().safeParse(input);
    if (!parsed.success) throw new Error(`${method}: columnConfig["${name.slice(0, 100)}"]: ${z.prettifyError(parsed.error)}`);
    columns[name] = parsed.data;
  }
  for (const name of columnOrder ?? []) {
    if (!names.includes(name)) throw new Error(`${method}: columnOrder names "${String(name).slice(0, 100)}", which is not a column`);
  }
  const order = (columnOrder ?? names).filter((n) => !columns[n]?.hidden);
  return { columns, order };
}

/** An edited cell as the app's value: dates back to Date (the editor sends ISO text or milliseconds). */
function appValue(kind: GridColumn['kind'], v: CellValue | undefined): unknown {
  if (v === undefined || v === null) return null;
  if (kind === 'date' && (typeof v === 'string' || typeof v === 'number')) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (kind === 'number' && typeof v === 'string') return v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v);
  return v;
}

/** The app's data with the editor's changes: edited cells, deleted rows gone, added rows at the end; in the input's shape. */
export function editedData(data: unknown, columns: Columns, table: GridTable, state: EditorState): unknown {
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  const deleted = new Set(state.deletedRows);
  const kept = Array.from({ length: columns.rowCount }, (_, i) => i).filter((i) => !deleted.has(i));
  const cell = (name: string, c: number, row: number): unknown => {
    const edit = state.editedRows[String(row)];
    return edit && Object.hasOwn(edit, name) ? appValue(kinds.get(name)!, edit[name]) : columns.values[c]![row];
  };
  const added = (name: string) => state.addedRows.map((r) => appValue(kinds.get(name) ?? 'text', r[name]));
  if (columns.shape === 'rows') {
    const rows = data as readonly Record<string, unknown>[];
    const out = kept.map((i) => {
      const edit = state.editedRows[String(i)];
      if (!edit) return rows[i]!;
      const row = { ...rows[i]! };
      for (const name of Object.keys(edit)) if (kinds.has(name)) row[name] = cell(name, columns.names.indexOf(name), i);
      return row;
    });
    for (const r of state.addedRows) out.push(Object.fromEntries(columns.names.map((name) => [name, appValue(kinds.get(name)!, r[name])])));
    return out;
  }
  const byName = Object.fromEntries(columns.names.map((name, c) => [name, [...kept.map((i) => cell(name, c, i)), ...added(name)]]));
  if (columns.shape === 'columns') return byName;
  return tableFromArrays(
    Object.fromEntries(
      columns.names.map((name) => {
        const values = byName[name]!;
        return [name, kinds.get(name) === 'number' ? Float64Array.from(values, (v) => (isEmpty(v) ? NaN : Number(v))) : values];
      }),
    ) as Parameters<typeof tableFromArrays>[0],
  );
}
