/**
 * A dataframe's selection as Streamlit keeps it (`{ selection: { rows, columns, cells } }`, rows as
 * positions in the app's data), per the modes the app allowed: single ones replace, multi ones toggle.
 * Shown at once; each change goes to the host, whose value replaces it when it comes back.
 */
import { useEffect, useState } from 'react';
import { emptySelection, type DataframeSelection, type SelectionMode } from '../../protocol';
import type { Send } from '../elements/ElementView';
import type { GridElement } from './DataGrid';

const modeOf = (modes: readonly SelectionMode[], what: 'row' | 'column' | 'cell'): 'single' | 'multi' | undefined =>
  modes.includes(`multi-${what}`) ? 'multi' : modes.includes(`single-${what}`) ? 'single' : undefined;

function toggled<T>(list: readonly T[], item: T, mode: 'single' | 'multi', same: (a: T, b: T) => boolean): T[] {
  const has = list.some((x) => same(x, item));
  if (mode === 'single') return has ? [] : [item];
  return has ? list.filter((x) => !same(x, item)) : [...list, item];
}

export function useSelection(element: GridElement, send: Send) {
  const modes = element.kind === 'dataframe' ? element.selectionModes : [];
  const host = element.kind === 'dataframe' ? (element.value ?? emptySelection()) : emptySelection();
  const hostJson = JSON.stringify(host);
  const [value, setValue] = useState<DataframeSelection>(host);
  useEffect(() => setValue(JSON.parse(hostJson) as DataframeSelection), [hostJson]);
  const rowMode = modeOf(modes, 'row');
  const columnMode = modeOf(modes, 'column');
  const cellMode = modeOf(modes, 'cell');
  const change = (next: DataframeSelection['selection']) => {
    const sorted = { ...next, rows: [...next.rows].sort((a, b) => a - b) };
    setValue({ selection: sorted });
    send(element.id, { selection: sorted });
  };
  const rows = new Set(value.selection.rows);
  const columns = new Set(value.selection.columns);
  const cells = new Set(value.selection.cells.map(([r, c]) => `${r}\0${c}`));
  return {
    rowMode,
    columnMode,
    cellMode,
    rowSelected: (row: number) => rows.has(row),
    columnSelected: (name: string) => columns.has(name),
    cellSelected: (row: number, name: string) => cells.has(`${row}\0${name}`),
    toggleRow: (row: number) =>
      rowMode && change({ ...value.selection, rows: toggled(value.selection.rows, row, rowMode, (a, b) => a === b) }),
    toggleColumn: (name: string) =>
      columnMode && change({ ...value.selection, columns: toggled(value.selection.columns, name, columnMode, (a, b) => a === b) }),
    toggleCell: (row: number, name: string) =>
      cellMode &&
      change({
        ...value.selection,
        cells: toggled(value.selection.cells, [row, name], cellMode, (a, b) => a[0] === b[0] && a[1] === b[1]),
      }),
  };
}
