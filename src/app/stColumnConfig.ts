/**
 * `st.columnConfig`: Streamlit's st.column_config column types as functions that return the settings
 * a `columnConfig` entry takes (`{ type, label, … }`); writing the object by hand is the same.
 */
import type { ColumnSettings, ColumnType } from '../../protocol';

type Common = Pick<ColumnSettings, 'width' | 'help' | 'disabled' | 'required' | 'pinned'>;
type Settings<K extends keyof ColumnSettings = never> = Common & Pick<ColumnSettings, K>;
export type ColumnSpec = Omit<ColumnSettings, 'type'> & { type?: ColumnType };

const column =
  <K extends keyof ColumnSettings = never>(type: ColumnType) =>
  (label?: string, settings: Settings<K> = {} as Settings<K>): ColumnSpec => ({
    ...settings,
    type,
    ...(label !== undefined ? { label } : {}),
  });

export const columnConfig = {
  /** Any column: label, width, help, disabled… (its type from the data). */
  Column: (label?: string, settings: Common = {}): ColumnSpec => ({ ...settings, ...(label !== undefined ? { label } : {}) }),
  TextColumn: column<'maxChars'>('text'),
  /** `format`: printf-style ("%.2f", "$%d", "%.1f%%") or "plain", "localized", "percent", "dollar", "euro", "compact", "scientific". */
  NumberColumn: column<'format' | 'minValue' | 'maxValue' | 'step'>('number'),
  CheckboxColumn: column('checkbox'),
  /** `format`: tokens YYYY, MM, DD, MMM, D (default "YYYY-MM-DD"). */
  DateColumn: column<'format'>('date'),
  /** `format`: tokens YYYY, MM, DD, MMM, D, HH, mm, ss (default "YYYY-MM-DD HH:mm:ss"). */
  DatetimeColumn: column<'format'>('datetime'),
  /** Cells are URLs; `displayText` is shown instead of the URL. Links open outside VS Code after its confirmation. */
  LinkColumn: column<'displayText'>('link'),
  /** A bar from `minValue` (0) to `maxValue` (1 or 100 with a "%" format). */
  ProgressColumn: column<'format' | 'minValue' | 'maxValue'>('progress'),
  /** Cells are data: URLs of images (the view loads nothing from the network). */
  ImageColumn: column('image'),
  /** In the data editor: a choice of `options`. */
  SelectboxColumn: column<'options'>('selectbox'),
} as const;
