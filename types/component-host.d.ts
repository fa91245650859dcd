/**
 * Types of the Component Host app API (`st`), for app authors' editors. Component Host: New App
 * writes this file next to the new app, with a tsconfig.json that includes it; import the types
 * with `import type { St } from 'component-host'` (TypeScript) or
 * `/** @param {import('component-host').St} st *\/` (JavaScript). Nothing is imported at run time.
 * Checked against the extension's own `st` (src/app/st.ts) by the extension's tests.
 */
declare module 'component-host' {
  /** An app: called with `st` on every run (first show, widget change, save of the app or a module it imports). */
  export type App = (st: St) => unknown;

  /** Streamlit's named colours (badges, metric deltas, `:red[…]` in Markdown), drawn in the theme's colours. */
  export type Colour = 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'violet' | 'gray' | 'grey' | 'primary';

  /** What `st.dataframe` and `st.dataEditor` show: row objects, an object of columns, or an apache-arrow `Table`. */
  export type DataInput =
    | readonly Record<string, unknown>[]
    | Record<string, ArrayLike<unknown>>
    | { numRows: number; schema: { fields: { name: string }[] }; getChild(name: string): { get(i: number): unknown } | null };

  /** Streamlit's column types: what a `columnConfig` entry's `type` is. */
  export type ColumnType = 'text' | 'number' | 'checkbox' | 'date' | 'datetime' | 'link' | 'progress' | 'image' | 'selectbox';

  /** One column's configuration (what `st.columnConfig.*Column` returns). */
  export interface ColumnSpec {
    label?: string;
    type?: ColumnType;
    /** Numbers: printf-style ("%.2f", "$%d", "%.1f%%") or "plain", "localized", "percent", "dollar", "euro", "compact"…; dates: "YYYY-MM-DD HH:mm". */
    format?: string;
    width?: 'small' | 'medium' | 'large' | number;
    help?: string;
    hidden?: boolean;
    disabled?: boolean;
    required?: boolean;
    pinned?: boolean;
    minValue?: number;
    maxValue?: number;
    step?: number;
    maxChars?: number;
    /** Link columns: the text shown instead of the URL. */
    displayText?: string;
    /** Selectbox columns: the choices. */
    options?: string[];
  }
  type ColumnFactory = (label?: string, settings?: Omit<ColumnSpec, 'type' | 'label'>) => ColumnSpec;

  export type SelectionMode = 'single-row' | 'multi-row' | 'single-column' | 'multi-column' | 'single-cell' | 'multi-cell';
  /** Streamlit's selection state: row positions in the data, column names, [row, column] cells. */
  export interface DataframeSelection {
    selection: { rows: number[]; columns: string[]; cells: [number, string][] };
  }
  /** Streamlit's data editor state. */
  export interface EditorState {
    /** By row position in the data (as a string key): the changed cells. */
    editedRows: Record<string, Record<string, string | number | boolean | null>>;
    addedRows: Record<string, string | number | boolean | null>[];
    deletedRows: number[];
  }
  export interface GridOptions {
    key?: string;
    /** By column name: a label, null (hide it), or a column's settings (st.columnConfig.*Column). */
    columnConfig?: Record<string, string | null | ColumnSpec>;
    /** The columns shown, in this order. */
    columnOrder?: readonly string[];
    hideIndex?: boolean;
    /** In pixels (60–10 000); default: up to ten rows. */
    height?: number;
  }

  /** Options every widget takes. */
  export interface WidgetOptions {
    /** Explicit identity: keeps the widget's value when its label or position changes. Unique within an app. */
    key?: string;
    /** Shown, but the user cannot change it. */
    disabled?: boolean;
  }

  /**
   * A widget callback (Streamlit's on_change / on_click): runs before the rerun the widget's event
   * causes, with `st.sessionState` already holding the new value. It may read and write
   * `st.sessionState` and call `st.rerun({ scope: key })` to rerun fragments by key; it declares no elements.
   */
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

  /** The active editor, as a snapshot. */
  export interface EditorContext {
    /** Workspace-relative path of the file. */
    file: string;
    /** VS Code's language id, e.g. `typescript`. */
    language: string;
    /** The primary selection (0-based lines and characters) and its text (at most 10 000 characters). */
    selection: { startLine: number; startCharacter: number; endLine: number; endCharacter: number; text: string };
    /** The first visible range of lines. */
    visibleRange: { startLine: number; endLine: number };
    /** How many errors and warnings the Problems panel has for the file. */
    diagnostics: { errors: number; warnings: number };
  }

  /** Who is signed in, as an app sees it: never a token. */
  export interface AuthState {
    signedIn: boolean;
    /** Signed in and the access token has not expired. */
    valid: boolean;
    /** The signed-in account. */
    user?: { name: string; email: string };
    /** When the access token expires (ms since the epoch). */
    expiresAt?: number;
    /** The embedded development identity provider, not an Auth0 tenant. */
    development: boolean;
    /** Starts the sign-in flow (the browser opens); the app reruns when it completes. */
    signIn(): void;
    /** Signs out; the app reruns. */
    signOut(): void;
  }

  /** A route of the local API server. `pong` and `me` are protected: the host adds the access token. */
  export type ApiRoute = 'health' | 'ping' | 'pong' | 'me';

  /** What an API call returned. */
  export interface ApiCallResult {
    route: ApiRoute;
    path: string;
    /** Whether the host attached an access token. */
    usedToken: boolean;
    /** HTTP status, or 0 when no response arrived (server down, timeout). */
    status: number;
    ok: boolean;
    body: unknown;
    /** A human-readable reason when `ok` is false. */
    error?: string;
    durationMs: number;
  }

  /** An event a component sent through the notifier. */
  export interface ComponentEvent {
    /** Increases by one per event, also across runs. */
    seq: number;
    /** When it arrived (ms since the epoch). */
    at: number;
    component: string;
    /** The notifier event's name. */
    event: 'status' | 'action' | 'report' | 'error';
    payload: unknown;
  }

  /** A file from `st.fileUploader`: picked in VS Code's open dialog and read by the host. */
  export interface UploadedFile {
    /** The file's name, without its folder. */
    name: string;
    /** The MIME type from the file name ('application/octet-stream' when unknown). */
    type: string;
    /** Its size in bytes. */
    size: number;
    bytes: Uint8Array;
  }

  /** What `st.fileUploader` accepts. */
  export interface FileUploaderOptions {
    /** Accepted file extensions ('csv' or '.csv'); any file when left out. */
    type?: string | readonly string[];
    /** The most all picked files may be together, in bytes (default 204 800 = 200 KiB, at most 524 288 = 512 KiB). */
    maxBytes?: number;
  }

  /** Where a v1 component's files are: a built-in name needs neither. */
  export interface ComponentSource {
    /** Folder with index.html, relative to the workspace (trusted workspaces only). */
    path?: string;
    /** A development server (e.g. http://localhost:3001), mapped with asExternalUri. */
    url?: string;
  }

  /** A v2 component source: inline text, or a file of the workspace. */
  export type SourceRef = string | { path: string } | { extensionFile: string };

  /** What `st.components.v2.component` registers. */
  export interface ComponentV2Definition {
    /** The ES module whose default export is the renderer (required). */
    js: SourceRef;
    html?: SourceRef;
    css?: SourceRef;
    /** Mount into a ShadowRoot (default) or straight into the document, for libraries that use document.getElementById. */
    isolateStyles?: boolean;
  }

  /** A v2 component's width or height: pixels, the container's width, or its content's size. */
  export type V2Size = number | 'stretch' | 'content';

  /** Options of one mount of a v2 component. */
  export interface MountOptions<S extends Record<string, unknown> = Record<string, unknown>> {
    /** Keeps the front-end instance (and its state) when other parameters change. */
    key?: string;
    /**
     * Given to the renderer as `data`: JSON, bytes (a Uint8Array), an apache-arrow `Table` (its IPC
     * bytes), or an object with Tables at its first level (Tables there).
     */
    data?: unknown;
    /** Initial state values: the first run already sees them, so mounting costs no rerun. */
    default?: Partial<S>;
    width?: V2Size;
    height?: V2Size;
    /** One callback per state or trigger name; it runs before the rerun the change causes. */
    onChange?: { [K in keyof S]?: (value: S[K] | null) => void };
  }

  /**
   * One field per state and trigger name: a state value, or its default; a trigger's value in the one
   * run it fired for, and null or missing otherwise (a trigger without a callback is missing until it
   * fires, as in Streamlit), so test triggers for a value, not for `!== null`.
   */
  export type MountResult<S extends Record<string, unknown> = Record<string, unknown>> = { [K in keyof S]?: S[K] | null };

  /** Options of `st.cacheData` and `st.cacheResource`. */
  export interface CacheOptions<A extends unknown[] = unknown[]> {
    /** How long an entry lives: seconds, or a string like "30s", "5m", "2h", "1d". Default: until cleared. */
    ttl?: number | string;
    /** Keep at most this many entries; the least recently used go first. Default: no limit. */
    maxEntries?: number;
    /** Tells apart two cached functions with the same source text (they share one cache otherwise). */
    key?: string;
    /** What identifies a call when an argument cannot be hashed, e.g. `(client, id) => id`. */
    hashArgs?: (...args: A) => unknown;
  }

  /** A cached function: call it as the original; `clear()` forgets its entries, `clear(...args)` the one for those arguments. */
  export type CachedFunction<A extends unknown[], R> = ((...args: A) => R) & { clear(...args: A | []): void };

  /** Mounts one instance of a registered v2 component in the container it was registered on. */
  export type ComponentV2<S extends Record<string, unknown> = Record<string, unknown>> = (options?: MountOptions<S>) => MountResult<S>;

  /**
   * The app API. Elements appear in the order they are declared; widgets return their current
   * value. A container (`expander`, `tabs`, `columns`) returns `St` objects to declare into.
   */
  export interface St {
    /** The app's own values: they survive reruns, hiding the view and window reloads. */
    readonly sessionState: Record<string, unknown>;
    /** The active editor (file, language, selection…); reading it makes the app rerun when it changes. */
    readonly editor: EditorContext | undefined;
    /** Who is signed in (never a token); reading it makes the app rerun on sign-in, sign-out and expiry. */
    readonly auth: AuthState;
    /** The local API server, called by the host (which adds the access token to protected routes). */
    readonly api: {
      /** Calls a route and resolves with its status and body (never rejects for an HTTP error). */
      call(route: ApiRoute): Promise<ApiCallResult>;
    };
    /** Events components sent through the notifier, newest first (at most 50); new ones rerun an app that reads them. */
    readonly componentEvents: readonly ComponentEvent[];
    /**
     * Stops this run and starts another at once (at most 50 in a row without an event): of the whole
     * app, or with `scope: 'fragment'` (only in a fragment's own rerun) of that fragment alone. In a
     * widget callback, a fragment key or keys (`st.fragment(fn, { key })`) rerun those fragments alone.
     */
    rerun(options?: { scope?: 'app' | 'fragment' | string | number | readonly (string | number)[] }): never;
    /**
     * Ends this run here as a completed run: the elements declared so far are shown, without an error.
     * @example
     * if (!st.auth.signedIn) { st.info('Sign in first.'); st.stop(); }
     */
    stop(): never;
    /**
     * `fn` memoised by its arguments (hashed by value) for the app's session, across reruns and saves
     * that leave the function's source unchanged. Each call returns a copy of the cached value; an
     * async function's promise is shared by concurrent calls and a rejected one is not kept.
     * Arguments that cannot be hashed throw UnhashableParamError (see `hashArgs`).
     * @example
     * const load = st.cacheData(async (file: string) => (await fetch(file)).json(), { ttl: '5m' });
     * const rows = await load('data.json');
     */
    cacheData<A extends unknown[], R>(fn: (...args: A) => R, options?: CacheOptions<A>): CachedFunction<A, R>;
    /**
     * Like `cacheData`, but every call returns the same cached object: for connections, clients and
     * other things that should exist once, not be copied.
     * @example
     * const client = st.cacheResource(() => new Client())();
     */
    cacheResource<A extends unknown[], R>(fn: (...args: A) => R, options?: CacheOptions<A>): CachedFunction<A, R>;

    /** A title: the largest heading. */
    title(text: string): void;
    /** A section heading. */
    header(text: string): void;
    /** A heading below a header. */
    subheader(text: string): void;
    /**
     * Markdown: CommonMark with GitHub's tables, task lists and strikethrough, and Streamlit's `:red[…]` /
     * `:red-background[…]` colours. Raw HTML is shown as text, never run; links only to http(s) and mailto.
     */
    markdown(text: string): void;
    /** Plain text, shown as it is. */
    text(text: string): void;
    /** Small, muted text. */
    caption(text: string): void;
    /** A code block with a copy button, highlighted in the theme's colours for a known `language` (`ts`, `py`, `sql`…). */
    code(code: string, options?: { language?: string; lineNumbers?: boolean; wrapLines?: boolean }): void;
    /** Any value as pretty-printed JSON. */
    json(value: unknown): void;
    /** A horizontal rule. */
    divider(): void;
    /** A blue information box. */
    info(text: string): void;
    /** A green success box. */
    success(text: string): void;
    /** A yellow warning box. */
    warning(text: string): void;
    /** A red error box (the app keeps running). */
    error(text: string): void;
    /** A progress bar; `value` from 0 to 1 (clamped). Move it with the returned bar: `bar.progress(0.5)`. */
    progress(value: number, text?: string): ProgressBar;
    /**
     * Writes a stream of text as it arrives (an async iterable or generator of chunks, e.g. the tokens
     * of an answer) and resolves with the whole text when it ends. Chunks that are not strings are
     * written as JSON; the result is then the list of what was written.
     */
    writeStream(
      source: AsyncIterable<unknown> | Iterable<unknown> | (() => AsyncIterable<unknown> | Iterable<unknown>),
    ): Promise<string | unknown[]>;
    /** Streamlit's st.column_config: `st.columnConfig.NumberColumn('Price', { format: '$%.2f' })` and the other column types. */
    readonly columnConfig: Record<
      | 'Column'
      | 'TextColumn'
      | 'NumberColumn'
      | 'CheckboxColumn'
      | 'DateColumn'
      | 'DatetimeColumn'
      | 'LinkColumn'
      | 'ProgressColumn'
      | 'ImageColumn'
      | 'SelectboxColumn',
      ColumnFactory
    >;
    /**
     * A virtualised grid of `data`: sort, resize, hide and search in the view. With `onSelect: 'rerun'`
     * selecting reruns the app and it returns `{ selection: { rows, columns, cells } }`; else undefined.
     */
    dataframe(
      data: DataInput,
      options?: GridOptions & { onSelect?: 'ignore' | 'rerun'; selectionMode?: SelectionMode | readonly SelectionMode[] },
    ): DataframeSelection | undefined;
    /**
     * An editable grid; returns `data` with the edits, in its shape. The edits are widget state
     * (`st.sessionState[key]` is `{ editedRows, addedRows, deletedRows }`); `numRows: 'dynamic'` adds and
     * deletes rows; `disabled`: true, or the names of columns that cannot be edited.
     */
    dataEditor<T extends DataInput>(
      data: T,
      options?: GridOptions & OnChange & { numRows?: 'fixed' | 'dynamic'; disabled?: boolean | readonly string[] },
    ): T;
    /** A table. Rows as objects (columns from their keys) or as arrays (with `columns`). */
    table(rows: readonly (Record<string, unknown> | readonly unknown[])[], options?: { columns?: string[] }): void;
    /**
     * A figure with its label and how it changed. A `delta` starting with "-" points down, `0` shows no
     * arrow; `deltaColor` "normal" draws up green and down red, "inverse" the other way round, "off" gray,
     * or a colour. `deltaArrow` overrides the arrow; `border` draws a box; `help` is a tooltip.
     */
    metric(
      label: string,
      value: number | string | null | undefined,
      options?: {
        delta?: number | string | null;
        deltaColor?: 'normal' | 'inverse' | 'off' | Colour;
        deltaArrow?: 'auto' | 'up' | 'down' | 'off';
        border?: boolean;
        help?: string;
      },
    ): void;
    /** A small coloured label (default blue), with an optional emoji `icon`. */
    badge(text: string, options?: { color?: Colour; icon?: string }): void;
    /**
     * An image: bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`), the path of a workspace file (relative
     * to the first folder; trusted workspace only, never outside it), a base64 `data:` URL, or an
     * http(s) URL, which the extension host fetches (10 s at most; the run waits for it; another
     * scheme shows an error in its place). PNG, JPEG, GIF, WebP or SVG, at most 2 MB.
     */
    image(image: string | Uint8Array | ArrayBuffer, options?: { caption?: string; width?: number; alt?: string }): void;
    /** A thrown value as an error box: `Name: message` and its stack. */
    exception(err: unknown): void;
    /**
     * Charts as Streamlit's, drawn with Vega-Lite in VS Code's colours. `data`: an array of row objects or
     * an object of columns (arrays). x defaults to the row index, y to the other columns (one series each).
     */
    lineChart(data: ChartData, options?: ChartOptions): void;
    /** Bars per x value; `horizontal` swaps the axes; `sort`: true (Vega-Lite's order), false (the data's) or a column ('-col' descending). */
    barChart(data: ChartData, options?: ChartOptions & { horizontal?: boolean; stack?: ChartStack; sort?: boolean | string }): void;
    /** Areas under each series, stacked by default (`stack` as for bars). */
    areaChart(data: ChartData, options?: ChartOptions & { stack?: ChartStack }): void;
    /** `size`: a column, or the points' area in pixels (default 100). */
    scatterChart(data: ChartData, options?: ChartOptions & { size?: string | number }): void;
    /**
     * A Vega-Lite spec, drawn as written; `data` (rows or columns) becomes its `data`. In VS Code's colours
     * unless `theme: null`; as wide as the panel unless the spec or `width` says otherwise.
     */
    vegaLiteChart(
      spec: Record<string, unknown>,
      options?: { data?: ChartData; width?: 'stretch' | 'content' | number; height?: 'content' | number; theme?: 'streamlit' | null },
    ): void;
    /**
     * A short message (Markdown) in the corner of the view that goes away by itself: `duration` "short"
     * (4 s, the default), "long" (10 s), "infinite" (until dismissed) or seconds. Each call shows once;
     * the view shown again does not repeat it.
     */
    toast(text: string, options?: { icon?: string; duration?: 'short' | 'long' | 'infinite' | number }): void;
    /**
     * Each value shown by its type, as Streamlit's `st.write`: strings as Markdown; an Error as
     * `exception`; an array of plain objects as a table; other arrays, objects, Maps, Sets and bytes as
     * JSON; numbers, booleans and anything else as their text in code. Consecutive strings (and such
     * texts) join with spaces into one Markdown element. A Promise is an error: await it first.
     */
    write(...values: unknown[]): void;

    /** A button. True only in the run caused by the click; never replayed by later reruns. */
    button(label: string, options?: WidgetOptions & OnClick): boolean;
    /** A checkbox; returns whether it is ticked (`value`: initially). */
    checkbox(label: string, options?: WidgetOptions & OnChange & { value?: boolean }): boolean;
    /** A toggle switch; returns whether it is on (`value`: initially). */
    toggle(label: string, options?: WidgetOptions & OnChange & { value?: boolean }): boolean;
    /** A single-line text field; returns its text (`value`: initially). The app reruns on Enter or blur. */
    textInput(label: string, options?: WidgetOptions & OnChange & { value?: string; placeholder?: string }): string;
    /** A number field; returns its value, clamped to `min`…`max`. */
    numberInput(label: string, options?: WidgetOptions & OnChange & { value?: number; min?: number; max?: number; step?: number }): number;
    /** A slider from `min` (default 0) to `max` (default 100); returns its value. */
    slider(label: string, options?: WidgetOptions & OnChange & { min?: number; max?: number; value?: number; step?: number }): number;
    /** A drop-down list; returns the chosen option (`index`: initially), undefined when `options` is empty. */
    selectbox(label: string, options: readonly string[], settings?: WidgetOptions & OnChange & { index?: number }): string | undefined;
    /** Radio buttons; returns the chosen option (`index`: initially), undefined when `options` is empty. */
    radio(label: string, options: readonly string[], settings?: WidgetOptions & OnChange & { index?: number }): string | undefined;
    /** A drop-down of checkboxes; returns the picked options in the order of `options` (`default`: option values). */
    multiselect(
      label: string,
      options: readonly string[],
      settings?: WidgetOptions & OnChange & { default?: readonly string[]; maxSelections?: number; placeholder?: string },
    ): string[];
    /** A multi-line text field; returns its text. The app reruns when it loses focus or on Ctrl+Enter; `height` in pixels (at least 68). */
    textArea(
      label: string,
      options?: WidgetOptions & OnChange & { value?: string; height?: number; placeholder?: string; maxChars?: number },
    ): string;
    /**
     * A date field; returns 'YYYY-MM-DD' (the host's local calendar), or undefined when empty. `value`: 'today'
     * (default), 'YYYY-MM-DD', a Date or null; `min`/`max` default to ten years either side.
     */
    dateInput(
      label: string,
      options?: WidgetOptions & OnChange & { value?: string | Date | null; min?: string | Date; max?: string | Date },
    ): string | undefined;
    /**
     * A time field; returns 'HH:MM' (24-hour), or undefined when empty. `value`: 'now' (default), 'HH:MM', a Date
     * or null; `step`: seconds the arrow keys move by (60–82 800, default 900).
     */
    timeInput(label: string, options?: WidgetOptions & OnChange & { value?: string | Date | null; step?: number }): string | undefined;
    /** A colour swatch that opens a colour picker; returns '#rrggbb' (lower case; `value` default '#000000'). */
    colorPicker(label: string, options?: WidgetOptions & OnChange & { value?: string }): string;
    /** A slider over `options`; returns the chosen option (`value`: initially, default the first). */
    selectSlider(label: string, options: readonly string[], settings?: WidgetOptions & OnChange & { value?: string }): string;
    /** A range slider over `options` when `value` is a pair; returns [from, to]. */
    selectSlider(
      label: string,
      options: readonly string[],
      settings: WidgetOptions & OnChange & { value: readonly [string, string] },
    ): [string, string];
    /** Pill buttons; returns the pressed option or undefined ('single', the default; pressing it again clears it). */
    pills(
      label: string,
      options: readonly string[],
      settings?: WidgetOptions & OnChange & { selectionMode?: 'single'; default?: string },
    ): string | undefined;
    /** Pill buttons with `selectionMode: 'multi'`; returns the pressed options in the order of `options`. */
    pills(
      label: string,
      options: readonly string[],
      settings: WidgetOptions & OnChange & { selectionMode: 'multi'; default?: readonly string[] },
    ): string[];
    /** A joined row of buttons; returns the pressed option or undefined ('single', the default). */
    segmentedControl(
      label: string,
      options: readonly string[],
      settings?: WidgetOptions & OnChange & { selectionMode?: 'single'; default?: string },
    ): string | undefined;
    /** A joined row of buttons with `selectionMode: 'multi'`; returns the pressed options. */
    segmentedControl(
      label: string,
      options: readonly string[],
      settings: WidgetOptions & OnChange & { selectionMode: 'multi'; default?: readonly string[] },
    ): string[];
    /** Thumbs (0 = down, 1 = up), five faces or five stars (0–4); undefined until picked. Picking it again clears it. */
    feedback(sentiment?: 'thumbs' | 'faces' | 'stars', options?: WidgetOptions & OnChange): number | undefined;
    /** A button that opens VS Code's open dialog on the host; returns the picked file, or undefined. */
    fileUploader(
      label: string,
      options?: WidgetOptions & OnChange & FileUploaderOptions & { acceptMultipleFiles?: false },
    ): UploadedFile | undefined;
    /** With `acceptMultipleFiles: true`: returns the picked files (an empty array before any pick). */
    fileUploader(label: string, options: WidgetOptions & OnChange & FileUploaderOptions & { acceptMultipleFiles: true }): UploadedFile[];
    /**
     * A button that saves `data` (text as UTF-8, or bytes) through VS Code's save dialog; the data stays
     * on the host. True only in the run caused by the click, like `button`.
     */
    downloadButton(
      label: string,
      data: string | Uint8Array | ArrayBuffer,
      options?: WidgetOptions & OnClick & { fileName?: string; mime?: string },
    ): boolean;
    /** A button that opens an http, https or mailto URL outside VS Code, after VS Code's own confirmation. */
    linkButton(label: string, url: string, options?: WidgetOptions): void;
    /**
     * A component speaking Streamlit's v1 protocol in a sandboxed frame. Returns the last value it
     * sent with `Streamlit.setComponentValue` (or `default`); a new value reruns the app. An
     * apache-arrow `Table` in `args` reaches it in `dfs` (an `ArrowTable` in the component), a
     * `Uint8Array` as bytes; a returned `ArrowTable` comes back as an apache-arrow `Table`, bytes as a `Uint8Array`.
     */
    component(
      name: string,
      args?: Record<string, unknown>,
      options?: WidgetOptions & OnChange & ComponentSource & { default?: unknown; height?: number },
    ): unknown;
    /**
     * Streamlit's component APIs. `st.components.v2.component(name, { html, css, js, isolateStyles })`
     * registers a frameless component (its module's default export is the renderer) and returns the
     * function that mounts it in this container: `counter({ key, data, default, onChange })`.
     */
    readonly components: {
      v2: {
        /** Registers a frameless component and returns its mount function. */
        component<S extends Record<string, unknown> = Record<string, unknown>>(
          name: string,
          definition: ComponentV2Definition,
        ): ComponentV2<S>;
      };
    };

    /** A collapsible section; returns a container to declare its contents into. */
    expander(label: string, options?: { expanded?: boolean }): St;
    /** Tabs; returns one container per label. */
    tabs(labels: readonly string[]): St[];
    /** Side-by-side columns (1 to 12); returns one container per column. */
    columns(count: number): St[];
    /**
     * A chat message: a container with an avatar. `name` "user" (or "human") and "assistant" (or "ai")
     * get their own avatar, another name its first letter; `avatar`: an emoji or up to 8 characters.
     * @example
     * for (const m of history) st.chatMessage(m.role).markdown(m.content);
     */
    chatMessage(name: string, options?: { avatar?: string }): St;
    /**
     * A chat input: Enter sends, Shift+Enter starts a new line. The text in the run the send causes,
     * `null` in every other run (each text is seen by one run). At the app's top level it is pinned to
     * the bottom of the view.
     * @example
     * const prompt = st.chatInput('Say something');
     * if (prompt) await st.chatMessage('assistant').writeStream(answer(prompt));
     */
    chatInput(placeholder?: string, options?: WidgetOptions & OnSubmit & { maxChars?: number }): string | null;
    /** A button that opens a floating container (Escape or a click outside closes it); returns the container. */
    popover(label: string, options?: { disabled?: boolean }): St;
    /**
     * Streamlit's `@st.dialog(title)`: returns the function that opens a modal dialog and runs `body` in
     * it. Declare it in every run: once opened it stays open (`body` runs again with the same
     * arguments, kept as JSON) until the user closes it (Escape, its close button, a click outside;
     * unless `dismissible: false`) or the app calls `box.close()`, which reruns the app.
     * @example
     * const vote = st.dialog('Cast your vote', (box, item: string) => {
     *   const reason = box.textInput('Because');
     *   if (box.button('Submit')) { st.sessionState.vote = { item, reason }; box.close(); }
     * });
     * if (st.button('Vote for A')) vote('A');
     */
    dialog<A extends unknown[]>(title: string, body: (box: DialogContainer, ...args: A) => unknown, options?: DialogOptions): Dialog<A>;
    /** A container to declare into later (its elements appear in its place); `height` makes it scroll. */
    container(options?: { border?: boolean; height?: number }): St;
    /**
     * A placeholder for one element: each element declared into it replaces the one before (e.g. in
     * a loop). `empty()` on it clears it; `container()` on it holds several elements.
     */
    empty(): St;
    /** Shows `text` with a spinner while `work` runs, then removes it; resolves with what `work` returns. */
    spinner<T>(text: string, work: () => T | Promise<T>): Promise<T>;
    /** An expandable status box for a long task: declare its steps into it, then `update` its label and state. */
    status(label: string, options?: StatusOptions): StatusContainer;
    /** Runs `work` in a status box, which turns complete when it returns and error (rethrown) when it throws. */
    status<T>(label: string, work: (box: StatusContainer) => T | Promise<T>, options?: StatusOptions): Promise<T>;
    /**
     * A form (bordered): its widgets' edits stay in the view and rerun nothing until one of its submit
     * buttons is clicked; then all of them reach the app together, in one rerun. Returns the form to
     * declare into. Every form needs an `st.formSubmitButton`; `st.button` cannot be in one.
     */
    form(key: string, options?: FormOptions): St;
    /**
     * A form whose contents `fn` declares (Streamlit's `with st.form(...)`); returns what `fn` returns.
     * @example
     * st.form('profile', (form) => {
     *   const name = form.textInput('Name');
     *   if (form.formSubmitButton('Save')) st.success(`Saved ${name}`);
     * });
     */
    form<T>(key: string, fn: (form: St) => T, options?: FormOptions): T;
    /** A form's submit button: a click sends the form's edits; true only in the run the click caused. */
    formSubmitButton(label?: string, options?: WidgetOptions & OnClick): boolean;
    /**
     * A fragment: `fn` runs here now with the fragment's container, and again alone when one of its
     * widgets changes (or every `runEvery` while the view shows); the rest of the app stays as it was.
     * A run of the whole app runs it too. Returns what `fn` returns in this run. Declare only into
     * the `st` it receives.
     * @example
     * await st.fragment(async (f) => {
     *   f.metric('Queue', await queueLength());
     * }, { runEvery: '5s' });
     */
    fragment<T>(fn: (st: St) => T, options?: FragmentOptions): T;
  }

  export interface FormOptions {
    /** After a submit the form's widgets show their defaults again (the submit's run sees what was sent). */
    clearOnSubmit?: boolean;
    /** A border around the form (default true). */
    border?: boolean;
    /** Enter in a text or number input of the form submits it, with its first submit button unless that is disabled (default true). */
    enterToSubmit?: boolean;
    /** `"stretch"` (default: the panel's width), `"content"` (as wide as its widgets), or pixels. */
    width?: 'stretch' | 'content' | number;
    /** `"content"` (default), or pixels: the form scrolls past them. */
    height?: 'content' | number;
  }

  export interface FragmentOptions {
    /** Rerun the fragment on a timer while the view shows: seconds, or "2s", "500ms", "1m" (at least 0.1 s). */
    runEvery?: number | string;
    /** A name a widget callback reruns this fragment by: st.rerun({ scope: key }). Not "app" or "fragment". */
    key?: string | number;
  }

  export interface DialogOptions {
    /** Identity; otherwise the title (two dialogs with one title need keys). */
    key?: string;
    /** "small" (the default, 500 px), "medium" (750 px) or "large" (1280 px), at most the view's width. */
    width?: 'small' | 'medium' | 'large';
    /** Escape, the close button and a click outside close it (default true). */
    dismissible?: boolean;
  }

  /** What a dialog's body declares into. */
  export interface DialogContainer extends St {
    /** Closes the dialog and reruns the app (this run stops here, as with st.rerun()). */
    close(): never;
  }

  /** What `st.dialog` returns: call it to open the dialog, with the arguments its body gets. */
  export type Dialog<A extends unknown[]> = ((...args: A) => void) & {
    /** Closes the dialog and reruns the app (this run stops here). */
    close(): never;
    /** Whether it is shown in this run. */
    readonly isOpen: boolean;
  };

  /** Chart data: rows (`[{ day: 1, visits: 3 }, …]`) or columns (`{ day: [1, 2], visits: [3, 5] }`). Dates are temporal. */
  /** Row objects, an object of columns, or an apache-arrow `Table` (dates and timestamps are temporal). */
  export type ChartData =
    | readonly Record<string, unknown>[]
    | { readonly [column: string]: readonly unknown[] | ArrayLike<number> }
    | { numRows: number; schema: { fields: { name: string }[] }; getChild(name: string): unknown };
  /** A colour: '#rgb' / '#rrggbb' hex, an RGB(A) tuple, or one of Streamlit's names ('red', 'blue', …: the theme's). */
  export type ChartColour = string | readonly [number, number, number] | readonly [number, number, number, number];
  /** true stacks, false puts bars side by side, 'layered' overlaps; 'normalize' and 'center' as Vega-Lite's. */
  export type ChartStack = boolean | 'normalize' | 'center' | 'layered' | null;
  export interface ChartOptions {
    /** The x column (default: the row index). */
    x?: string;
    /** The y column or columns (default: every other column). */
    y?: string | readonly string[];
    xLabel?: string;
    yLabel?: string;
    /** A column (a colour per value), a colour, or one colour per y column. */
    color?: string | ChartColour | readonly ChartColour[];
    /** 'stretch' (default: the panel's width), 'content', or pixels. */
    width?: 'stretch' | 'content' | number;
    /** 'content' (default) or pixels. */
    height?: 'content' | number;
  }

  /** What `st.progress` returns. */
  export interface ProgressBar {
    /** Moves the bar (0 to 1) and changes its text. */
    progress(value: number, text?: string): void;
  }

  export interface StatusOptions {
    /** `running` (the default: a spinner), `complete` or `error`. */
    state?: 'running' | 'complete' | 'error';
    /** Open the box from the start. */
    expanded?: boolean;
  }

  /** What `st.status` returns: a container whose label, state and expansion change as the task goes. */
  export interface StatusContainer extends St {
    update(options: StatusOptions & { label?: string }): void;
  }
}
