/**
 * The grid's data model over a columnar table: a cell's value (with the editor's changes on top), its
 * text, and the order rows are shown in (deleted rows out, added rows after, filtered by a search,
 * sorted). Rows are numbers: positions in the app's data, then `rowCount + k` for added row k.
 * Nothing per row is built ahead: a 100 000-row table costs its typed arrays and one index array.
 */
import type { CellValue, ColumnSettings, ColumnType, EditorState, GridColumn, GridTable } from '../../protocol';
import { formatDate, formatNumber } from './format';

export interface GridCol {
  name: string;
  label: string;
  type: ColumnType;
  settings: ColumnSettings;
  data: GridColumn | undefined;
}

const decoder = new TextDecoder();
const DEFAULT_TYPE: Record<GridColumn['kind'], ColumnType> = { number: 'number', text: 'text', boolean: 'checkbox', date: 'datetime' };

export function gridColumns(table: GridTable, order: readonly string[], settings: Record<string, ColumnSettings>): GridCol[] {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return order.map((name) => {
    const data = byName.get(name);
    const s = settings[name] ?? {};
    return { name, label: s.label ?? name, type: s.type ?? (data ? DEFAULT_TYPE[data.kind] : 'text'), settings: s, data };
  });
}

/** A cell's value: a number (dates: milliseconds), a boolean, a string, or null when empty. */
export function baseValue(col: GridColumn | undefined, row: number): CellValue {
  if (!col) return null;
  switch (col.kind) {
    case 'number':
    case 'date': {
      const v = col.values[row]!;
      return Number.isNaN(v) ? null : v;
    }
    case 'boolean': {
      const v = col.values[row]!;
      return v === 2 ? null : v === 1;
    }
    case 'text': {
      if (col.nulls?.[row]) return null;
      const j = col.codes ? col.codes[row]! : row;
      return decoder.decode(col.bytes.subarray(col.offsets[j]!, col.offsets[j + 1]!));
    }
  }
}

export function cellValue(table: GridTable, col: GridCol, row: number, edits?: EditorState): CellValue {
  if (row >= table.rowCount) return edits?.addedRows[row - table.rowCount]?.[col.name] ?? null;
  const edit = edits?.editedRows[String(row)];
  if (edit && Object.hasOwn(edit, col.name)) return edit[col.name]!;
  return baseValue(col.data, row);
}

/** A date cell's milliseconds: the table's number, or the ISO text the editor wrote. */
export const dateMs = (v: CellValue): number => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN);

/** What a cell reads as (search matches this). */
export function cellText(col: GridCol, v: CellValue): string {
  if (v === null) return '';
  const { format, displayText } = col.settings;
  switch (col.type) {
    case 'number':
    case 'progress':
      return typeof v === 'number' ? formatNumber(v, format) : String(v);
    case 'date':
      return formatDate(dateMs(v), format ?? 'YYYY-MM-DD');
    case 'datetime':
      return formatDate(dateMs(v), format ?? 'YYYY-MM-DD HH:mm:ss');
    case 'checkbox':
      return v === true ? 'true' : v === false ? 'false' : String(v);
    case 'link':
      return displayText ?? String(v);
    default:
      return String(v);
  }
}

/** A column's cells as search reads them, lower-cased, made on the first search and kept with the table. */
const searched = new WeakMap<GridTable, Map<string, string[]>>();
function searchTexts(table: GridTable, col: GridCol): string[] {
  let byColumn = searched.get(table);
  if (!byColumn) searched.set(table, (byColumn = new Map()));
  const key = `${col.name}\0${col.type}\0${col.settings.format ?? ''}\0${col.settings.displayText ?? ''}`;
  let texts = byColumn.get(key);
  if (!texts) {
    texts = new Array<string>(table.rowCount);
    for (let r = 0; r < table.rowCount; r++) texts[r] = cellText(col, baseValue(col.data, r)).toLowerCase();
    byColumn.set(key, texts);
  }
  return texts;
}

/** The rows shown: not deleted, added ones after, matching `search` (in any column's text), sorted. */
export function visibleRows(
  table: GridTable,
  cols: readonly GridCol[],
  edits: EditorState | undefined,
  search: string,
  sort: { name: string; desc: boolean } | undefined,
): number[] {
  const deleted = new Set(edits?.deletedRows ?? []);
  const total = table.rowCount + (edits?.addedRows.length ?? 0);
  let rows: number[] = [];
  for (let r = 0; r < total; r++) if (!deleted.has(r)) rows.push(r);
  const query = search.trim().toLowerCase();
  if (query) {
    const texts = cols.map((c) => searchTexts(table, c));
    const edited = (r: number) => r >= table.rowCount || edits?.editedRows[String(r)] !== undefined;
    rows = rows.filter((r) =>
      cols.some((c, i) => (edited(r) ? cellText(c, cellValue(table, c, r, edits)).toLowerCase() : texts[i]![r]!).includes(query)),
    );
  }
  const col = sort && cols.find((c) => c.name === sort.name);
  if (!col || !sort) return rows;
  // Keys once per row, then a sort of indexes: a comparator that decoded text would be 17× slower.
  const keys = new Array<CellValue>(total);
  const dated = col.type === 'date' || col.type === 'datetime';
  for (const r of rows) keys[r] = dated ? dateMs(cellValue(table, col, r, edits)) : cellValue(table, col, r, edits);
  const collator = new Intl.Collator(undefined, { numeric: true });
  const dir = sort.desc ? -1 : 1;
  return rows.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    const xEmpty = x === null || (typeof x === 'number' && Number.isNaN(x));
    const yEmpty = y === null || (typeof y === 'number' && Number.isNaN(y));
    if (xEmpty || yEmpty) return xEmpty === yEmpty ? a - b : xEmpty ? 1 : -1; // empty cells last, either way
    const order = typeof x === 'string' || typeof y === 'string' ? collator.compare(String(x), String(y)) : Number(x) - Number(y);
    return order === 0 ? a - b : order * dir;
  });
}
