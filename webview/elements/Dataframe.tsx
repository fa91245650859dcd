/**
 * st.dataframe and st.dataEditor: the grid loads on first use (webview/lazy.tsx, webview/grid/); until
 * it has, and if it cannot, the first rows show as a plain table. The table itself comes beside the
 * element (protocol/render.ts `tables`), from the render store.
 */
import { useContext } from 'react';
import type { GridTable } from '../../protocol';
import { lazyElement } from '../lazy';
import { RenderStoreContext } from '../renderStore';
import type { GridElement } from '../grid/DataGrid';
import { baseValue, gridColumns } from '../grid/model';
import type { Send } from './ElementView';

type Props = { element: GridElement; table: GridTable; send: Send };

function PlainRows({ element, table }: Props) {
  const cols = gridColumns(table, element.order, element.columns);
  const rows = Array.from({ length: Math.min(10, table.rowCount) }, (_, r) => r);
  return (
    <div className="table-scroll" data-testid={`el-${element.id}`} data-loading="">
      <table className="table">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.name}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              {cols.map((c) => (
                <td key={c.name}>{String(baseValue(c.data, r) ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="caption">{table.rowCount} rows</p>
    </div>
  );
}

const LazyGrid = lazyElement<Props>(async () => (await import('../grid/DataGrid')).DataGrid, PlainRows);

export function Dataframe({ element, send }: { element: GridElement; send: Send }) {
  const table = useContext(RenderStoreContext).table(element.tableId);
  if (!table) {
    return (
      <p className="alert alert-error" role="alert">
        This table did not arrive.
      </p>
    );
  }
  return <LazyGrid element={element} table={table} send={send} />;
}
