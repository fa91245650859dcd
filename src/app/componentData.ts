/**
 * Data for components, as Streamlit 1.64 sends and receives it. An apache-arrow `Table` becomes Arrow
 * IPC streams: for a v1 component the three of Streamlit's `dfs` (data, an index of row positions,
 * the column names), with 64-bit offsets narrowed (streamlit-component-lib's apache-arrow 11 throws on
 * `LargeUtf8`, so Streamlit narrows them too); for a v2 component one stream, as it is. Bytes stay
 * bytes. Each blob is named by a digest of its content and travels beside the nodes (protocol/blobs.ts).
 */
import { createHash } from 'node:crypto';
import { Binary, Table, tableFromArrays, tableFromIPC, tableToIPC, Type, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { ARROW_REF_KEY, type ComponentValue, type ErrorInfo, type V2Data } from '../../protocol';
import { errorMessage } from '../util/errors';
import { isArrow, readColumns } from './stData';

export type Payload = Record<string, Uint8Array>;

export const blobId = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** A table of another copy of apache-arrow, written by that copy (undefined: it is not among the loaded modules). */
function foreignIpc(table: unknown): Uint8Array | undefined {
  const maker = Object.values(require.cache).find((m) => {
    const exports = m?.exports as { Table?: { prototype: unknown }; tableToIPC?: unknown } | undefined;
    return typeof exports?.tableToIPC === 'function' && exports.Table?.prototype === Object.getPrototypeOf(table);
  });
  try {
    return maker ? (maker.exports as { tableToIPC: (t: unknown, f: string) => Uint8Array }).tableToIPC(table, 'stream') : undefined;
  } catch {
    return undefined;
  }
}

function rebuilt(method: string, table: unknown): Table {
  const columns = readColumns(method, table);
  const typed = (values: unknown[]): unknown =>
    values.every((v) => typeof v === 'number' || v === null)
      ? Float64Array.from(values as number[], (v) => v ?? NaN)
      : values.every((v) => typeof v === 'bigint')
        ? BigInt64Array.from(values as bigint[])
        : values.map((v) => (v === null || ['string', 'boolean'].includes(typeof v) || v instanceof Date ? v : String(v)));
  return tableFromArrays(
    Object.fromEntries(columns.names.map((name, i) => [name, typed(columns.values[i]!)])) as never,
  ) as unknown as Table;
}

const hasLarge = (table: { schema: { fields: { type: { typeId: number } }[] } }): boolean =>
  table.schema.fields.some((f) => f.type.typeId === Type.LargeUtf8 || f.type.typeId === Type.LargeBinary);

/**
 * The table's IPC stream (`narrow`: large kinds narrowed, for v1). An app's apache-arrow is its
 * workspace's, not the one bundled here, and this copy's IPC writer cannot write another copy's table
 * (its visitors test `instanceof DataType`, which apache-arrow does not brand). So another copy's
 * table is written by the copy that made it (found among the loaded modules): used as it is when
 * nothing needs narrowing (type ids are Arrow's, alike in every copy), else read back here first.
 * Failing that, it is rebuilt from its values (numbers, BigInts, text, booleans, dates keep their kinds).
 */
function tableIpc(method: string, table: unknown, narrow: boolean): Uint8Array {
  const own = Object.getPrototypeOf(table) === Table.prototype;
  const foreign = own ? undefined : foreignIpc(table);
  if (foreign && !(narrow && hasLarge(table as Table))) return foreign;
  const ours = own ? (table as Table) : foreign ? tableFromIPC(foreign) : rebuilt(method, table);
  return ipc(narrow ? narrowed(ours) : ours);
}

/** Large string and binary columns as their 32-bit-offset kinds, for readers that know only those. */
function narrowed(table: Table): Table {
  if (!hasLarge(table)) return table;
  const vectors: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    if (field.type.typeId === Type.LargeUtf8) vectors[field.name] = vectorFromArray(Array.from(vector), new Utf8());
    else if (field.type.typeId === Type.LargeBinary) vectors[field.name] = vectorFromArray(Array.from(vector), new Binary());
    else vectors[field.name] = vector;
  }
  return new Table(vectors);
}

const ipc = (table: Table): Uint8Array => tableToIPC(table, 'stream');

function add(payload: Payload, bytes: Uint8Array): string {
  const id = blobId(bytes);
  payload[id] = bytes;
  return id;
}

/** v1 arguments: JSON ones, tables (Streamlit's `dfs`) and bytes, split as Streamlit's front end gets them. */
export function v1Args(name: string, args: Record<string, unknown>) {
  const json: Record<string, unknown> = {};
  const dfs: { key: string; data: string; index: string; columns: string }[] = [];
  const bytesArgs: Record<string, string> = {};
  const payload: Payload = {};
  for (const [key, value] of Object.entries(args)) {
    if (isArrow(value)) {
      const data = tableIpc(`st.component("${name}") argument "${key}"`, value, true);
      const index = new Table({ '0': vectorFromArray(BigInt64Array.from({ length: value.numRows }, (_, i) => BigInt(i))) });
      const columnNames = value.schema.fields.map((f) => String(f.name));
      const names = new Table({ '0': vectorFromArray(columnNames, new Utf8()) });
      dfs.push({ key, data: add(payload, data), index: add(payload, ipc(index)), columns: add(payload, ipc(names)) });
    } else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      bytesArgs[key] = add(payload, new Uint8Array(value instanceof ArrayBuffer ? value.slice(0) : value.slice()));
    } else {
      json[key] = value;
    }
  }
  return { json, dfs, bytesArgs, payload };
}

/** v2 data, as Streamlit serialises it: bytes, a whole table, tables at an object's first level, or JSON. */
export function v2Data(data: unknown): { data: V2Data; payload: Payload } {
  const payload: Payload = {};
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const bytes = new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data.slice());
    return { data: { dataType: 'bytes', blob: add(payload, bytes) }, payload };
  }
  if (isArrow(data)) return { data: { dataType: 'arrow', blob: add(payload, tableIpc('component data', data, false)) }, payload };
  const toJson = (value: unknown): never => {
    try {
      return (value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null')) as never;
    } catch (err) {
      throw new Error(
        `component data is JSON, bytes, an apache-arrow Table, or an object with Tables at its first level: ${errorMessage(err)}`,
        { cause: err },
      );
    }
  };
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).some(isArrow)) {
    const json: Record<string, never> = {};
    for (const [key, value] of Object.entries(data)) {
      json[key] = isArrow(value)
        ? ({ [ARROW_REF_KEY]: add(payload, tableIpc(`component data "${key}"`, value, false)) } as never)
        : toJson(value);
    }
    return { data: { dataType: 'mixed', json, blobs: Object.keys(payload) }, payload };
  }
  return { data: { dataType: 'json', json: toJson(data) }, payload };
}

/** A v1 component's value as session state keeps it: JSON, so bytes as base64. */
export type StoredComponentValue =
  | { dataType: 'json'; json: unknown }
  | { dataType: 'bytes'; base64: string }
  | { dataType: 'dataframe'; data: string; index: string; columns: string };

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** The value to store, or why it is refused (a table that is not Arrow). */
export function storedComponentValue(value: ComponentValue): { ok: true; stored: StoredComponentValue } | { ok: false; error: ErrorInfo } {
  if (value.dataType === 'json') return { ok: true, stored: value };
  if (value.dataType === 'bytes') return { ok: true, stored: { dataType: 'bytes', base64: base64(value.bytes) } };
  try {
    for (const part of [value.data, value.index, value.columns]) tableFromIPC(part);
  } catch (err) {
    return {
      ok: false,
      error: { code: 'invalid-message', message: `the component's table is not Arrow IPC: ${errorMessage(err).slice(0, 200)}` },
    };
  }
  return {
    ok: true,
    stored: { dataType: 'dataframe', data: base64(value.data), index: base64(value.index), columns: base64(value.columns) },
  };
}

/** What `st.component` returns for a stored value: the JSON, a Uint8Array, or the table (an apache-arrow `Table`). */
export function componentResult(stored: StoredComponentValue): unknown {
  if (stored.dataType === 'json') return stored.json;
  if (stored.dataType === 'bytes') return fromBase64(stored.base64);
  return tableFromIPC(fromBase64(stored.data));
}
