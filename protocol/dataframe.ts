/**
 * `st.dataframe` and `st.dataEditor` on the wire. A table travels columnar and binary — numbers as a
 * Float64Array, text as UTF-8 bytes with offsets — so 100 000 × 10 cells are a few megabytes of typed
 * arrays that VS Code's postMessage transfers as buffers, not a JSON tree. It travels beside the
 * element, not in it (protocol/render.ts `tables`): the element names it by `tableId` (a digest of its
 * content), so a rerun that changes a selection or an edit re-sends the small element only, and a
 * table is sent once per change of its content.
 */
import * as z from 'zod';

export const MAX_GRID_ROWS = 1_000_000;
export const MAX_GRID_COLUMNS = 200;
export const TableId = z.string().regex(/^[0-9a-f]{16,64}$/);

const Name = z.string().max(500);

/** One column. Empty cells: NaN (number, date), 2 (boolean), `nulls[i] = 1` (text). */
const GridColumn = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), name: Name, values: z.instanceof(Float64Array) }),
  /** Milliseconds since the epoch. */
  z.object({ kind: z.literal('date'), name: Name, values: z.instanceof(Float64Array) }),
  z.object({ kind: z.literal('boolean'), name: Name, values: z.instanceof(Uint8Array) }),
  /**
   * Text j is `bytes[offsets[j]…offsets[j+1]]`, as Arrow's Utf8; cell i is text i, or text `codes[i]`
   * when a column repeats its values (a dictionary, as Arrow's).
   */
  z.object({
    kind: z.literal('text'),
    name: Name,
    bytes: z.instanceof(Uint8Array),
    offsets: z.instanceof(Uint32Array),
    codes: z.instanceof(Uint32Array).optional(),
    nulls: z.instanceof(Uint8Array).optional(),
  }),
]);
export type GridColumn = z.infer<typeof GridColumn>;

export const GridTable = z
  .object({ rowCount: z.number().int().min(0).max(MAX_GRID_ROWS), columns: z.array(GridColumn).max(MAX_GRID_COLUMNS) })
  .refine(
    (t) =>
      t.columns.every((c) =>
        c.kind === 'text'
          ? (c.codes
              ? c.codes.length === t.rowCount && c.codes.every((k) => k < c.offsets.length - 1)
              : c.offsets.length === t.rowCount + 1) &&
            (c.nulls === undefined || c.nulls.length === t.rowCount) &&
            c.offsets[c.offsets.length - 1] === c.bytes.length &&
            c.offsets.every((o, i) => i === 0 || o >= c.offsets[i - 1]!)
          : c.values.length === t.rowCount,
      ),
    'every column has one value per row',
  );
export type GridTable = z.infer<typeof GridTable>;

/** Streamlit's column types (st.column_config.*Column), by the name of the type. */
export const ColumnType = z.enum(['text', 'number', 'checkbox', 'date', 'datetime', 'link', 'progress', 'image', 'selectbox']);
export type ColumnType = z.infer<typeof ColumnType>;

/** A column's configuration as the view gets it (the app's `columnConfig`, checked and resolved). */
export const ColumnSettings = z.object({
  label: z.string().max(500).optional(),
  type: ColumnType.optional(),
  /**
   * printf-style ("%.2f", "$%d", "%.1f%%") or a preset ("plain", "localized", "percent", "dollar", "euro",
   * "compact", "scientific"); dates: tokens like "YYYY-MM-DD HH:mm".
   */
  format: z.string().max(100).optional(),
  width: z.union([z.enum(['small', 'medium', 'large']), z.number().int().min(20).max(2000)]).optional(),
  help: z.string().max(2000).optional(),
  hidden: z.boolean().optional(),
  disabled: z.boolean().optional(),
  required: z.boolean().optional(),
  pinned: z.boolean().optional(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  step: z.number().positive().optional(),
  maxChars: z.number().int().positive().optional(),
  /** Link: the text shown instead of the URL. */
  displayText: z.string().max(500).optional(),
  /** Selectbox: the choices. */
  options: z.array(z.string().max(500)).max(1000).optional(),
});
export type ColumnSettings = z.infer<typeof ColumnSettings>;

export const SelectionMode = z.enum(['single-row', 'multi-row', 'single-column', 'multi-column', 'single-cell', 'multi-cell']);
export type SelectionMode = z.infer<typeof SelectionMode>;

const RowIndex = z.number().int().min(0).max(MAX_GRID_ROWS);
/** Streamlit's selection state: row positions in the app's data, column names, and [row, column] cells. */
export const DataframeSelection = z.object({
  selection: z.object({
    rows: z.array(RowIndex).max(MAX_GRID_ROWS),
    columns: z.array(Name).max(MAX_GRID_COLUMNS),
    cells: z.array(z.tuple([RowIndex, Name])).max(100_000),
  }),
});
export type DataframeSelection = z.infer<typeof DataframeSelection>;

export const CellValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;
const RowValues = z.record(Name, CellValue);

/** Streamlit's data editor state: edited cells by row position (as a string key), added rows, deleted row positions. */
export const EditorState = z.object({
  editedRows: z.record(z.string().regex(/^\d{1,7}$/), RowValues),
  addedRows: z.array(RowValues).max(10_000),
  deletedRows: z.array(RowIndex).max(MAX_GRID_ROWS),
});
export type EditorState = z.infer<typeof EditorState>;

const gridCommon = {
  id: z.string().min(1).max(300),
  tableId: TableId,
  /** The host's table, moved into the render's `tables` by flatten(): a node in the view has none. */
  table: GridTable.optional(),
  /** By column name; columns are shown in `order` (names), the rest hidden. */
  columns: z.record(Name, ColumnSettings),
  order: z.array(Name).max(MAX_GRID_COLUMNS),
  hideIndex: z.boolean(),
  height: z.number().int().min(60).max(10_000).optional(),
};

export const gridElements = {
  dataframe: z.object({
    kind: z.literal('dataframe'),
    ...gridCommon,
    /** Empty: not selectable (onSelect "ignore"). */
    selectionModes: z.array(SelectionMode).max(6),
    value: DataframeSelection.optional(),
  }),
  data_editor: z.object({
    kind: z.literal('data_editor'),
    ...gridCommon,
    dynamicRows: z.boolean(),
    disabled: z.boolean(),
    value: EditorState,
  }),
};

export const emptySelection = (): DataframeSelection => ({ selection: { rows: [], columns: [], cells: [] } });
export const emptyEdits = (): EditorState => ({ editedRows: {}, addedRows: [], deletedRows: [] });
