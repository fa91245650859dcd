/**
 * The Vega-Lite specs of `st.lineChart`, `st.barChart`, `st.areaChart` and `st.scatterChart`, built
 * as Streamlit 1.64 builds them (streamlit/elements/lib/built_in_chart_utils.py): x defaults to the
 * row index, several y columns are melted into one series per column, colours and sizes come from a
 * column or a value, and the chart zooms and pans (line charts also mark the nearest point). Also
 * the spec of `st.vegaLiteChart`. Pure, apart from `St`, so the rules are unit-tested on their own.
 */
import { ChartSpec, MAX_CHART_SPEC_CHARS, type ChartElement } from '../../protocol';
import { chartTable, chartValues, type ChartTable, type Row } from './chartData';

export type ChartKind = 'line' | 'bar' | 'area' | 'scatter';
/** A colour: CSS hex text, or an RGB(A) tuple (0–255, alpha 0–1). */
export type ChartColour = string | readonly [number, number, number] | readonly [number, number, number, number];
export type ChartStack = boolean | 'normalize' | 'center' | 'layered' | null;

export interface ChartOptions {
  /** The x column; by default the row index. */
  x?: string;
  /** The y column or columns; by default every other column (one series each). */
  y?: string | readonly string[];
  xLabel?: string;
  yLabel?: string;
  /** A column (one colour per value), a colour, or one colour per y column. */
  color?: string | ChartColour | readonly ChartColour[];
  /** "stretch" (default, the panel's width), "content" (Vega-Lite's), or pixels. */
  width?: 'stretch' | 'content' | number;
  /** "content" (default) or pixels. */
  height?: 'content' | number;
}
export interface BarChartOptions extends ChartOptions {
  horizontal?: boolean;
  /** true stacks, false groups side by side, "layered" overlaps, "normalize" and "center" as Vega-Lite's; default: Vega-Lite's. */
  stack?: ChartStack;
  /** true (default) Vega-Lite's order, false the data's, or a column ("-col" descending). */
  sort?: boolean | string;
}
export interface AreaChartOptions extends ChartOptions {
  stack?: ChartStack;
}
export interface ScatterChartOptions extends ChartOptions {
  /** A column, or the points' area in pixels (default 100). */
  size?: string | number;
}
export type AnyChartOptions = BarChartOptions & ScatterChartOptions;

// Streamlit's internal names for the index and the melted columns (never shown: titles say "index", "value", "color").
const SUFFIX = ' -- streamlit-generated';
const INDEX = `index${SUFFIX}`;
const VALUE = `value${SUFFIX}`;
const COLOUR = `color${SUFFIX}`;
const COLOUR_LEGEND = { titlePadding: 5, offset: 5, orient: 'bottom' };
const SIZE_LEGEND = { titlePadding: 0.5, offset: 5, orient: 'bottom' };
const MARKS: Record<ChartKind, string> = { line: 'line', bar: 'bar', area: 'area', scatter: 'circle' };
const COMMANDS: Record<ChartKind, string> = { line: 'st.lineChart', bar: 'st.barChart', area: 'st.areaChart', scatter: 'st.scatterChart' };
/** Streamlit's colour names, drawn in the theme's chart colours by the view. */
const NAMED = new Set(['red', 'orange', 'yellow', 'green', 'blue', 'violet', 'gray', 'grey', 'primary']);

type Json = ChartSpec[string];
type Encoding = Record<string, Json>;

/** A field name as Vega-Lite reads it: `.`, `[`, `]` and `\` would be nested access, so they are escaped. */
export const field = (name: string): string => name.replace(/[.[\]\\]/g, '\\$&');

/** A colour as CSS text; Streamlit's names only as a value (a column of "red", "blue"… is categories, as in Streamlit). */
function colourText(c: unknown, names = true): string | undefined {
  if (typeof c === 'string') {
    if (/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(c)) return c;
    if (names && NAMED.has(c)) return c === 'grey' ? 'gray' : c;
    return undefined;
  }
  if (Array.isArray(c) && (c.length === 3 || c.length === 4) && c.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    const [r, g, b, a = 1] = c as number[];
    // Streamlit reads a tuple of numbers above 1 as 0–255 channels; an alpha is 0–1.
    return `rgba(${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v!)))).join(', ')}, ${Math.min(1, Math.max(0, a))})`;
  }
  return undefined;
}
const isColour = (c: unknown): boolean => colourText(c) !== undefined;

function column(table: ChartTable, name: unknown, what: string, option: string): string {
  if (typeof name !== 'string') throw new Error(`${what}: ${option} must be a column name; got ${JSON.stringify(name)}`);
  if (!table.columns.includes(name)) {
    throw new Error(
      `${what}: the data has no column "${name}" (${option}); its columns are ${table.columns.map((c) => `"${c}"`).join(', ') || 'none'}`,
    );
  }
  return name;
}

/** The spec of a simple chart, from the app's data and options. */
export function builtinChartSpec(kind: ChartKind, data: unknown, options: AnyChartOptions = {}): ChartSpec {
  const what = COMMANDS[kind];
  const table = chartTable(data, what);
  const bar = kind === 'bar';
  const horizontal = bar && Boolean(options.horizontal);
  const stack = options.stack;
  if (stack !== undefined && stack !== null && ![true, false, 'normalize', 'center', 'layered'].includes(stack)) {
    throw new Error(`${what}: stack must be true, false, "normalize", "center", "layered" or null; got ${JSON.stringify(stack)}`);
  }
  const x = options.x === undefined ? undefined : column(table, options.x, what, 'x');
  const colourColumn = typeof options.color === 'string' && table.columns.includes(options.color) ? options.color : undefined;
  const colourValue = colourColumn === undefined ? options.color : undefined;
  const sizeColumn = kind === 'scatter' && typeof options.size === 'string' ? column(table, options.size, what, 'size') : undefined;
  const sortColumn = bar && typeof options.sort === 'string' ? column(table, options.sort.replace(/^-/, ''), what, 'sort') : undefined;
  const ys =
    options.y === undefined
      ? table.columns.filter((c) => c !== x && c !== colourColumn && c !== sizeColumn)
      : (typeof options.y === 'string' ? [options.y] : [...options.y]).map((c) => column(table, c, what, 'y'));

  // Rows: the index pulled into a column when x is not given, then several y columns melted into one.
  const xField = x ?? (ys.length > 0 ? INDEX : undefined);
  let rows: Row[] = xField === INDEX ? table.rows.map((r, i) => ({ [INDEX]: i, ...r })) : table.rows;
  let yField = ys[0];
  let colourField = colourColumn;
  const melted = ys.length > 1 && xField !== undefined;
  if (melted) {
    const keep = [...new Set([xField, sizeColumn, sortColumn].filter((c): c is string => c !== undefined))];
    rows = ys.flatMap((y) =>
      rows.map((r) => ({ ...Object.fromEntries(keep.map((k) => [k, r[k] ?? null])), [COLOUR]: y, [VALUE]: r[y] ?? null })),
    );
    yField = VALUE;
    colourField = COLOUR;
  }
  const typeOf = (c: string | undefined) => (c === undefined || c === INDEX || c === VALUE ? 'quantitative' : table.types[c]!);
  const axis = (c: string | undefined, grid: boolean): Encoding =>
    c !== undefined && (table.integers.has(c) || c === INDEX) ? { tickMinStep: 1, grid } : { grid };

  // The category axis (x; y of a horizontal bar chart) and the value axis.
  const category: Encoding = {
    field: field(xField ?? `DOES_NOT_EXIST${SUFFIX}`),
    title: options.xLabel ?? (x === undefined ? '' : x),
    type: bar && typeOf(xField) !== 'temporal' ? 'ordinal' : typeOf(xField),
    scale: {},
    axis: axis(xField, horizontal),
  };
  const value: Encoding = {
    field: field(yField ?? `DOES_NOT_EXIST${SUFFIX}`),
    title: options.yLabel ?? (options.y === undefined || melted ? '' : yField!),
    type: typeOf(yField),
    scale: {},
    axis: axis(yField, !horizontal),
  };
  if (stack !== undefined && stack !== null) value.stack = stack === 'layered' ? false : stack;
  if (bar && options.sort === false) category.sort = null;
  if (sortColumn) {
    category.sort = { field: field(sortColumn), order: options.sort!.toString().startsWith('-') ? 'descending' : 'ascending' };
  }
  const encoding: Encoding = horizontal ? { x: value, y: category } : { x: category, y: value };
  if (bar && stack === false && colourField) encoding[horizontal ? 'yOffset' : 'xOffset'] = { field: field(colourField) };
  if (colourField && (kind === 'area' || stack === 'layered')) encoding.opacity = { value: 0.7 };

  // Colour: a value (one series), one value per y column, or a column.
  let legend = true;
  if (colourValue !== undefined && colourValue !== null && !(Array.isArray(colourValue) && colourValue.length === 0)) {
    const list = isColour(colourValue) ? [colourValue] : Array.isArray(colourValue) ? (colourValue as unknown[]) : undefined;
    if (!list || !list.every(isColour)) {
      throw new Error(`${what}: this does not look like a colour or a column: ${JSON.stringify(colourValue)}`);
    }
    if (list.length !== ys.length) {
      throw new Error(`${what}: ${list.length} colour(s) for ${ys.length} y column(s) (${ys.join(', ')}): give one colour per y column`);
    }
    const colours = list.map((c) => colourText(c)!);
    encoding.color =
      colours.length === 1
        ? { value: colours[0]! }
        : { field: field(COLOUR), scale: { domain: ys, range: colours }, legend: COLOUR_LEGEND, type: 'nominal', title: ' ' };
  } else if (colourField) {
    const colour: Encoding = {
      field: field(colourField),
      legend: COLOUR_LEGEND,
      type: colourField === COLOUR ? 'nominal' : typeOf(colourField),
    };
    if (colourField === COLOUR) colour.title = ' ';
    else if (rows.length > 0 && colourText(rows[0]![colourField], false)) {
      // A column of colours: the colours themselves, and no legend of their codes.
      colour.scale = { range: [...new Set(rows.map((r) => colourText(r[colourField], false) ?? '#888888'))] };
      colour.legend = null;
      legend = false;
    }
    encoding.color = colour;
  }
  if (kind === 'scatter') {
    if (sizeColumn) encoding.size = { field: field(sizeColumn), title: sizeColumn, legend: SIZE_LEGEND, type: typeOf(sizeColumn) };
    else if (options.size === undefined) encoding.size = { value: 100 };
    else if (typeof options.size === 'number' && Number.isFinite(options.size)) encoding.size = { value: options.size };
    else throw new Error(`${what}: this does not look like a size: ${JSON.stringify(options.size)}`);
  }
  if (xField !== undefined && yField !== undefined) {
    // Typed as the data is (Altair infers each field's type), titled by the user's names.
    const tip = (c: string, title = c) => ({ field: field(c), title, type: c === COLOUR ? 'nominal' : typeOf(c) });
    const tooltip: Json[] = [tip(xField, xField === INDEX ? 'index' : xField), tip(yField, yField === VALUE ? 'value' : yField)];
    if (colourField && legend) tooltip.push(tip(colourField, colourField === COLOUR ? 'color' : colourField));
    if (sizeColumn) tooltip.push(tip(sizeColumn));
    encoding.tooltip = tooltip;
  }

  // Zoom and pan on the continuous axes (Altair's `.interactive()`).
  const continuous = (['x', 'y'] as const).filter((c) => ['quantitative', 'temporal'].includes((encoding[c] as Encoding).type as string));
  const zoom: Json[] = continuous.length ? [{ name: 'zoom', select: { type: 'interval', encodings: continuous }, bind: 'scales' }] : [];
  const spec: ChartSpec = { data: { values: rows }, encoding };
  sizeInto(spec, options, what);
  if (kind === 'line' && xField !== undefined) {
    // The nearest point under the pointer is marked (and its tooltip shown), as Streamlit's line charts do.
    const hover = {
      name: 'hover',
      select: {
        type: 'point',
        nearest: true,
        on: rows.length > 1000 ? 'pointermove{16}' : 'pointermove',
        fields: [field(xField)],
        clear: 'pointerleave',
      },
    };
    spec.layer = [
      { mark: MARKS.line, params: zoom },
      { mark: { type: 'point', opacity: 0 }, params: [hover] },
      { mark: { type: 'point', filled: true, size: 65 }, transform: [{ filter: { param: 'hover', empty: false } }] },
    ];
    spec.config = { legend: { symbolType: 'stroke' } };
  } else {
    spec.mark = MARKS[kind];
    if (zoom.length) spec.params = zoom;
  }
  return checkedSpec(spec, what);
}

/** Width and height as Streamlit's: "stretch" fills the panel's width (Vega-Lite's "container"). */
function sizeInto(spec: ChartSpec, options: { width?: unknown; height?: unknown }, what: string): void {
  const { width = 'stretch', height = 'content' } = options;
  if (width === 'stretch') spec.width = 'container';
  else if (typeof width === 'number' && width > 0 && width <= 10_000) spec.width = Math.round(width);
  else if (width !== 'content') {
    throw new Error(`${what}: width must be "stretch", "content" or pixels (1–10000); got ${JSON.stringify(width)}`);
  }
  if (typeof height === 'number' && height > 0 && height <= 10_000) spec.height = Math.round(height);
  else if (height !== 'content') throw new Error(`${what}: height must be "content" or pixels (1–10000); got ${JSON.stringify(height)}`);
}

function checkedSpec(spec: unknown, what: string): ChartSpec {
  const parsed = ChartSpec.safeParse(spec);
  if (parsed.success) return parsed.data;
  const size = JSON.stringify(spec)?.length ?? 0;
  if (size > MAX_CHART_SPEC_CHARS) {
    throw new Error(`${what}: the chart with its data is ${size} characters of JSON, over the ${MAX_CHART_SPEC_CHARS} a chart may have`);
  }
  const issue = parsed.error.issues[0];
  throw new Error(`${what}: the spec is not JSON (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
}

export interface VegaLiteChartOptions {
  /** The chart's data (rows or columns), put in the spec as `data: { values }`. */
  data?: unknown;
  /** "stretch" (default: the panel's width, unless the spec sets one), "content", or pixels. */
  width?: 'stretch' | 'content' | number;
  height?: 'content' | number;
  /** "streamlit" (default): VS Code's colours; null: Vega-Lite's own. */
  theme?: 'streamlit' | null;
}

/** `st.vegaLiteChart`'s element: the app's spec (a copy, as JSON) with its data and size. */
export function vegaLiteChartElement(spec: unknown, options: VegaLiteChartOptions = {}): Omit<ChartElement, 'id'> {
  const what = 'st.vegaLiteChart';
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new Error(`${what}: the spec must be a Vega-Lite spec object`);
  }
  if (options.theme !== undefined && options.theme !== null && options.theme !== 'streamlit') {
    throw new Error(`${what}: theme must be "streamlit" or null; got ${JSON.stringify(options.theme)}`);
  }
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(spec)) as unknown;
  } catch (err) {
    throw new Error(`${what}: the spec is not JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const out = copy as ChartSpec;
  if (options.data !== undefined) out.data = { values: chartValues(options.data, what) };
  const width = options.width ?? ('width' in out ? 'content' : 'stretch');
  sizeInto(out, { width, height: options.height }, what);
  return { kind: 'vega_lite_chart', spec: checkedSpec(out, what), chart: 'vega_lite', themed: options.theme !== null };
}

/** A simple chart's element. */
export function builtinChartElement(kind: ChartKind, data: unknown, options: AnyChartOptions = {}): Omit<ChartElement, 'id'> {
  return { kind: 'vega_lite_chart', spec: builtinChartSpec(kind, data, options), chart: kind, themed: true };
}
