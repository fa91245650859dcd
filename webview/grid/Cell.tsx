/** One grid cell, drawn by its column type; in the data editor, an input while it is being edited. */
import { memo, useRef, useState, type KeyboardEvent } from 'react';
import type { CellValue } from '../../protocol';
import { progressFraction } from './format';
import { cellText, dateMs, type GridCol } from './model';

interface CellProps {
  id: string;
  col: GridCol;
  width: number;
  /** Pinned: its distance from the grid's left edge, where it stays. */
  pinnedAt: number | undefined;
  value: CellValue;
  active: boolean;
  selected: boolean;
  editable: boolean;
  editing: boolean;
  /** The cell's data row, its place in the shown rows, and its column's: what `onEvent` gets. */
  row: number;
  index: number;
  ci: number;
  onEvent: CellEvent;
}

/** A click, a request to edit (double-click), or an edit's end (`value` undefined: cancelled). */
export type CellEvent = (what: 'click' | 'edit' | 'commit', row: number, index: number, ci: number, value?: CellValue) => void;

export const Cell = memo(function Cell(props: CellProps) {
  const { col, value } = props;
  return (
    <div
      id={props.id}
      className={props.pinnedAt === undefined ? 'grid-cell' : 'grid-cell grid-pinned'}
      role="gridcell"
      style={{ width: props.width, left: props.pinnedAt }}
      data-type={col.type}
      data-active={props.active || undefined}
      aria-selected={props.selected || undefined}
      aria-readonly={!props.editable || undefined}
      onClick={() => props.onEvent('click', props.row, props.index, props.ci)}
      onDoubleClick={() => props.onEvent('edit', props.row, props.index, props.ci)}
    >
      {props.editing ? (
        <CellEditor col={col} value={value} onCommit={(v) => props.onEvent('commit', props.row, props.index, props.ci, v)} />
      ) : (
        <CellContent col={col} value={value} />
      )}
    </div>
  );
});

function CellContent({ col, value }: { col: GridCol; value: CellValue }) {
  if (value === null) return null;
  const text = cellText(col, value);
  switch (col.type) {
    case 'checkbox':
      return <span className={`codicon codicon-${value === true ? 'pass-filled' : 'circle-large'}`} role="img" aria-label={text} />;
    case 'progress': {
      const fraction = progressFraction(Number(value), col.settings.minValue, col.settings.maxValue);
      return (
        <span className="grid-progress">
          <span className="grid-progress-bar" style={{ width: `${fraction * 100}%` }} />
          <span className="grid-progress-text">{text}</span>
        </span>
      );
    }
    case 'link':
      return /^(https?:|mailto:)/i.test(String(value)) ? (
        <a href={String(value)} onClick={(e) => e.stopPropagation()}>
          {text}
        </a>
      ) : (
        text
      );
    case 'image':
      return /^data:image\//.test(String(value)) ? <img className="grid-image" src={String(value)} alt="" /> : text;
    default:
      return text;
  }
}

/** A text input for text, numbers and dates, a select for a selectbox column; Enter or leaving commits, Escape cancels. */
function CellEditor({ col, value, onCommit }: { col: GridCol; value: CellValue; onCommit: (v: CellValue | undefined) => void }) {
  const initial =
    col.type === 'date' || col.type === 'datetime'
      ? Number.isNaN(dateMs(value))
        ? ''
        : new Date(dateMs(value)).toISOString().slice(0, col.type === 'date' ? 10 : 19)
      : value === null
        ? ''
        : String(value);
  const [draft, setDraft] = useState(initial);
  const done = useRef(false); // Enter commits, then the blur as the input goes: once
  const commit = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    if (!keep) return onCommit(undefined);
    // What the column refuses (empty when required, a number out of its range) leaves the cell as it was.
    if (draft.trim() === '' && col.settings.required) return onCommit(undefined);
    if (col.type === 'number' || col.type === 'progress') {
      const n = Number(draft);
      const { minValue = -Infinity, maxValue = Infinity } = col.settings;
      return onCommit(draft.trim() === '' ? null : Number.isFinite(n) && n >= minValue && n <= maxValue ? n : undefined);
    }
    if (col.type === 'date' || col.type === 'datetime') return onCommit(draft === '' ? null : draft);
    onCommit(draft === '' && value === null ? null : draft.slice(0, col.settings.maxChars ?? 10_000));
  };
  const common = {
    autoFocus: true,
    className: 'grid-input',
    'aria-label': col.label,
    onBlur: () => commit(true),
    onKeyDown: (e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Enter') commit(true);
      else if (e.key === 'Escape') commit(false);
    },
  };
  if (col.type === 'selectbox') {
    return (
      <select {...common} value={draft} onChange={(e) => setDraft(e.target.value)}>
        <option value="" />
        {(col.settings.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  const type =
    col.type === 'number' || col.type === 'progress'
      ? 'number'
      : col.type === 'date'
        ? 'date'
        : col.type === 'datetime'
          ? 'datetime-local'
          : 'text';
  return (
    <input
      {...common}
      type={type}
      value={draft}
      min={col.settings.minValue}
      max={col.settings.maxValue}
      step={col.settings.step ?? (type === 'number' ? 'any' : undefined)}
      maxLength={col.settings.maxChars}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}
