/** Above a grid: search its rows, show or hide columns, and (a dynamic data editor) add and delete rows. */
import { useEffect, useRef, useState } from 'react';
import type { GridCol } from './model';

export function GridToolbar(props: {
  columns: readonly GridCol[];
  hidden: ReadonlySet<string>;
  onHidden: (hidden: ReadonlySet<string>) => void;
  search: string;
  onSearch: (text: string) => void;
  editor: { onAdd: () => void; onDelete: () => void; deletable: number } | undefined;
}) {
  const [searching, setSearching] = useState(false);
  const [menu, setMenu] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (searching) input.current?.focus();
  }, [searching]);
  const toggle = (name: string) => {
    const next = new Set(props.hidden);
    if (!next.delete(name)) next.add(name);
    props.onHidden(next);
  };
  return (
    <div className="grid-toolbar">
      {searching && (
        <input
          ref={input}
          className="grid-search"
          type="search"
          aria-label="Search the table"
          placeholder="Search"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              props.onSearch('');
              setSearching(false);
            }
          }}
        />
      )}
      {props.editor && (
        <>
          <ToolButton icon="add" label="Add row" onClick={props.editor.onAdd} />
          <ToolButton icon="trash" label="Delete selected rows" onClick={props.editor.onDelete} disabled={props.editor.deletable === 0} />
        </>
      )}
      <ToolButton
        icon="search"
        label="Search"
        pressed={searching}
        onClick={() => (searching && props.onSearch(''), setSearching(!searching))}
      />
      <span className="grid-menu-anchor">
        <ToolButton icon="eye" label="Show or hide columns" pressed={menu} onClick={() => setMenu(!menu)} />
        {menu && (
          <div className="grid-menu" role="group" aria-label="Columns" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
            {props.columns.map((c) => (
              <label key={c.name}>
                <input type="checkbox" checked={!props.hidden.has(c.name)} onChange={() => toggle(c.name)} /> {c.label}
              </label>
            ))}
          </div>
        )}
      </span>
    </div>
  );
}

function ToolButton(props: { icon: string; label: string; onClick: () => void; pressed?: boolean; disabled?: boolean }) {
  return (
    <button
      type="button"
      className={`grid-tool codicon codicon-${props.icon}`}
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
    />
  );
}
