/**
 * st.dataframe and st.dataEditor: a virtualised grid (TanStack Virtual: only the rows in sight are in
 * the DOM) over the columnar table (model.ts). Sort (header), resize (the header's edge), hide and
 * search (toolbar), select (rows, columns, cells, as the app allows), edit (data editor). Keyboard:
 * the body is one tab stop (headers are buttons); arrows, Home/End, PageUp/PageDown, Ctrl+Home/End
 * move the active cell, Space selects, Enter or F2 edits, Escape cancels, Delete deletes the rows
 * ticked; Alt+←/→ on a header resizes its column. Loaded on first use.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CellValue, EditorState, Element, GridTable } from '../../protocol';
import type { Send } from '../elements/ElementView';
import { Cell, type CellEvent } from './Cell';
import { GridToolbar } from './GridToolbar';
import { cellValue, gridColumns, visibleRows, type GridCol } from './model';
import { useSelection } from './selection';

export type GridElement = Extract<Element, { kind: 'dataframe' | 'data_editor' }>;

const ROW = 28;
const WIDTHS = { small: 75, medium: 200, large: 400 } as const;
const INDEX_WIDTH = 64;
const CHECK_WIDTH = 32;

export function DataGrid({ element, table, send }: { element: GridElement; table: GridTable; send: Send }) {
  const editor = element.kind === 'data_editor';
  const allCols = useMemo(() => gridColumns(table, element.order, element.columns), [table, element.order, element.columns]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  // Pinned columns first (they stay at the left as the grid scrolls sideways), as Streamlit shows them.
  const cols = useMemo(() => {
    const shown = allCols.filter((c) => !hidden.has(c.name));
    return [...shown.filter((c) => c.settings.pinned), ...shown.filter((c) => !c.settings.pinned)];
  }, [allCols, hidden]);
  const [widths, setWidths] = useState<Record<string, number>>({});
  const width = (c: GridCol) =>
    widths[c.name] ?? (typeof c.settings.width === 'number' ? c.settings.width : WIDTHS[c.settings.width ?? 'medium'] - 50);
  const [sort, setSort] = useState<{ name: string; desc: boolean }>();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search);

  // The editor's changes: shown at once, sent to the host, replaced by what the host sends back.
  const [edits, setEdits] = useState<EditorState | undefined>(editor ? element.value : undefined);
  const hostEdits = editor ? JSON.stringify(element.value) : '';
  useEffect(() => {
    if (element.kind === 'data_editor') setEdits(element.value);
  }, [hostEdits]); // the host's value, compared as JSON: a rerun sends an equal object anew
  const changeEdits = (next: EditorState) => {
    setEdits(next);
    send(element.id, next);
  };

  const rows = useMemo(() => visibleRows(table, cols, edits, query, sort), [table, cols, edits, query, sort]);
  const selection = useSelection(element, send);
  const rowChecks =
    (element.kind === 'dataframe' && selection.rowMode !== undefined) || (element.kind === 'data_editor' && element.dynamicRows);
  const [editorRows, setEditorRows] = useState<ReadonlySet<number>>(new Set()); // rows ticked for deletion

  const scroller = useRef<HTMLDivElement>(null);
  // The header takes the first row's height: rows start below it, and one scrolled to stops below it.
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
    paddingStart: ROW,
    scrollPaddingStart: ROW,
  });
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ row: number; col: number } | undefined>();
  const gridId = useId();
  const lead = (rowChecks ? CHECK_WIDTH : 0) + (element.hideIndex ? 0 : INDEX_WIDTH);
  const pinnedAt = (ci: number): number | undefined =>
    cols[ci]?.settings.pinned ? lead + cols.slice(0, ci).reduce((sum, c) => sum + width(c), 0) : undefined;
  const pinnedWidth = lead + cols.filter((c) => c.settings.pinned).reduce((sum, c) => sum + width(c), 0);
  const totalWidth = (element.hideIndex ? 0 : INDEX_WIDTH) + (rowChecks ? CHECK_WIDTH : 0) + cols.reduce((sum, c) => sum + width(c), 0);
  const height = element.height ?? Math.min(10, Math.max(rows.length, 1)) * ROW + ROW + 4;

  const isChecked = (row: number) => (editor ? editorRows.has(row) : selection.rowSelected(row));
  const toggleRow = (row: number) => {
    if (!editor) return selection.toggleRow(row);
    const next = new Set(editorRows);
    if (!next.delete(row)) next.add(row);
    setEditorRows(next);
  };
  const deleteRows = () => {
    if (!edits || editorRows.size === 0) return;
    const added = [...editorRows].filter((r) => r >= table.rowCount).map((r) => r - table.rowCount);
    changeEdits({
      editedRows: edits.editedRows,
      addedRows: edits.addedRows.filter((_, i) => !added.includes(i)),
      deletedRows: [...new Set([...edits.deletedRows, ...[...editorRows].filter((r) => r < table.rowCount)])].sort((a, b) => a - b),
    });
    setEditorRows(new Set());
  };
  const addRow = () => {
    if (!edits) return;
    changeEdits({ ...edits, addedRows: [...edits.addedRows, {}] });
    const last = rows.length; // the new row shows last (unless sorted or filtered)
    setActive({ row: last, col: 0 });
    requestAnimationFrame(() => virtual.scrollToIndex(last));
  };
  const canEdit = (col: GridCol) => element.kind === 'data_editor' && !element.disabled && !col.settings.disabled;
  const setCell = (row: number, col: GridCol, value: CellValue) => {
    if (!edits) return;
    if (row >= table.rowCount) {
      const addedRows = edits.addedRows.map((r, i) => (i === row - table.rowCount ? { ...r, [col.name]: value } : r));
      return changeEdits({ ...edits, addedRows });
    }
    const key = String(row);
    changeEdits({ ...edits, editedRows: { ...edits.editedRows, [key]: { ...edits.editedRows[key], [col.name]: value } } });
  };

  const move = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(0, Math.min(cols.length - 1, col));
    setActive({ row: r, col: c });
    virtual.scrollToIndex(r);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW * 10) / ROW) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active.row + 1, active.col),
      ArrowUp: () => move(active.row - 1, active.col),
      ArrowRight: () => move(active.row, active.col + 1),
      ArrowLeft: () => move(active.row, active.col - 1),
      PageDown: () => move(active.row + page, active.col),
      PageUp: () => move(active.row - page, active.col),
      Home: () => (e.ctrlKey ? move(0, active.col) : move(active.row, 0)),
      End: () => (e.ctrlKey ? move(rows.length - 1, active.col) : move(active.row, cols.length - 1)),
      ' ': () => activate(false),
      Enter: () => activate(true),
      F2: () => activate(true),
      Delete: () => deleteRows(),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };
  const activate = (edit: boolean) => {
    const row = rows[active.row];
    const col = cols[active.col];
    if (row === undefined || !col) return;
    if (canEdit(col)) {
      if (col.type === 'checkbox') return setCell(row, col, cellValue(table, col, row, edits) !== true);
      if (edit) return setEditing({ row, col: active.col });
    }
    if (selection.cellMode) return selection.toggleCell(row, col.name);
    if (rowChecks) toggleRow(row);
  };

  // One stable handler for every cell (it reads this render's state through the ref), so a cell's props
  // are plain values and a scroll re-renders only the rows that came into view.
  const cellEvents = useRef<CellEvent>(() => undefined);
  cellEvents.current = (what, row, index, ci, value) => {
    const c = cols[ci];
    if (!c) return;
    if (what === 'click') {
      setActive({ row: index, col: ci });
      if (selection.cellMode) selection.toggleCell(row, c.name);
    } else if (what === 'edit') {
      if (canEdit(c)) setEditing({ row, col: ci });
    } else {
      setEditing(undefined);
      if (value !== undefined) setCell(row, c, value);
      scroller.current?.focus();
    }
  };
  const onCellEvent = useCallback<CellEvent>((...args) => cellEvents.current(...args), []);

  const header = (
    <div className="grid-row grid-header" role="row" aria-rowindex={1}>
      {rowChecks && (
        <div className="grid-cell grid-check grid-pinned" style={{ width: CHECK_WIDTH, left: 0 }} role="columnheader" aria-label="Select" />
      )}
      {!element.hideIndex && (
        <div
          className="grid-cell grid-index grid-pinned"
          style={{ width: INDEX_WIDTH, left: rowChecks ? CHECK_WIDTH : 0 }}
          role="columnheader"
          aria-label="Row"
        />
      )}
      {cols.map((c, ci) => (
        <HeaderCell
          key={c.name}
          col={c}
          width={width(c)}
          pinnedAt={pinnedAt(ci)}
          sort={sort?.name === c.name ? (sort.desc ? 'descending' : 'ascending') : undefined}
          selected={selection.columnSelected(c.name)}
          onSort={() =>
            setSort(sort?.name !== c.name ? { name: c.name, desc: false } : !sort.desc ? { name: c.name, desc: true } : undefined)
          }
          onSelect={selection.columnMode ? () => selection.toggleColumn(c.name) : undefined}
          onResize={(w) => setWidths((prev) => ({ ...prev, [c.name]: w }))}
        />
      ))}
    </div>
  );

  const items = virtual.getVirtualItems();
  return (
    <div className="grid" data-testid={`el-${element.id}`} data-rows={rows.length}>
      <GridToolbar
        columns={allCols}
        hidden={hidden}
        onHidden={setHidden}
        search={search}
        onSearch={setSearch}
        editor={
          element.kind === 'data_editor' && element.dynamicRows && !element.disabled
            ? { onAdd: addRow, onDelete: deleteRows, deletable: editorRows.size }
            : undefined
        }
      />
      <div
        ref={scroller}
        className="grid-scroll"
        // What scrolls into view (a focused header, the active cell) stops beside the pinned columns, not under them.
        style={{ height, scrollPaddingLeft: pinnedWidth, scrollPaddingTop: ROW }}
        tabIndex={0}
        role="grid"
        aria-rowcount={rows.length + 1}
        aria-colcount={cols.length}
        aria-activedescendant={rows.length ? `${gridId}-${active.row}-${active.col}` : undefined}
        aria-label={editor ? 'Data editor' : 'Data frame'}
        onKeyDown={onKeyDown}
      >
        <div className="grid-inner" style={{ width: totalWidth, height: virtual.getTotalSize() }}>
          {header}
          {items.map((item) => {
            const row = rows[item.index]!;
            const added = row >= table.rowCount;
            return (
              <div
                key={row}
                className="grid-row"
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isChecked(row) || undefined}
                data-row={row}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {rowChecks && (
                  <div className="grid-cell grid-check grid-pinned" style={{ width: CHECK_WIDTH, left: 0 }} role="gridcell">
                    <input
                      type="checkbox"
                      tabIndex={-1}
                      aria-label={`Select row ${row}`}
                      checked={isChecked(row)}
                      onChange={() => toggleRow(row)}
                    />
                  </div>
                )}
                {!element.hideIndex && (
                  <div
                    className="grid-cell grid-index grid-pinned"
                    style={{ width: INDEX_WIDTH, left: rowChecks ? CHECK_WIDTH : 0 }}
                    role="rowheader"
                  >
                    {added ? '+' : row}
                  </div>
                )}
                {cols.map((c, ci) => (
                  <Cell
                    key={c.name}
                    id={`${gridId}-${item.index}-${ci}`}
                    col={c}
                    width={width(c)}
                    pinnedAt={pinnedAt(ci)}
                    value={cellValue(table, c, row, edits)}
                    active={active.row === item.index && active.col === ci}
                    selected={selection.cellSelected(row, c.name) || selection.columnSelected(c.name)}
                    editable={canEdit(c)}
                    editing={editing?.row === row && editing.col === ci}
                    row={row}
                    index={item.index}
                    ci={ci}
                    onEvent={onCellEvent}
                  />
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <p className="caption grid-empty">{query ? 'No rows match the search.' : 'No rows.'}</p>}
    </div>
  );
}

function HeaderCell(props: {
  col: GridCol;
  width: number;
  pinnedAt: number | undefined;
  sort: 'ascending' | 'descending' | undefined;
  selected: boolean;
  onSort: () => void;
  onSelect: (() => void) | undefined;
  onResize: (width: number) => void;
}) {
  const { col, width, sort } = props;
  return (
    <div
      className={`grid-cell grid-head${props.pinnedAt === undefined ? '' : ' grid-pinned'}`}
      style={{ width, left: props.pinnedAt }}
      role="columnheader"
      aria-sort={sort ?? 'none'}
      aria-selected={props.selected || undefined}
      title={col.settings.help}
    >
      <button
        type="button"
        className="grid-head-label"
        onClick={props.onSelect ?? props.onSort}
        data-column={col.name}
        aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
        onKeyDown={(e) => {
          // The keyboard's way to resize: Alt+←/→ on the header.
          if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
          e.preventDefault();
          e.stopPropagation();
          props.onResize(Math.max(40, Math.min(2000, width + (e.key === 'ArrowLeft' ? -16 : 16))));
        }}
      >
        {col.label}
      </button>
      <button
        type="button"
        className={`grid-sort codicon codicon-${sort === 'descending' ? 'arrow-down' : sort === 'ascending' ? 'arrow-up' : 'list-flat'}`}
        tabIndex={props.onSelect ? 0 : -1}
        aria-label={`Sort by ${col.label}`}
        onClick={props.onSort}
      />
      <span
        className="grid-resize"
        aria-hidden="true"
        onPointerDown={(e) => {
          const start = e.clientX;
          const target = e.currentTarget;
          target.setPointerCapture(e.pointerId);
          const onMove = (m: PointerEvent) => props.onResize(Math.max(40, Math.min(2000, width + m.clientX - start)));
          const onUp = () => {
            target.removeEventListener('pointermove', onMove);
            target.removeEventListener('pointerup', onUp);
          };
          target.addEventListener('pointermove', onMove);
          target.addEventListener('pointerup', onUp);
        }}
      />
    </div>
  );
}
