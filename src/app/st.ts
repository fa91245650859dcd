/**
 * The `st` object an app receives: it declares elements in order and returns widget values, like
 * Streamlit's API. One `St` per container of a run; containers (expander, tabs, columns) are child
 * `St`s declaring into their own lists, built into one element tree when the run completes.
 */
import { randomUUID } from 'node:crypto';
import {
  Color,
  DataframeSelection,
  EditorState,
  emptyEdits,
  emptySelection,
  IsoDate,
  SelectionMode,
  IsoTime,
  UploadedFiles,
  type FormUploadDraft,
  type ApiCallResult,
  type ApiRoute,
  type Element,
  type FormDefaults,
  type LeafElement,
  type StatusState,
  type WidgetKind,
} from '../../protocol';
import type { ComponentSource } from '../components/componentSources';
import type { ComponentEvent } from './componentEvents';
import {
  mountResult,
  unkeyedIdentity,
  type Callbacks,
  type ComponentV2Definition,
  type MountOptions,
  type MountResult,
  type SourceRef,
} from './componentsV2';
import type { CacheOptions, CachedFunction } from './appCache';
import type { EditorContext } from './editorContext';
import type { Run } from './run';
import { jsonText } from './jsonText';
import {
  callbackContext,
  flowErrors,
  fragmentKey,
  KeyedRerun,
  notInForm,
  ownerKey,
  runEveryMs,
  UNBATCHED,
  type FlowScope,
  type FormScope,
} from './flow';
import {
  exceptionParts,
  imageDataUrl,
  MAX_IMAGE_BYTES,
  metricDelta,
  metricText,
  paletteColour,
  toastDurationMs,
  writeSteps,
  type DeltaArrow,
  type DeltaColor,
  type PaletteColour,
} from './stContent';
import { columnSettings, editedData, gridTable, readColumns, type ColumnConfigInput, type DataInput } from './stData';
import { componentResult, v1Args, v2Data, type StoredComponentValue } from './componentData';
import { columnConfig } from './stColumnConfig';
import {
  builtinChartElement,
  vegaLiteChartElement,
  type AreaChartOptions,
  type BarChartOptions,
  type ChartKind,
  type ChartOptions,
  type ScatterChartOptions,
  type VegaLiteChartOptions,
} from './stCharts';
import { DEFAULT_UPLOAD_BYTES, LINK_SCHEMES, MAX_DOWNLOAD_BYTES, MAX_UPLOAD_BYTES, uploadExtensions } from './hostWidgets';
import { imageUrl } from './imageFetcher';
import { chatAvatar, chatMaxChars, closedDialog, dialogState, dialogWidth, openedDialog } from './stLayout';
import { errorMessage } from '../util/errors';

export class DuplicateWidgetError extends Error {}
/** Thrown by `st.rerun()`: stop this run and start another. */
export class RerunRequest extends Error {
  /** `fragment`: st.rerun({ scope: 'fragment' }) in a rerun of that fragment. */
  constructor(readonly fragment?: string) {
    super('st.rerun() was called');
  }
}
/** Thrown by `st.stop()`: the run ends there, as a completed run. */
export class StopRequest extends Error {
  constructor() {
    super('st.stop() was called');
  }
}
/** Thrown at the next `st` call of a run that a newer rerun has superseded. */
export class RunSuperseded extends Error {}

export interface WidgetOptions {
  /** Explicit identity; otherwise kind + label + container position. */
  key?: string;
  disabled?: boolean;
}
/** A widget callback: runs before the rerun the widget's change causes, with session state already holding the new value. */
export type WidgetCallback = () => void;
/** Streamlit's `on_change`: once per change of the widget's value (in a form, on the submit that sends it). */
export interface OnChange {
  onChange?: WidgetCallback;
}
/** Streamlit's `on_click`: once per click. */
export interface OnClick {
  onClick?: WidgetCallback;
}
/** Streamlit's `on_submit` (st.chat_input): once per text sent. */
export interface OnSubmit {
  onSubmit?: WidgetCallback;
}

/** Who is signed in, as an app sees it: never a token. */
export interface AuthState {
  signedIn: boolean;
  /** Signed in and the access token has not expired. */
  valid: boolean;
  user?: { name: string; email: string };
  /** When the access token expires (ms since the epoch). */
  expiresAt?: number;
  /** The embedded development identity provider, not an Auth0 tenant. */
  development: boolean;
  /** Starts the sign-in flow (the browser opens); the app reruns when it completes. */
  signIn(): void;
  signOut(): void;
}

/** A file from st.fileUploader: picked in VS Code's open dialog and read by the host. */
export interface UploadedFile {
  name: string;
  /** The MIME type from the file name ('application/octet-stream' when unknown). */
  type: string;
  size: number;
  bytes: Uint8Array;
}

/** How many options a st.feedback of each kind has. */
const FEEDBACK_OPTIONS = { thumbs: 2, faces: 5, stars: 5 } as const;

/** Mounts one instance of a registered v2 component in the container it was registered on. */
export type ComponentV2<S extends Record<string, unknown> = Record<string, unknown>> = (options?: MountOptions<S>) => MountResult<S>;

export type App = (st: St) => unknown;

/** A declared leaf, or a container that builds its element from its children's (as often as the run streams). */
type Declared = LeafElement | (() => Element);

export interface ImageOptions {
  caption?: string;
  width?: number;
  alt?: string;
}

export interface DialogOptions {
  /** Identity; otherwise the title (two dialogs with one title need keys). */
  key?: string;
  /** "small" (the default, 500 px), "medium" (750 px) or "large" (1280 px), at most the view's width. */
  width?: 'small' | 'medium' | 'large';
  /** Escape, the close button and a click outside close it (default true). */
  dismissible?: boolean;
}

/** What `st.dialog` returns: call it to open the dialog (with the arguments its body gets). */
export type Dialog<A extends unknown[]> = ((...args: A) => void) & {
  /** Closes it and reruns the app (this run stops here, as with st.rerun()). */
  close(): never;
  /** Whether it is shown in this run. */
  readonly isOpen: boolean;
};

/** What `st.progress` returns: call `progress` again to move the same bar. */
export interface ProgressBar {
  progress(value: number, text?: string): void;
}

/** What `st.writeStream` accepts: chunks of text (other values are written as JSON). */
export type WriteStreamSource = AsyncIterable<unknown> | Iterable<unknown> | (() => AsyncIterable<unknown> | Iterable<unknown>);

export class St {
  private readonly declared: Declared[] = [];

  /**
   * `single`: a placeholder (`st.empty()`), where each element declared replaces the one before,
   * so an app can overwrite it in a loop.
   */
  constructor(
    protected readonly run: Run,
    private readonly path = '',
    private readonly single = false,
    /** The form and fragment this container is in: its child containers are too. */
    protected readonly scope: FlowScope = {},
  ) {}

  /** This container's elements as plain data (containers with their children). */
  build(): Element[] {
    return this.declared.map((d) => (typeof d === 'function' ? d() : d));
  }

  /** The app's own values: they survive reruns, hiding the view and window reloads. */
  get sessionState(): Record<string, unknown> {
    // A widget callback runs between runs, with the st of the run that declared it: the current state.
    const inCallback = callbackContext.active;
    if (inCallback) return inCallback.sessionState;
    this.checkpoint();
    return this.run.inputs.user;
  }

  /** The active editor (file, language, selection…); reading it makes the app rerun when it changes. */
  get editor(): EditorContext | undefined {
    this.checkpoint();
    this.run.record.dependencies.add('editor');
    return this.run.services.editor();
  }

  /** Who is signed in (never a token); reading it makes the app rerun on sign-in, sign-out and expiry. */
  get auth(): AuthState {
    this.checkpoint();
    this.run.record.dependencies.add('auth');
    const host = this.run.services.host;
    const info = host.sessionInfo();
    return {
      signedIn: info.signedIn,
      valid: info.signedIn && (info.expiresAt === undefined || info.expiresAt > Date.now()),
      ...(info.account ? { user: { ...info.account } } : {}),
      ...(info.expiresAt !== undefined ? { expiresAt: info.expiresAt } : {}),
      development: info.development,
      // The host tells the user when sign-in fails; the app reruns when the session changes.
      signIn: () => void host.signIn().catch(() => undefined),
      signOut: () => void host.signOut().catch(() => undefined),
    };
  }

  /** The local API server, called by the host (which adds the access token to protected routes). */
  get api(): { call(route: ApiRoute): Promise<ApiCallResult> } {
    this.checkpoint();
    const host = this.run.services.host;
    return { call: (route) => host.callApi(route) };
  }

  /** Events components sent through the notifier, newest first (bounded); new ones rerun an app that reads them. */
  get componentEvents(): readonly ComponentEvent[] {
    this.checkpoint();
    this.run.record.dependencies.add('componentEvents');
    return this.run.services.componentEvents();
  }

  /**
   * Stops this run and starts another: of the whole app, or (`scope: 'fragment'`, in a fragment's
   * rerun) of the fragment. In a widget callback, a fragment key or keys (st.fragment's `key`) rerun
   * those fragments alone in place of what the event would rerun.
   */
  rerun(options: { scope?: 'app' | 'fragment' | string | number | readonly (string | number)[] } = {}): never {
    const scope = options.scope ?? 'app';
    if (scope === 'app') throw new RerunRequest();
    if (scope === 'fragment') {
      if (!this.scope.fragment || this.run.fragment === undefined) throw new Error(flowErrors.fragmentScope);
      throw new RerunRequest(this.run.fragment);
    }
    const active = callbackContext.active;
    if (!active) throw new Error(flowErrors.keyedOutsideCallback);
    const keys = (Array.isArray(scope) ? scope : [scope]).map((k) => String(k));
    if (keys.length === 0) throw new Error(flowErrors.emptyScope);
    throw new KeyedRerun([...new Set(keys.flatMap((key) => active.fragmentsByKey(key)))]);
  }

  /** Ends this run here as a completed run: what was declared so far is shown, without an error. */
  stop(): never {
    this.checkpoint();
    throw new StopRequest();
  }

  /**
   * `fn` memoised by its arguments, for the app's session across reruns: each call returns a copy
   * of the cached value. Options: `ttl` (seconds or "5m"), `maxEntries` (LRU), `key`, `hashArgs`.
   */
  cacheData<A extends unknown[], R>(fn: (...args: A) => R, options?: CacheOptions<A>): CachedFunction<A, R> {
    this.checkpoint();
    return this.run.services.cache.wrap('data', fn, options);
  }

  /** Like cacheData, but every call returns the same cached object (connections, clients, models). */
  cacheResource<A extends unknown[], R>(fn: (...args: A) => R, options?: CacheOptions<A>): CachedFunction<A, R> {
    this.checkpoint();
    return this.run.services.cache.wrap('resource', fn, options);
  }

  title(text: string): void {
    this.add({ kind: 'title', id: this.nextId(), text: String(text) });
  }
  header(text: string): void {
    this.add({ kind: 'header', id: this.nextId(), text: String(text) });
  }
  subheader(text: string): void {
    this.add({ kind: 'subheader', id: this.nextId(), text: String(text) });
  }
  /** Markdown (CommonMark + GitHub tables, task lists, strikethrough; `:red[…]` colours); HTML is shown as text, never run. */
  markdown(text: string): void {
    this.add({ kind: 'markdown', id: this.nextId(), text: String(text) });
  }
  text(text: string): void {
    this.add({ kind: 'text', id: this.nextId(), text: String(text) });
  }
  caption(text: string): void {
    this.add({ kind: 'caption', id: this.nextId(), text: String(text) });
  }
  /** A code block, highlighted when `language` is one the view knows (see docs/app-api.md), with a copy button. */
  code(code: string, options: { language?: string; lineNumbers?: boolean; wrapLines?: boolean } = {}): void {
    this.add({
      kind: 'code',
      id: this.nextId(),
      code: String(code),
      ...(options.language ? { language: String(options.language).slice(0, 50) } : {}),
      ...(options.lineNumbers ? { lineNumbers: true } : {}),
      ...(options.wrapLines ? { wrapLines: true } : {}),
    });
  }
  json(value: unknown): void {
    this.add({ kind: 'json', id: this.nextId(), json: jsonText(value) ?? 'undefined' });
  }
  divider(): void {
    this.add({ kind: 'divider', id: this.nextId() });
  }
  info(text: string): void {
    this.add({ kind: 'alert', id: this.nextId(), level: 'info', text: String(text) });
  }
  success(text: string): void {
    this.add({ kind: 'alert', id: this.nextId(), level: 'success', text: String(text) });
  }
  warning(text: string): void {
    this.add({ kind: 'alert', id: this.nextId(), level: 'warning', text: String(text) });
  }
  error(text: string): void {
    this.add({ kind: 'alert', id: this.nextId(), level: 'error', text: String(text) });
  }
  /** A progress bar (0…1); move it with the returned bar's `progress`, e.g. from a loop. */
  progress(value: number, text?: string): ProgressBar {
    const id = this.nextId();
    const element = (v: number, t?: string): LeafElement => ({
      kind: 'progress',
      id,
      value: Math.min(1, Math.max(0, Number(v) || 0)),
      ...(t ? { text: String(t) } : {}),
    });
    const declared = element(value, text);
    this.add(declared);
    let current: Declared = declared;
    return {
      progress: (v, t) => {
        current = this.replace(current, element(v, t));
      },
    };
  }

  /**
   * Writes a stream of text as it arrives (an async iterable or generator of chunks, e.g. tokens of
   * an answer) and returns the whole text once it ends. Chunks that are not text are written as
   * JSON; then the result is the list of what was written, text runs joined.
   */
  async writeStream(source: WriteStreamSource): Promise<string | unknown[]> {
    const stream = typeof source === 'function' ? source() : source;
    const written: unknown[] = [];
    let text: { declared: Declared; value: string } | undefined;
    for await (const chunk of stream as AsyncIterable<unknown>) {
      this.checkpoint();
      if (typeof chunk === 'string') {
        if (!text) {
          const declared: LeafElement = { kind: 'markdown', id: this.nextId(), text: chunk };
          this.add(declared);
          text = { declared, value: chunk };
          written.push(chunk);
        } else {
          text.value += chunk;
          written[written.length - 1] = text.value;
          text.declared = this.replace(text.declared, { kind: 'markdown', id: (text.declared as LeafElement).id, text: text.value });
        }
      } else {
        text = undefined;
        this.json(chunk);
        written.push(chunk);
      }
    }
    return written.every((w) => typeof w === 'string') ? written.join('') : written;
  }
  /** Rows as objects (columns from their keys) or as arrays (with `columns`). */
  table(rows: readonly (Record<string, unknown> | readonly unknown[])[], options: { columns?: string[] } = {}): void {
    const columns = options.columns ?? [...new Set(rows.flatMap((r) => (Array.isArray(r) ? [] : Object.keys(r))))];
    const cell = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
    const body = rows.map((r) => (Array.isArray(r) ? r.map(cell) : columns.map((c) => cell((r as Record<string, unknown>)[c]))));
    this.add({ kind: 'table', id: this.nextId(), columns, rows: body });
  }

  /** Streamlit's st.column_config: `st.columnConfig.NumberColumn('Price', { format: '$%.2f' })` and the other column types. */
  readonly columnConfig = columnConfig;

  /**
   * A virtualised grid of `data` (row objects, an object of columns, or an apache-arrow Table): sort,
   * resize, hide and search in the view. With `onSelect: 'rerun'` it is a widget: selecting reruns the
   * app, and it returns Streamlit's `{ selection: { rows, columns, cells } }` (rows: positions in `data`).
   */
  dataframe(data: DataInput, options: DataframeOptions = {}): DataframeSelection | undefined {
    const method = 'st.dataframe';
    if (options.onSelect !== undefined && options.onSelect !== 'ignore' && options.onSelect !== 'rerun') {
      throw new Error(`${method}: onSelect is "ignore" or "rerun"`);
    }
    const modes: unknown[] = options.onSelect === 'rerun' ? [options.selectionMode ?? 'multi-row'].flat() : [];
    const valid = (m: unknown): m is SelectionMode => SelectionMode.safeParse(m).success;
    if (!modes.every(valid)) throw new Error(`${method}: selectionMode is one or more of ${SelectionMode.options.join(', ')}`);
    const grid = this.grid(method, data, options);
    if (modes.length === 0) {
      this.add({ kind: 'dataframe', id: this.nextId(), ...grid.element, selectionModes: [] });
      return undefined;
    }
    const id = this.widgetId('dataframe', String(this.declared.length), { key: options.key });
    const value = this.value(id, emptySelection(), (v): v is DataframeSelection => DataframeSelection.safeParse(v).success);
    if (options.key !== undefined) this.run.inputs.user[options.key] = value;
    this.add({ kind: 'dataframe', id, ...grid.element, selectionModes: modes.filter(valid), value });
    return value;
  }

  /**
   * An editable grid: edited cells, added and deleted rows (with `numRows: 'dynamic'`) are widget state
   * (`editedRows`, `addedRows`, `deletedRows`; also in `st.sessionState[key]`); returns the data with the
   * changes, in the shape it came in.
   */
  dataEditor<T extends DataInput>(data: T, options: DataEditorOptions = {}): T {
    const method = 'st.dataEditor';
    const grid = this.grid(method, data, options);
    const id = this.widgetId('data_editor', String(this.declared.length), options);
    const stored = EditorState.safeParse(this.run.inputs.widgets[id]);
    const rows = grid.table.rowCount;
    const dynamic = options.numRows === 'dynamic';
    // Edits of rows the data no longer has are dropped (the data changed under them).
    const value: EditorState = stored.success
      ? {
          editedRows: Object.fromEntries(Object.entries(stored.data.editedRows).filter(([row]) => Number(row) < rows)),
          addedRows: dynamic ? stored.data.addedRows : [],
          deletedRows: dynamic ? stored.data.deletedRows.filter((r) => r < rows) : [],
        }
      : emptyEdits();
    this.run.inputs.widgets[id] = value;
    if (options.key !== undefined) this.run.inputs.user[options.key] = value;
    const locked = Array.isArray(options.disabled) ? options.disabled.map(String) : [];
    const columns = { ...grid.element.columns };
    for (const name of locked) columns[name] = { ...columns[name], disabled: true };
    this.add({ kind: 'data_editor', id, ...grid.element, columns, dynamicRows: dynamic, disabled: options.disabled === true, value });
    return editedData(data, grid.columns, grid.table, value) as T;
  }

  /** Charts as Streamlit's (src/app/stCharts.ts): data as rows or columns; x defaults to the row index, y to the other columns. */
  lineChart(data: unknown, options: ChartOptions = {}): void {
    this.chart('line', data, options);
  }
  /** Bars; `horizontal`, `stack` (true, false: side by side, "layered", "normalize", "center") and `sort` as Streamlit's. */
  barChart(data: unknown, options: BarChartOptions = {}): void {
    this.chart('bar', data, options);
  }
  /** Areas, stacked as Vega-Lite does unless `stack` says otherwise. */
  areaChart(data: unknown, options: AreaChartOptions = {}): void {
    this.chart('area', data, options);
  }
  /** Points; `size` is a column or the points' area in pixels (default 100). */
  scatterChart(data: unknown, options: ScatterChartOptions = {}): void {
    this.chart('scatter', data, options);
  }
  /** A Vega-Lite spec drawn as is (in VS Code's colours unless `theme: null`); `data` (rows or columns) becomes its `data`. */
  vegaLiteChart(spec: Record<string, unknown>, options: VegaLiteChartOptions = {}): void {
    this.checkpoint();
    this.add({ id: this.nextId(), ...vegaLiteChartElement(spec, options) });
  }
  private chart(kind: ChartKind, data: unknown, options: ChartOptions): void {
    this.checkpoint();
    this.add({ id: this.nextId(), ...builtinChartElement(kind, data, options) });
  }

  /** A figure with its label and, below it, how it changed (`delta`), coloured as Streamlit's `st.metric`. */
  metric(
    label: string,
    value: number | string | null | undefined,
    options: { delta?: number | string | null; deltaColor?: DeltaColor; deltaArrow?: DeltaArrow; border?: boolean; help?: string } = {},
  ): void {
    this.add({
      kind: 'metric',
      id: this.nextId(),
      label: String(label),
      value: metricText(value),
      ...metricDelta(options.delta, options.deltaColor, options.deltaArrow),
      border: Boolean(options.border),
      ...(options.help ? { help: String(options.help) } : {}),
    });
  }
  /** A small coloured label (Streamlit's default colour is blue). */
  badge(text: string, options: { color?: PaletteColour | 'grey'; icon?: string } = {}): void {
    this.add({
      kind: 'badge',
      id: this.nextId(),
      text: String(text),
      color: paletteColour(options.color, 'blue', 'st.badge color'),
      ...(options.icon ? { icon: String(options.icon).slice(0, 20) } : {}),
    });
  }
  /**
   * An image: bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`), the path of a workspace file (relative to
   * the first folder; trusted workspace only), a base64 `data:` URL, or an http(s) URL, which the host
   * fetches (the view fetches nothing; the run waits for it). PNG, JPEG, GIF, WebP or SVG, at most 2 MB.
   */
  image(image: string | Uint8Array | ArrayBuffer, options: ImageOptions = {}): void {
    this.checkpoint();
    const width = options.width === undefined ? undefined : Math.round(Number(options.width));
    if (width !== undefined && !(width > 0 && width <= 10_000)) {
      throw new Error('st.image width must be a number of pixels from 1 to 10000');
    }
    const shown = (id: string, bytes: Uint8Array, what: string): LeafElement => ({
      kind: 'image',
      id,
      src: imageDataUrl(bytes, what),
      alt: String(options.alt ?? options.caption ?? '').slice(0, 1000),
      ...(options.caption ? { caption: String(options.caption).slice(0, 1000) } : {}),
      ...(width !== undefined ? { width } : {}),
    });
    if (typeof image === 'string' && /^[a-z][a-z0-9+.-]+:/i.test(image)) return this.imageFromUrl(image, shown);
    let bytes: Uint8Array;
    let what: string;
    if (typeof image === 'string') {
      bytes = this.run.services.readWorkspaceFile(image, MAX_IMAGE_BYTES);
      what = image;
    } else if (image instanceof Uint8Array || image instanceof ArrayBuffer) {
      bytes = image instanceof ArrayBuffer ? new Uint8Array(image) : image;
      what = 'the bytes';
    } else {
      throw new Error('st.image takes bytes (Uint8Array, Buffer, ArrayBuffer), the path of a workspace file or an http(s) URL');
    }
    this.add(shown(this.nextId(), bytes, what));
  }
  /** A URL's image: a spinner in its place while the host fetches, then the image, or an error element saying why not. */
  private imageFromUrl(text: string, shown: (id: string, bytes: Uint8Array, what: string) => LeafElement): void {
    const id = this.nextId();
    const data = /^data:[^,;]*;base64,([A-Za-z0-9+/=]*)$/i.exec(text);
    if (data) {
      try {
        return this.add(shown(id, Buffer.from(data[1]!, 'base64'), 'the data: URL'));
      } catch (err) {
        return this.add({ kind: 'error', id, message: errorMessage(err) });
      }
    }
    let url: URL;
    try {
      url = imageUrl(text);
    } catch (err) {
      return this.add({ kind: 'error', id, message: errorMessage(err) });
    }
    let current: Declared = { kind: 'spinner', id, text: `Loading ${url.href.slice(0, 200)}` };
    this.add(current);
    const element = this.run.services.images
      .get(url)
      .then((bytes) => shown(id, bytes, url.href.slice(0, 200))) // throws for what is not an image
      .catch((err: unknown): LeafElement => ({ kind: 'error', id, message: errorMessage(err).slice(0, 10_000) }));
    this.run.wait(
      element.then((shownElement) => {
        if (!this.run.inputs.superseded()) current = this.replace(current, shownElement);
      }),
    );
  }
  /** A thrown value shown as Streamlit's `st.exception` shows it: `Name: message` and the stack. */
  exception(err: unknown): void {
    this.add({ kind: 'error', id: this.nextId(), ...exceptionParts(err) });
  }
  /**
   * A short message in the corner of the view that goes away by itself (`duration`: "short" 4 s,
   * "long" 10 s, "infinite", or seconds). Each call shows once; a render shown again (the view hidden
   * and shown, a reload) does not show it again.
   */
  toast(text: string, options: { icon?: string; duration?: 'short' | 'long' | 'infinite' | number } = {}): void {
    this.add({
      kind: 'toast',
      id: this.nextId(),
      toastId: randomUUID(),
      text: String(text),
      durationMs: toastDurationMs(options.duration),
      ...(options.icon ? { icon: String(options.icon).slice(0, 20) } : {}),
    });
  }
  /**
   * Streamlit's `st.write`: each value shown by its type. Strings are Markdown; an Error an exception;
   * an array of plain objects a table; arrays, objects, Maps, Sets and bytes JSON; numbers, booleans and
   * the rest their text as code. Consecutive strings and such texts join into one Markdown element.
   */
  write(...values: unknown[]): void {
    this.checkpoint();
    for (const step of writeSteps(values)) {
      if (step.call === 'markdown') this.markdown(step.text);
      else if (step.call === 'exception') this.exception(step.error);
      else if (step.call === 'table') this.table(step.rows);
      else this.json(step.value);
    }
  }

  /** True only in the run caused by the click; never replayed by later reruns. */
  button(label: string, options: WidgetOptions & OnClick = {}): boolean {
    const id = this.widgetId('button', label, options);
    this.add({ kind: 'button', id, label, disabled: Boolean(options.disabled) });
    return this.run.inputs.triggers.has(id);
  }
  checkbox(label: string, options: WidgetOptions & OnChange & { value?: boolean } = {}): boolean {
    return this.boolean('checkbox', label, options);
  }
  toggle(label: string, options: WidgetOptions & OnChange & { value?: boolean } = {}): boolean {
    return this.boolean('toggle', label, options);
  }
  textInput(label: string, options: WidgetOptions & OnChange & { value?: string; placeholder?: string } = {}): string {
    const id = this.widgetId('text_input', label, options);
    const value = this.value(id, options.value ?? '', (v): v is string => typeof v === 'string');
    this.add({
      kind: 'text_input',
      id,
      label,
      value,
      disabled: Boolean(options.disabled),
      ...(options.placeholder ? { placeholder: options.placeholder } : {}),
    });
    return value;
  }
  numberInput(
    label: string,
    options: WidgetOptions & OnChange & { value?: number; min?: number; max?: number; step?: number } = {},
  ): number {
    const id = this.widgetId('number_input', label, options);
    const value = clamp(this.value(id, options.value ?? options.min ?? 0, isNumber), options.min, options.max);
    this.add({
      kind: 'number_input',
      id,
      label,
      value,
      step: options.step ?? 1,
      disabled: Boolean(options.disabled),
      ...(options.min !== undefined ? { min: options.min } : {}),
      ...(options.max !== undefined ? { max: options.max } : {}),
    });
    return value;
  }
  slider(label: string, options: WidgetOptions & OnChange & { min?: number; max?: number; value?: number; step?: number } = {}): number {
    const min = options.min ?? 0;
    const max = options.max ?? 100;
    const id = this.widgetId('slider', label, options);
    const value = clamp(this.value(id, options.value ?? min, isNumber), min, max);
    this.add({ kind: 'slider', id, label, value, min, max, step: options.step ?? 1, disabled: Boolean(options.disabled) });
    return value;
  }
  selectbox(label: string, options: readonly string[], settings: WidgetOptions & OnChange & { index?: number } = {}): string | undefined {
    return this.choice('select', label, options, settings);
  }
  radio(label: string, options: readonly string[], settings: WidgetOptions & OnChange & { index?: number } = {}): string | undefined {
    return this.choice('radio', label, options, settings);
  }

  /** Options picked, in the order of `options`; `default` are option values. */
  multiselect(
    label: string,
    options: readonly string[],
    settings: WidgetOptions & OnChange & { default?: readonly string[]; maxSelections?: number; placeholder?: string } = {},
  ): string[] {
    const id = this.widgetId('multiselect', label, settings);
    const names = options.map(String);
    const max = settings.maxSelections;
    if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
      throw new Error(`st.multiselect("${label}"): maxSelections is a positive whole number`);
    }
    const initial = optionIndexes('multiselect', label, names, settings.default ?? []);
    if (max !== undefined && initial.length > max) {
      throw new Error(`st.multiselect("${label}"): ${initial.length} defaults, but maxSelections is ${max}`);
    }
    const value = this.value(id, initial, (v): v is number[] => isIndexes(v, names.length) && (max === undefined || v.length <= max));
    this.add({
      kind: 'multiselect',
      id,
      label,
      options: names,
      value,
      disabled: Boolean(settings.disabled),
      ...(max !== undefined ? { maxSelections: max } : {}),
      ...(settings.placeholder ? { placeholder: settings.placeholder } : {}),
    });
    return [...value].sort((a, b) => a - b).map((i) => names[i]!);
  }
  /** Several lines of text, committed when the field loses focus (or Ctrl+Enter). `height` in pixels. */
  textArea(
    label: string,
    options: WidgetOptions & OnChange & { value?: string; height?: number; placeholder?: string; maxChars?: number } = {},
  ): string {
    const id = this.widgetId('text_area', label, options);
    const maxChars = options.maxChars;
    if (maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars > 0 && maxChars <= 100_000)) {
      throw new Error(`st.textArea("${label}"): maxChars is a whole number from 1 to 100000`);
    }
    const fits = (v: unknown): v is string => typeof v === 'string' && (maxChars === undefined || v.length <= maxChars);
    const value = this.value(id, String(options.value ?? '').slice(0, maxChars ?? 100_000), fits);
    const height = options.height === undefined ? undefined : Math.min(10_000, Math.max(68, Math.round(options.height)));
    this.add({
      kind: 'text_area',
      id,
      label,
      value,
      disabled: Boolean(options.disabled),
      ...(height !== undefined ? { height } : {}),
      ...(options.placeholder ? { placeholder: options.placeholder } : {}),
      ...(maxChars !== undefined ? { maxChars } : {}),
    });
    return value;
  }
  /**
   * A date as 'YYYY-MM-DD' (the extension host's local calendar), or undefined when empty. `value`:
   * 'today' (the default), a 'YYYY-MM-DD' string, a Date, or null (empty). `min`/`max` default to ten
   * years either side of it.
   */
  dateInput(
    label: string,
    options: WidgetOptions & OnChange & { value?: string | Date | null; min?: string | Date; max?: string | Date } = {},
  ): string | undefined {
    const id = this.widgetId('date_input', label, options);
    const today = isoDate(new Date());
    const initial =
      options.value === null
        ? null
        : options.value === undefined || options.value === 'today'
          ? today
          : toIsoDate(label, 'value', options.value);
    const anchor = new Date(`${initial ?? today}T00:00:00`);
    const shifted = (years: number) => isoDate(new Date(anchor.getFullYear() + years, anchor.getMonth(), anchor.getDate()));
    const min = options.min !== undefined ? toIsoDate(label, 'min', options.min) : shifted(-10);
    const max = options.max !== undefined ? toIsoDate(label, 'max', options.max) : shifted(10);
    if (min > max) throw new Error(`st.dateInput("${label}"): min ${min} is after max ${max}`);
    const inRange = (v: unknown): v is string | null =>
      v === null || (IsoDate.safeParse(v).success && (v as string) >= min && (v as string) <= max);
    const start = initial === null ? null : initial < min ? min : initial > max ? max : initial;
    const value = this.value(id, start, inRange);
    this.add({ kind: 'date_input', id, label, value, min, max, disabled: Boolean(options.disabled) });
    return value ?? undefined;
  }
  /**
   * A time of day as 'HH:MM' (24-hour), or undefined when empty. `value`: 'now' (the default), an
   * 'HH:MM' string, a Date (its local time) or null; `step` in seconds (60 to 82 800, default 900) is
   * what the arrow keys move by.
   */
  timeInput(label: string, options: WidgetOptions & OnChange & { value?: string | Date | null; step?: number } = {}): string | undefined {
    const id = this.widgetId('time_input', label, options);
    const step = options.step ?? 900;
    if (!Number.isInteger(step) || step < 60 || step > 82_800) {
      throw new Error(`st.timeInput("${label}"): step is whole seconds from 60 to 82800`);
    }
    const v = options.value;
    const initial = v === null ? null : v === undefined || v === 'now' ? isoTime(new Date()) : v instanceof Date ? isoTime(v) : String(v);
    if (initial !== null && !IsoTime.safeParse(initial).success) {
      throw new Error(`st.timeInput("${label}"): value "${initial}" is not a time like "09:30"`);
    }
    const value = this.value(id, initial, (x): x is string | null => x === null || IsoTime.safeParse(x).success);
    this.add({ kind: 'time_input', id, label, value, step, disabled: Boolean(options.disabled) });
    return value ?? undefined;
  }
  /** A colour as '#rrggbb' (lower case); `value` defaults to '#000000' ('#abc' is accepted too). */
  colorPicker(label: string, options: WidgetOptions & OnChange & { value?: string } = {}): string {
    const id = this.widgetId('color_picker', label, options);
    const initial = normalColor(options.value ?? '#000000');
    if (!initial) throw new Error(`st.colorPicker("${label}"): value "${String(options.value)}" is not a colour like "#1e90ff"`);
    const value = this.value(id, initial, (x): x is string => Color.safeParse(x).success);
    this.add({ kind: 'color_picker', id, label, value, disabled: Boolean(options.disabled) });
    return value;
  }
  /** A slider over options: one option, or a range [from, to] when `value` is a pair. */
  selectSlider(label: string, options: readonly string[], settings?: WidgetOptions & OnChange & { value?: string }): string;
  selectSlider(
    label: string,
    options: readonly string[],
    settings: WidgetOptions & OnChange & { value: readonly [string, string] },
  ): [string, string];
  selectSlider(
    label: string,
    options: readonly string[],
    settings: WidgetOptions & OnChange & { value?: string | readonly [string, string] } = {},
  ): string | [string, string] {
    const id = this.widgetId('select_slider', label, settings);
    const names = options.map(String);
    if (names.length === 0) throw new Error(`st.selectSlider("${label}"): give it at least one option`);
    const range = Array.isArray(settings.value);
    const initial: number | [number, number] = range
      ? (optionIndexes('selectSlider', label, names, settings.value as readonly string[], true).sort((a, b) => a - b) as [number, number])
      : settings.value === undefined
        ? 0
        : optionIndexes('selectSlider', label, names, [settings.value as string])[0]!;
    if (range && (initial as number[]).length !== 2) throw new Error(`st.selectSlider("${label}"): a range value is two options`);
    const ok = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < names.length;
    const valid = (v: unknown): v is number | [number, number] =>
      range ? Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1]) && v[0] <= v[1] : ok(v);
    const value = this.value(id, initial, valid);
    this.add({ kind: 'select_slider', id, label, options: names, value, disabled: Boolean(settings.disabled) });
    return typeof value === 'number' ? names[value]! : [names[value[0]]!, names[value[1]]!];
  }
  /** Buttons that stay pressed: one option or none ('single', the default), or several ('multi'). */
  pills(
    label: string,
    options: readonly string[],
    settings?: WidgetOptions & OnChange & { selectionMode?: 'single'; default?: string },
  ): string | undefined;
  pills(
    label: string,
    options: readonly string[],
    settings: WidgetOptions & OnChange & { selectionMode: 'multi'; default?: readonly string[] },
  ): string[];
  pills(label: string, options: readonly string[], settings: ButtonGroupOptions = {}): string | string[] | undefined {
    return this.buttonGroup('pills', label, options, settings);
  }
  /** Like pills, drawn as one joined row of buttons. */
  segmentedControl(
    label: string,
    options: readonly string[],
    settings?: WidgetOptions & OnChange & { selectionMode?: 'single'; default?: string },
  ): string | undefined;
  segmentedControl(
    label: string,
    options: readonly string[],
    settings: WidgetOptions & OnChange & { selectionMode: 'multi'; default?: readonly string[] },
  ): string[];
  segmentedControl(label: string, options: readonly string[], settings: ButtonGroupOptions = {}): string | string[] | undefined {
    return this.buttonGroup('segmented_control', label, options, settings);
  }
  /**
   * Thumbs (0 = down, 1 = up), five faces or five stars (0–4); undefined until the user picks one.
   * Picking the selected one again clears it.
   */
  feedback(sentiment: 'thumbs' | 'faces' | 'stars' = 'thumbs', options: WidgetOptions & OnChange = {}): number | undefined {
    if (!(sentiment in FEEDBACK_OPTIONS)) throw new Error(`st.feedback: "${String(sentiment)}" is not one of thumbs, faces, stars`);
    const id = this.widgetId('feedback', sentiment, options);
    const count = FEEDBACK_OPTIONS[sentiment];
    const value = this.value(
      id,
      null,
      (v): v is number | null => v === null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < count),
    );
    this.add({ kind: 'feedback', id, sentiment, value, disabled: Boolean(options.disabled) });
    return value ?? undefined;
  }
  /**
   * Files picked in VS Code's open dialog on the host (the view never reads the disk). `type`:
   * accepted extensions; `maxBytes`: the limit for all files together (default 200 KiB, at most
   * 512 KiB: the bytes are kept in session state). One file or undefined; with
   * `acceptMultipleFiles`, an array.
   */
  fileUploader(
    label: string,
    options?: WidgetOptions & OnChange & FileUploaderOptions & { acceptMultipleFiles?: false },
  ): UploadedFile | undefined;
  fileUploader(label: string, options: WidgetOptions & OnChange & FileUploaderOptions & { acceptMultipleFiles: true }): UploadedFile[];
  fileUploader(
    label: string,
    options: WidgetOptions & OnChange & FileUploaderOptions & { acceptMultipleFiles?: boolean } = {},
  ): UploadedFile | UploadedFile[] | undefined {
    const id = this.widgetId('file_uploader', label, options);
    const method = `st.fileUploader("${label}")`;
    const extensions = uploadExtensions(method, options.type);
    const maxBytes = options.maxBytes ?? DEFAULT_UPLOAD_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_UPLOAD_BYTES) {
      throw new Error(`${method}: maxBytes is a whole number from 1 to ${MAX_UPLOAD_BYTES} (512 KiB: the files are kept in session state)`);
    }
    const multiple = Boolean(options.acceptMultipleFiles);
    this.run.record.hostWidgets.set(id, { kind: 'upload', label: String(label), extensions, multiple, maxBytes });
    // In a form: what the uploader's edit goes back to after a submit (none), as Streamlit clears it.
    if (this.scope.form?.clearOnSubmit) this.scope.form.defaults[id] = { pick: null, files: [] } satisfies FormUploadDraft;
    const stored = UploadedFiles.safeParse(this.run.inputs.widgets[id]);
    const kept = stored.success ? stored.data : { files: [] };
    this.add({
      kind: 'file_uploader',
      id,
      label,
      accept: extensions,
      multiple,
      maxBytes,
      files: kept.files.map((f) => ({ name: f.name, size: f.size })),
      disabled: Boolean(options.disabled),
      ...(kept.error ? { error: kept.error } : {}),
    });
    const files = kept.files.map((f) => ({
      name: f.name,
      type: f.type,
      size: f.size,
      bytes: new Uint8Array(Buffer.from(f.base64, 'base64')),
    }));
    return multiple ? files : files[0];
  }
  /**
   * A button that saves `data` (text as UTF-8, or bytes) through VS Code's save dialog on the host; the
   * data never goes to the view. True only in the run caused by the click, like st.button.
   */
  downloadButton(
    label: string,
    data: string | Uint8Array | ArrayBuffer,
    options: WidgetOptions & OnClick & { fileName?: string; mime?: string } = {},
  ): boolean {
    const id = this.widgetId('download_button', label, options);
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    if (!(bytes instanceof Uint8Array)) throw new Error(`st.downloadButton("${label}"): data is a string, a Uint8Array or an ArrayBuffer`);
    if (bytes.byteLength > MAX_DOWNLOAD_BYTES) throw new Error(`st.downloadButton("${label}"): data is over ${MAX_DOWNLOAD_BYTES} bytes`);
    const fileName = safeFileName(options.fileName ?? (typeof data === 'string' ? 'download.txt' : 'download.bin'));
    this.run.record.hostWidgets.set(id, { kind: 'download', label: String(label), data: bytes, fileName });
    this.add({ kind: 'download_button', id, label, fileName, disabled: Boolean(options.disabled) });
    return this.run.inputs.triggers.has(id);
  }
  /** A button that opens `url` (http, https or mailto) outside VS Code, after VS Code's own confirmation. */
  linkButton(label: string, url: string, options: WidgetOptions = {}): void {
    let href: string;
    try {
      const parsed = new URL(String(url));
      if (!(LINK_SCHEMES as readonly string[]).includes(parsed.protocol)) throw new Error(`${parsed.protocol} links are not opened`);
      href = parsed.href;
    } catch (err) {
      throw new Error(
        `st.linkButton("${label}"): "${String(url).slice(0, 200)}" is not an http, https or mailto URL (${(err as Error).message})`,
        {
          cause: err,
        },
      );
    }
    const id = this.widgetId('link_button', label, options);
    this.run.record.hostWidgets.set(id, { kind: 'link', url: href });
    this.add({ kind: 'link_button', id, label, url: href, disabled: Boolean(options.disabled) });
  }

  /**
   * A component speaking Streamlit's v1 protocol in a sandboxed frame. Returns the last value it
   * sent with `Streamlit.setComponentValue` (or `default`); a new value reruns the app.
   */
  component(
    name: string,
    args: Record<string, unknown> = {},
    options: WidgetOptions & OnChange & ComponentSource & { default?: unknown; height?: number } = {},
  ): unknown {
    const id = this.widgetId('component', name, options);
    const url = this.run.services.componentUrl(name, {
      ...(options.path ? { path: options.path } : {}),
      ...(options.url ? { url: options.url } : {}),
    });
    // As Streamlit does, the component also gets its `default` and `key` in args (it may read them);
    // tables go in `dfs` and bytes beside the JSON (src/app/componentData.ts).
    const { json, dfs, bytesArgs, payload } = v1Args(name, { ...args, default: options.default ?? null, key: options.key ?? null });
    const jsonArgs = JSON.parse(JSON.stringify(json)) as Record<string, never>;
    this.add({
      kind: 'component',
      id,
      name,
      url,
      args: jsonArgs,
      dfs,
      bytesArgs,
      ...(Object.keys(payload).length ? { payload } : {}),
      disabled: Boolean(options.disabled),
      readyTimeoutMs: this.run.services.componentReadyTimeoutMs,
      ...(options.height !== undefined ? { height: options.height } : {}),
    });
    const value = this.run.inputs.widgets[id] as StoredComponentValue | undefined;
    return value ? componentResult(value) : (options.default ?? null);
  }

  /**
   * Streamlit's component APIs. `st.components.v2.component(name, { html, css, js, isolateStyles })`
   * registers a frameless component (its module's default export is the renderer) and returns the
   * function that mounts it in this container: `counter({ key, data, default, onChange })`.
   */
  get components(): {
    v2: {
      component: <S extends Record<string, unknown> = Record<string, unknown>>(
        name: string,
        definition: ComponentV2Definition,
      ) => ComponentV2<S>;
    };
  } {
    return { v2: { component: (name, definition) => this.registerV2(name, definition) } };
  }

  /** A collapsible section; returns a container to declare its contents into. */
  expander(label: string, options: { expanded?: boolean } = {}): St {
    const id = this.nextId();
    const child = new St(this.run, `${id}/`, false, this.scope);
    const expanded = Boolean(options.expanded);
    this.addContainer(() => ({ kind: 'expander', id, label: String(label), expanded, slots: [child.build()] }));
    return child;
  }
  tabs(labels: readonly string[]): St[] {
    const id = this.nextId();
    const names = (labels.length ? labels : ['Tab']).slice(0, 50).map(String);
    const children = names.map((_, i) => new St(this.run, `${id}/${i}/`, false, this.scope));
    this.addContainer(() => ({ kind: 'tabs', id, labels: names, slots: children.map((c) => c.build()) }));
    return children;
  }
  columns(count: number): St[] {
    const id = this.nextId();
    const children = Array.from(
      { length: Math.max(1, Math.min(12, Math.floor(count) || 1)) },
      (_, i) => new St(this.run, `${id}/${i}/`, false, this.scope),
    );
    this.addContainer(() => ({ kind: 'columns', id, count: children.length, slots: children.map((c) => c.build()) }));
    return children;
  }

  /**
   * A container to declare into later (elements appear in its place, not at the end), with an
   * optional border and a fixed height (it then scrolls).
   */
  container(options: { border?: boolean; height?: number } = {}): St {
    const id = this.nextId();
    const child = new St(this.run, `${id}/`, false, this.scope);
    const height = Number(options.height);
    const node = {
      kind: 'container',
      id,
      border: Boolean(options.border),
      ...(height > 0 ? { height: Math.min(10_000, height) } : {}),
    } as const;
    this.addContainer(() => ({ ...node, slots: [child.build()] }));
    return child;
  }

  /**
   * A placeholder for one element: each element declared into it replaces the previous one (call
   * `empty()` on it to clear it, `container()` on it to put several there).
   */
  empty(): St {
    if (this.single) {
      this.checkpoint();
      this.declared.length = 0;
      this.run.declared();
      return this;
    }
    const id = this.nextId();
    const child = new St(this.run, `${id}/`, true, this.scope);
    this.addContainer(() => ({ kind: 'container', id, border: false, slots: [child.build()] }));
    return child;
  }

  /**
   * A chat message: a container with an avatar. `name` "user" (or "human") and "assistant" (or "ai")
   * get their own avatar, any other name its first letter; `avatar` sets an emoji or a few letters.
   */
  chatMessage(name: string, options: { avatar?: string } = {}): St {
    const id = this.nextId();
    const child = new St(this.run, `${id}/`, false, this.scope);
    const avatar = chatAvatar(options.avatar);
    const node = { kind: 'chat_message', id, name: String(name).slice(0, 1000), ...(avatar ? { avatar } : {}) } as const;
    this.addContainer(() => ({ ...node, slots: [child.build()] }));
    return child;
  }
  /**
   * A chat input: Enter sends, Shift+Enter starts a new line. Returns the text in the run the send
   * causes, `null` in every other run (a trigger; each text is seen by one run). At the app's top level
   * it is pinned to the bottom of the view, wherever it is declared.
   */
  chatInput(placeholder = 'Your message', options: WidgetOptions & OnSubmit & { maxChars?: number } = {}): string | null {
    const text = String(placeholder).slice(0, 500);
    const maxChars = chatMaxChars(options.maxChars);
    const id = this.widgetId('chat_input', text, options);
    this.add({
      kind: 'chat_input',
      id,
      placeholder: text,
      docked: this.path === '',
      disabled: Boolean(options.disabled),
      ...(maxChars !== undefined ? { maxChars } : {}),
    });
    // Taken after the declaration's checkpoint: a run already superseded takes nothing.
    return this.run.inputs.takeSubmission(id)?.slice(0, maxChars) ?? null;
  }
  /** A button that opens a floating container (Escape or a click outside closes it); returns the container. */
  popover(label: string, options: { disabled?: boolean } = {}): St {
    const id = this.nextId();
    const child = new St(this.run, `${id}/`, false, this.scope);
    const node = { kind: 'popover', id, label: String(label), disabled: Boolean(options.disabled) } as const;
    this.addContainer(() => ({ ...node, slots: [child.build()] }));
    return child;
  }
  /**
   * Streamlit's `@st.dialog(title)`: returns the function that opens a modal dialog and runs `body` in
   * it, e.g. `const vote = st.dialog('Vote', (box, item) => …); if (st.button('A')) vote('A')`. Declare
   * it in every run: once opened it stays open (its widgets rerun the app, `body` runs again with the
   * same arguments) until the user closes it (Escape, its close button, a click outside; unless
   * `dismissible: false`) or the app calls `box.close()` (or the returned function's `close()`),
   * which reruns the app as st.rerun() does in a Streamlit dialog.
   */
  dialog<A extends unknown[]>(title: string, body: (box: DialogContainer, ...args: A) => unknown, options: DialogOptions = {}): Dialog<A> {
    const label = String(title).slice(0, 1000);
    const width = dialogWidth(options.width);
    const dismissible = options.dismissible ?? true;
    const id = this.widgetId('dialog', label, { key: options.key });
    let state = dialogState(this.run.inputs.widgets[id]);
    let shown = false;
    const close = (): never => {
      this.run.inputs.widgets[id] = closedDialog(state);
      throw new RerunRequest();
    };
    const show = (args: A) => {
      shown = true;
      const box = new DialogContainer(this.run, `${id}/`, close, this.scope);
      const openId = state.openId;
      this.addContainer(() => ({ kind: 'dialog', id, title: label, width, dismissible, openId, slots: [box.build()] }));
      // Open from an earlier run, the body runs here, before st.dialog returns: it closes with box.close().
      const result = body(box, ...args);
      if (result instanceof Promise) this.run.wait(result);
    };
    if (state.open) show(state.args as A);
    const open = (...args: A) => {
      this.checkpoint();
      if (shown) return; // open already: one body per run
      state = openedDialog(state, args);
      this.run.inputs.widgets[id] = state;
      show(args);
    };
    // A getter, not Object.assign (which would copy the value once).
    return Object.defineProperties(open, { close: { value: close }, isOpen: { get: () => shown } }) as Dialog<A>;
  }

  /** Shows `text` with a spinner while `work` runs, then removes it; returns what `work` returns. */
  async spinner<T>(text: string, work: () => T | Promise<T>): Promise<T> {
    const place = this.empty();
    place.add({ kind: 'spinner', id: place.nextId(), text: String(text) });
    try {
      return await work();
    } finally {
      if (!this.run.inputs.superseded()) place.empty();
    }
  }

  /**
   * An expandable status box for a long task: declare its steps into it, then `update` its label and
   * state (`running`, `complete`, `error`). Given `work`, it runs it in the box and turns complete
   * when it returns (error, rethrown, when it throws), as Streamlit's `with st.status(...)` does.
   */
  status(label: string, options?: StatusOptions): StatusContainer;
  status<T>(label: string, work: (box: StatusContainer) => T | Promise<T>, options?: StatusOptions): Promise<T>;
  status<T>(
    label: string,
    second?: StatusOptions | ((box: StatusContainer) => T | Promise<T>),
    third?: StatusOptions,
  ): StatusContainer | Promise<T> {
    const options = (typeof second === 'function' ? third : second) ?? {};
    const id = this.nextId();
    const box = new StatusContainer(
      this.run,
      `${id}/`,
      { label: String(label), state: options.state ?? 'running', expanded: Boolean(options.expanded) },
      this.scope,
    );
    this.addContainer(() => ({ kind: 'status', id, ...box.shown, slots: [box.build()] }));
    if (typeof second !== 'function') return box;
    return (async () => {
      try {
        const result = await second(box);
        if (box.shown.state === 'running') box.update({ state: 'complete' });
        return result;
      } catch (err) {
        if (!(err instanceof RunSuperseded) && !(err instanceof RerunRequest)) box.update({ state: 'error', expanded: true });
        throw err;
      }
    })();
  }

  /**
   * A form: its widgets' edits stay in the view until one of its submit buttons is clicked, then reach
   * the app together, in one rerun. Given `fn`, it is called with the form to declare its contents
   * (Streamlit's `with st.form(...)`) and its result returned; otherwise the form is returned.
   */
  form(key: string, options?: FormOptions): St;
  form<T>(key: string, fn: (form: St) => T, options?: FormOptions): T;
  form<T>(key: string, second?: FormOptions | ((form: St) => T), third?: FormOptions): St | T {
    this.checkpoint();
    const options = (typeof second === 'function' ? third : second) ?? {};
    if (this.scope.form) throw new Error(flowErrors.nested);
    if (typeof key !== 'string' || key === '' || key.length > 300) throw new Error('st.form: give the form a key (1 to 300 characters)');
    if (this.run.record.forms.has(key)) throw new Error(flowErrors.duplicateForm(key));
    const clearOnSubmit = Boolean(options.clearOnSubmit);
    this.run.record.forms.set(key, { clearOnSubmit });
    if (this.scope.fragment) this.run.record.owner.set(ownerKey.form(key), this.scope.fragment);
    const id = this.nextId();
    const form: FormScope = { key, clearOnSubmit, submitButtons: 0, defaults: {} };
    const child = new St(this.run, `${id}/`, false, { ...this.scope, form });
    const border = options.border ?? true;
    const enterToSubmit = options.enterToSubmit ?? true;
    const size = formSize(options);
    this.addContainer(() => ({
      ...{ kind: 'form', id, formKey: key, border, clearOnSubmit, enterToSubmit, hasSubmitButton: form.submitButtons > 0 },
      ...(clearOnSubmit ? { defaults: { ...form.defaults } } : {}),
      ...size,
      slots: [child.build()],
    }));
    return typeof second === 'function' ? second(child) : child;
  }

  /** A form's submit button: a click sends the form's edits; true only in the run the click caused. */
  formSubmitButton(label = 'Submit', options: WidgetOptions & OnClick = {}): boolean {
    const form = this.scope.form;
    if (!form) throw new Error(flowErrors.submitOutside);
    const id = this.widgetId('form_submit_button', label, options);
    form.submitButtons++;
    this.run.record.submitters.set(id, form.key);
    this.add({ kind: 'form_submit_button', id, label: String(label), disabled: Boolean(options.disabled) });
    return this.run.inputs.triggers.has(id);
  }

  /**
   * A fragment: `fn` runs here now with the fragment's container, and again alone (the rest of the
   * app stays as it was) when one of its widgets changes, or every `runEvery` while the view shows.
   * Returns what `fn` returns in this run (Streamlit's `@st.fragment` function, called here).
   */
  fragment<T>(fn: (st: St) => T, options: FragmentOptions = {}): T {
    this.checkpoint();
    if (typeof fn !== 'function') throw new TypeError('st.fragment: pass the function to run, e.g. st.fragment((st) => { … })');
    if (this.scope.form) throw new Error(flowErrors.fragmentInForm);
    const every = runEveryMs(options.runEvery);
    const key = fragmentKey(options.key, fn, this.run.record.fragments);
    const id = this.nextId();
    const parent = this.scope.fragment;
    this.run.record.fragments.set(id, {
      run: fn,
      ...(every ? { runEveryMs: every } : {}),
      ...(parent ? { parent } : {}),
      ...(key !== undefined ? { key } : {}),
    });
    if (parent) this.run.record.owner.set(ownerKey.fragment(id), parent);
    const child = new St(this.run, `${id}/`, false, { fragment: id });
    this.addContainer(() => ({ kind: 'fragment', id, ...(every ? { runEveryMs: every } : {}), slots: [child.build()] }));
    return fn(child);
  }

  // ---------- internals ----------

  private registerV2<S extends Record<string, unknown>>(name: string, definition: ComponentV2Definition): ComponentV2<S> {
    this.checkpoint();
    if (typeof name !== 'string' || !/^[\w.-]{1,100}$/.test(name)) {
      throw new Error(`component name ${JSON.stringify(name)}: use 1–100 letters, digits, ".", "_" or "-"`);
    }
    if (!definition || definition.js === undefined || definition.js === '') {
      throw new Error(`component "${name}": give it a js module (inline text or { path })`);
    }
    const read = (ref: SourceRef | undefined): string =>
      ref === undefined ? '' : typeof ref === 'string' ? ref : this.run.services.readComponentSource(name, ref);
    const sources = { html: read(definition.html), css: read(definition.css), js: read(definition.js) };
    const isolateStyles = definition.isolateStyles ?? true;
    return (options = {}) => {
      const { data, payload } = v2Data(options.data);
      const id = this.widgetId('component_v2', options.key === undefined ? unkeyedIdentity(name, data, options) : name, {
        key: options.key,
      });
      const callbacks = (options.onChange ?? {}) as Callbacks;
      this.run.record.v2Mounts.set(id, {
        callbacks,
        ...(options.key !== undefined ? { key: options.key } : {}),
        ...(options.default ? { defaults: options.default } : {}),
      });
      const result = mountResult(this.run.inputs.widgets[id], options.default, this.run.inputs.v2Triggers.get(id), Object.keys(callbacks));
      if (options.key !== undefined) this.run.inputs.user[options.key] = result;
      this.add({
        kind: 'component_v2',
        id,
        name,
        runtimeUrl: this.run.services.v2RuntimeUrl(),
        ...sources,
        isolateStyles,
        data,
        ...(Object.keys(payload).length ? { payload } : {}),
        width: options.width ?? 'stretch',
        height: options.height ?? 'content',
      });
      return result as MountResult<S>;
    };
  }

  private grid(method: string, data: unknown, options: GridOptions) {
    this.checkpoint();
    const columns = readColumns(method, data);
    const { table, tableId } = gridTable(method, columns);
    const settings = columnSettings(method, columns.names, options.columnConfig, options.columnOrder);
    const height = options.height === undefined ? undefined : Math.round(Number(options.height));
    if (height !== undefined && !(height >= 60 && height <= 10_000)) throw new Error(`${method}: height is pixels from 60 to 10000`);
    const element = { tableId, table, ...settings, hideIndex: Boolean(options.hideIndex), ...(height !== undefined ? { height } : {}) };
    return { columns, table, element };
  }

  private buttonGroup(
    kind: 'pills' | 'segmented_control',
    label: string,
    options: readonly string[],
    settings: ButtonGroupOptions,
  ): string | string[] | undefined {
    const method = kind === 'pills' ? 'pills' : 'segmentedControl';
    const mode = settings.selectionMode ?? 'single';
    if (mode !== 'single' && mode !== 'multi') throw new Error(`st.${method}("${label}"): selectionMode is "single" or "multi"`);
    const multi = mode === 'multi';
    const id = this.widgetId(kind, label, settings);
    const names = options.map(String);
    const defaults = settings.default === undefined ? [] : typeof settings.default === 'string' ? [settings.default] : settings.default;
    if (!multi && defaults.length > 1) throw new Error(`st.${method}("${label}"): one default in single selection mode`);
    const initial = optionIndexes(method, label, names, defaults);
    const value = this.value(id, initial, (v): v is number[] => isIndexes(v, names.length) && (multi || v.length <= 1));
    this.add({ kind, id, label, options: names, value, multi, disabled: Boolean(settings.disabled) });
    const picked = [...value].sort((a, b) => a - b).map((i) => names[i]!);
    return multi ? picked : picked[0];
  }

  private checkpoint(): void {
    if (callbackContext.active) {
      throw new Error(
        'A widget callback declares no elements: it runs before the rerun. Set st.sessionState in it, and declare in the app.',
      );
    }
    if (this.run.inputs.superseded()) throw new RunSuperseded('superseded by a newer rerun');
    if (this.run.ended()) {
      throw new Error('This st belongs to a run that has ended (a fragment reruns alone: declare into the st its function receives).');
    }
  }

  private add(element: LeafElement): void {
    this.checkpoint();
    if (this.single) this.declared.length = 0;
    this.declared.push(element);
    this.run.declared();
  }

  private addContainer(build: () => Element): void {
    this.checkpoint();
    if (this.single) this.declared.length = 0;
    this.declared.push(build);
    this.run.declared();
  }

  /** Put `next` where `previous` is (a progress bar moved, a stream grown); returns what now stands there. */
  private replace(previous: Declared, next: LeafElement): Declared {
    this.checkpoint();
    const at = this.declared.indexOf(previous);
    if (at < 0) return previous; // overwritten meanwhile (a placeholder): nothing to move
    this.declared[at] = next;
    this.run.declared();
    return next;
  }

  private nextId(): string {
    return `${this.path}${this.single ? 0 : this.declared.length}`;
  }

  private widgetId(kind: WidgetKind, label: string, options: { key?: string | undefined } & OnChange & OnClick & OnSubmit): string {
    const { key } = options;
    const id = key !== undefined ? `key:${key}` : `${kind}:${this.path}${label}`;
    if (this.run.record.ids.has(id)) {
      throw new DuplicateWidgetError(duplicateHint(kind, label, key));
    }
    const form = this.scope.form;
    if (form && notInForm[kind]) throw new Error(notInForm[kind]);
    this.run.record.ids.add(id);
    this.run.record.widgetKinds.set(id, kind);
    const callback = options.onChange ?? options.onClick ?? options.onSubmit;
    if (callback !== undefined) {
      if (typeof callback !== 'function') {
        throw new TypeError(`st.${widgetMethods[kind]}: its callback (onChange, onClick or onSubmit) is a function`);
      }
      this.run.record.callbacks.set(id, callback);
    }
    if (form && !UNBATCHED.has(kind)) this.run.record.formOf.set(id, form.key);
    if (this.scope.fragment) this.run.record.owner.set(ownerKey.widget(id), this.scope.fragment);
    return id;
  }

  private value<T>(id: string, initial: T, accept: (v: unknown) => v is T): T {
    if (this.scope.form?.clearOnSubmit) this.scope.form.defaults[id] = initial as FormDefaults[string]; // widget values are JSON
    const current = this.run.inputs.widgets[id];
    if (accept(current)) return current;
    this.run.inputs.widgets[id] = initial;
    return initial;
  }

  private boolean(kind: 'checkbox' | 'toggle', label: string, options: WidgetOptions & OnChange & { value?: boolean }): boolean {
    const id = this.widgetId(kind, label, options);
    const value = this.value(id, Boolean(options.value), (v): v is boolean => typeof v === 'boolean');
    this.add({ kind, id, label, value, disabled: Boolean(options.disabled) });
    return value;
  }

  private choice(
    kind: 'select' | 'radio',
    label: string,
    options: readonly string[],
    settings: WidgetOptions & OnChange & { index?: number },
  ): string | undefined {
    const id = this.widgetId(kind, label, settings);
    const valid = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < options.length;
    const index = options.length === 0 ? 0 : this.value(id, Math.min(settings.index ?? 0, options.length - 1), valid);
    this.add({ kind, id, label, options: options.map(String), value: index, disabled: Boolean(settings.disabled) });
    return options[index];
  }
}

export interface FormOptions {
  /** After a submit, the form's widgets go back to their defaults (the submit's run still sees what was sent). */
  clearOnSubmit?: boolean;
  /** Default true, as Streamlit. */
  border?: boolean;
  /** Enter in a text or number input of the form submits it, with its first submit button (default true, as Streamlit). */
  enterToSubmit?: boolean;
  /** `"stretch"` (default: the panel's width), `"content"`, or pixels. */
  width?: 'stretch' | 'content' | number;
  /** `"content"` (default), or pixels: the form scrolls past them. */
  height?: 'content' | number;
}

/** A form's width and height as the view gets them, checked as Streamlit checks them. */
function formSize(options: FormOptions): { width?: number | 'content'; height?: number } {
  const pixels = (what: string, value: number): number => {
    if (!Number.isInteger(value) || value < 1 || value > 10_000) {
      throw new Error(`st.form: ${what} is "stretch", "content" or a whole number of pixels from 1 to 10000 (got ${String(value)})`);
    }
    return value;
  };
  const { width = 'stretch', height = 'content' } = options;
  if (width !== 'stretch' && width !== 'content' && typeof width !== 'number') {
    throw new Error(`st.form: width is "stretch", "content" or pixels (got ${String(width)})`);
  }
  if (height !== 'content' && typeof height !== 'number') throw new Error(`st.form: height is "content" or pixels (got ${String(height)})`);
  return {
    ...(width === 'content' ? { width } : typeof width === 'number' ? { width: pixels('width', width) } : {}),
    ...(typeof height === 'number' ? { height: pixels('height', height) } : {}),
  };
}

export interface FragmentOptions {
  /** Rerun the fragment on a timer while the view shows: seconds, or "2s", "500ms", "1m" (at least 0.1 s). */
  runEvery?: number | string;
  /** A name a widget callback reruns this fragment by: st.rerun({ scope: key }). Not "app" or "fragment". */
  key?: string | number;
}

export interface StatusOptions {
  state?: StatusState;
  expanded?: boolean;
}

/** What `st.status` returns: a container whose label, state and expansion can change as the task goes. */
export class StatusContainer extends St {
  constructor(
    run: Run,
    path: string,
    readonly shown: { label: string; state: StatusState; expanded: boolean },
    scope?: FlowScope,
  ) {
    super(run, path, false, scope);
  }

  update(options: { label?: string; state?: StatusState; expanded?: boolean }): void {
    if (this.run.inputs.superseded()) throw new RunSuperseded('superseded by a newer rerun');
    if (options.label !== undefined) this.shown.label = String(options.label);
    if (options.state !== undefined) this.shown.state = options.state;
    if (options.expanded !== undefined) this.shown.expanded = Boolean(options.expanded);
    this.run.declared();
  }
}

/** What a dialog's body declares into; `close()` closes the dialog and reruns the app. */
export class DialogContainer extends St {
  constructor(
    run: Run,
    path: string,
    readonly close: () => never,
    scope?: FlowScope,
  ) {
    super(run, path, false, scope);
  }
}

/** The `st` method that declares each widget kind: error messages name what the app wrote. */
export const widgetMethods = {
  button: 'button',
  checkbox: 'checkbox',
  toggle: 'toggle',
  text_input: 'textInput',
  number_input: 'numberInput',
  slider: 'slider',
  select: 'selectbox',
  radio: 'radio',
  multiselect: 'multiselect',
  text_area: 'textArea',
  date_input: 'dateInput',
  time_input: 'timeInput',
  color_picker: 'colorPicker',
  select_slider: 'selectSlider',
  pills: 'pills',
  segmented_control: 'segmentedControl',
  feedback: 'feedback',
  file_uploader: 'fileUploader',
  download_button: 'downloadButton',
  link_button: 'linkButton',
  component: 'component',
  component_v2: 'components.v2.component',
  chat_input: 'chatInput',
  dialog: 'dialog',
  dataframe: 'dataframe',
  data_editor: 'dataEditor',
  form_submit_button: 'formSubmitButton',
} as const satisfies Record<WidgetKind, string>;

function duplicateHint(kind: WidgetKind, label: string, key: string | undefined): string {
  if (key !== undefined) return `Two widgets have the key "${key}". Keys must be unique within an app.`;
  if (kind === 'component_v2') {
    const name = label.split(':')[0];
    return `Two identical mounts of component "${name}" in the same place (same data and options). Give each a key, e.g. component({ key: "…" }).`;
  }
  return `Two ${kind} widgets have the label "${label}" in the same place. Give one of them a key, e.g. st.${widgetMethods[kind]}("${label}", { key: "…" }).`;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
function clamp(value: number, min?: number, max?: number): number {
  return Math.min(max ?? Infinity, Math.max(min ?? -Infinity, value));
}

export interface FileUploaderOptions {
  /** Accepted file extensions ('csv' or '.csv'); any file when left out. */
  type?: string | readonly string[];
  /** The most all picked files may be together, in bytes (default 200 KiB, at most 512 KiB). */
  maxBytes?: number;
}

interface GridOptions {
  key?: string;
  /** By column name: a label, null (hidden), or a column type's settings (st.columnConfig). */
  columnConfig?: Record<string, ColumnConfigInput>;
  /** The columns shown, in this order. */
  columnOrder?: readonly string[];
  hideIndex?: boolean;
  /** In pixels; default: up to ten rows. */
  height?: number;
}
export interface DataframeOptions extends GridOptions {
  onSelect?: 'ignore' | 'rerun';
  selectionMode?: SelectionMode | readonly SelectionMode[];
}
export interface DataEditorOptions extends GridOptions, OnChange {
  /** 'dynamic': rows can be added and deleted. */
  numRows?: 'fixed' | 'dynamic';
  /** true: nothing is editable; column names: those are not. */
  disabled?: boolean | readonly string[];
}

interface ButtonGroupOptions extends WidgetOptions, OnChange {
  selectionMode?: 'single' | 'multi';
  default?: string | readonly string[];
}

const isIndexes = (v: unknown, count: number): v is number[] =>
  Array.isArray(v) && new Set(v).size === v.length && v.every((i) => Number.isInteger(i) && i >= 0 && i < count);

/** Option values → their indexes; a value that is not an option is the app's mistake, said clearly. */
function optionIndexes(method: string, label: string, names: readonly string[], values: readonly string[], allowRepeat = false): number[] {
  const out: number[] = [];
  for (const v of values) {
    const i = names.indexOf(String(v));
    if (i < 0) throw new Error(`st.${method}("${label}"): default "${String(v).slice(0, 100)}" is not one of the options`);
    if (allowRepeat || !out.includes(i)) out.push(i);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A Date's local calendar day as 'YYYY-MM-DD'. */
function isoDate(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
function isoTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function toIsoDate(label: string, what: string, value: string | Date): string {
  const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : isoDate(value)) : String(value);
  if (!IsoDate.safeParse(text).success) {
    throw new Error(`st.dateInput("${label}"): ${what} "${text.slice(0, 50)}" is not a date like "2026-12-01"`);
  }
  return text;
}
function normalColor(value: string): string | undefined {
  const v = String(value).trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return undefined;
}
/** The name the save dialog proposes: no folders, nothing a file system refuses. */
function safeFileName(name: string): string {
  const base = String(name)
    .split(/[\\/]/)
    .pop()!
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .slice(0, 200);
  return base && base !== '.' && base !== '..' ? base : 'download';
}
