/**
 * The element tree an app run produces and the webview renders. Every element has an id that is
 * stable across reruns (widgets: their identity; others: their position), so React keeps DOM nodes,
 * focus and scroll position between runs.
 */
import * as z from 'zod';
import { ComponentValue } from './component';
import { BlobId, BlobPayload } from './blobs';
import { ChartElement } from './chart';
import { ComponentV2Element, ComponentV2Value } from './componentV2';
import { layoutContainers, layoutContent, layoutValueSchemas, layoutWidgets } from './layoutElements';
import { DataframeSelection, EditorState, gridElements } from './dataframe';
import { FormNode, FormSubmission, FormSubmitButtonElement, FragmentNode } from './flow';

const id = z.string().min(1).max(300);
const label = z.string().max(1000);
/** A component argument's name. */
const ArgName = z.string().min(1).max(200);
const Option = z.string().max(500);

/** Selected option indexes (multiselect, pills, segmented control): distinct. */
const Indexes = z
  .array(z.number().int().min(0).max(999))
  .max(1000)
  .refine((xs) => new Set(xs).size === xs.length, 'indexes must be distinct');
/** 'YYYY-MM-DD', a real calendar date. */
export const IsoDate = z.iso.date();
/** 'HH:MM', 24-hour clock. */
export const IsoTime = z.iso.time({ precision: -1 });
/** '#rrggbb', lower case. */
export const Color = z.string().regex(/^#[0-9a-f]{6}$/, 'a colour is "#rrggbb" (lower-case hex)');
const OptionIndex = z.number().int().min(0).max(999);
/** One option's index, or a range [from, to] with from ≤ to. */
const SliderValue = z.union([OptionIndex, z.tuple([OptionIndex, OptionIndex]).refine(([a, b]) => a <= b, 'a range runs from low to high')]);
export const FeedbackKind = z.enum(['thumbs', 'faces', 'stars']);
const FeedbackValue = z.number().int().min(0).max(4).nullable();

/** At most this many files in one uploader; all of them together within its maxBytes. */
export const MAX_UPLOAD_FILES = 20;
/** What a file uploader keeps in session state: the files' bytes as base64, and the last pick's error. */
export const UploadedFiles = z.object({
  files: z
    .array(
      z.object({
        name: z.string().max(500),
        type: z.string().max(200),
        size: z.number().int().nonnegative(),
        base64: z.string().max(2_000_000),
      }),
    )
    .max(MAX_UPLOAD_FILES),
  error: z.string().max(1000).optional(),
});
export type UploadedFiles = z.infer<typeof UploadedFiles>;

/**
 * A file uploader's edit in a form: the files the host picked and holds for the form's submit
 * (`pick`, the host's token for them), `null` once removed; absent when only an `error` of a refused
 * pick is shown (the submit then changes nothing). The view shows `files`; the bytes stay on the host.
 */
export const FormUploadDraft = z.object({
  pick: z.string().min(1).max(100).nullable().optional(),
  files: z.array(z.object({ name: z.string().max(500), size: z.number().int().nonnegative() })).max(MAX_UPLOAD_FILES),
  error: z.string().max(1000).optional(),
});
export type FormUploadDraft = z.infer<typeof FormUploadDraft>;

/** The host's answer to a file uploader's Browse in a form: the new edit, or why the pick was refused; neither when cancelled. */
export const FormFilePick = z.object({ draft: FormUploadDraft.optional(), error: z.string().max(1000).optional() });
export type FormFilePick = z.infer<typeof FormFilePick>;

export const AlertLevel = z.enum(['info', 'success', 'warning', 'error']);
/** Streamlit's named colours (metric deltas, badges), drawn in the theme's chart colours. */
export const PaletteColour = z.enum(['red', 'orange', 'yellow', 'green', 'blue', 'violet', 'gray', 'primary']);

const content = {
  title: z.object({ kind: z.literal('title'), id, text: label }),
  header: z.object({ kind: z.literal('header'), id, text: label }),
  markdown: z.object({ kind: z.literal('markdown'), id, text: z.string().max(100_000) }),
  text: z.object({ kind: z.literal('text'), id, text: z.string().max(100_000) }),
  caption: z.object({ kind: z.literal('caption'), id, text: z.string().max(10_000) }),
  code: z.object({
    kind: z.literal('code'),
    id,
    code: z.string().max(200_000),
    language: z.string().max(50).optional(),
    lineNumbers: z.boolean().optional(),
    wrapLines: z.boolean().optional(),
  }),
  json: z.object({ kind: z.literal('json'), id, json: z.string().max(200_000) }),
  divider: z.object({ kind: z.literal('divider'), id }),
  alert: z.object({ kind: z.literal('alert'), id, level: AlertLevel, text: z.string().max(10_000) }),
  progress: z.object({ kind: z.literal('progress'), id, value: z.number().min(0).max(1), text: label.optional() }),
  table: z.object({
    kind: z.literal('table'),
    id,
    columns: z.array(label).max(100),
    rows: z.array(z.array(z.string().max(10_000)).max(100)).max(10_000),
  }),
  error: z.object({
    kind: z.literal('error'),
    id,
    message: z.string().max(10_000),
    stack: z.string().max(20_000).optional(),
    /** The exception that ended the run here: shows the run's error (its stack mapped to the app's sources). */
    uncaught: z.literal(true).optional(),
  }),
  /** Shown while `st.spinner`'s function runs. */
  spinner: z.object({ kind: z.literal('spinner'), id, text: label }),
  metric: z.object({
    kind: z.literal('metric'),
    id,
    label,
    value: z.string().max(1000),
    delta: z.string().max(1000).optional(),
    color: PaletteColour,
    arrow: z.enum(['up', 'down', 'none']),
    border: z.boolean(),
    help: z.string().max(10_000).optional(),
  }),
  /** An image as a data: URL (the host read the file or got the bytes; the view fetches nothing). */
  image: z.object({
    kind: z.literal('image'),
    id,
    src: z
      .string()
      .max(3_000_000)
      .regex(/^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]*$/),
    alt: label,
    caption: label.optional(),
    width: z.number().int().positive().max(10_000).optional(),
  }),
  badge: z.object({ kind: z.literal('badge'), id, text: label, color: PaletteColour, icon: z.string().max(20).optional() }),
  /** Shown once per `st.toast` call: `toastId` is new for each call, the same when a render is replayed. */
  toast: z.object({
    kind: z.literal('toast'),
    id,
    toastId: z.string().min(1).max(100),
    text: z.string().max(10_000),
    icon: z.string().max(20).optional(),
    /** How long it stays; 0: until dismissed. */
    durationMs: z.number().int().min(0).max(3_600_000),
  }),
  ...layoutContent,
  /** `st.lineChart` and the other charts, and `st.vegaLiteChart` (protocol/chart.ts). */
  vega_lite_chart: ChartElement,
};

/** Elements that send values back: their kinds are the widget kinds. */
const widgetElements = {
  button: z.object({ kind: z.literal('button'), id, label, disabled: z.boolean() }),
  checkbox: z.object({ kind: z.literal('checkbox'), id, label, value: z.boolean(), disabled: z.boolean() }),
  toggle: z.object({ kind: z.literal('toggle'), id, label, value: z.boolean(), disabled: z.boolean() }),
  text_input: z.object({
    kind: z.literal('text_input'),
    id,
    label,
    value: z.string().max(100_000),
    placeholder: z.string().max(500).optional(),
    disabled: z.boolean(),
  }),
  number_input: z.object({
    kind: z.literal('number_input'),
    id,
    label,
    value: z.number(),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().positive(),
    disabled: z.boolean(),
  }),
  slider: z.object({
    kind: z.literal('slider'),
    id,
    label,
    value: z.number(),
    min: z.number(),
    max: z.number(),
    step: z.number().positive(),
    disabled: z.boolean(),
  }),
  select: z.object({
    kind: z.literal('select'),
    id,
    label,
    options: z.array(Option).max(1000),
    value: z.number().int().min(0),
    disabled: z.boolean(),
  }),
  radio: z.object({
    kind: z.literal('radio'),
    id,
    label,
    options: z.array(Option).max(100),
    value: z.number().int().min(0),
    disabled: z.boolean(),
  }),
  multiselect: z.object({
    kind: z.literal('multiselect'),
    id,
    label,
    options: z.array(Option).max(1000),
    value: Indexes,
    maxSelections: z.number().int().positive().optional(),
    placeholder: z.string().max(500).optional(),
    disabled: z.boolean(),
  }),
  text_area: z.object({
    kind: z.literal('text_area'),
    id,
    label,
    value: z.string().max(100_000),
    height: z.number().int().min(68).max(10_000).optional(),
    placeholder: z.string().max(500).optional(),
    maxChars: z.number().int().positive().max(100_000).optional(),
    disabled: z.boolean(),
  }),
  date_input: z.object({
    kind: z.literal('date_input'),
    id,
    label,
    value: IsoDate.nullable(),
    min: IsoDate,
    max: IsoDate,
    disabled: z.boolean(),
  }),
  time_input: z.object({
    kind: z.literal('time_input'),
    id,
    label,
    value: IsoTime.nullable(),
    step: z.number().int().min(60).max(82_800),
    disabled: z.boolean(),
  }),
  color_picker: z.object({ kind: z.literal('color_picker'), id, label, value: Color, disabled: z.boolean() }),
  select_slider: z.object({
    kind: z.literal('select_slider'),
    id,
    label,
    options: z.array(Option).min(1).max(1000),
    value: SliderValue,
    disabled: z.boolean(),
  }),
  pills: z.object({
    kind: z.literal('pills'),
    id,
    label,
    options: z.array(Option).max(100),
    value: Indexes,
    multi: z.boolean(),
    disabled: z.boolean(),
  }),
  segmented_control: z.object({
    kind: z.literal('segmented_control'),
    id,
    label,
    options: z.array(Option).max(100),
    value: Indexes,
    multi: z.boolean(),
    disabled: z.boolean(),
  }),
  feedback: z.object({ kind: z.literal('feedback'), id, sentiment: FeedbackKind, value: FeedbackValue, disabled: z.boolean() }),
  /** Files come through VS Code's open dialog on the host; the view only shows their names and sizes. */
  file_uploader: z.object({
    kind: z.literal('file_uploader'),
    id,
    label,
    accept: z.array(z.string().max(50)).max(100),
    multiple: z.boolean(),
    maxBytes: z.number().int().positive(),
    files: z.array(z.object({ name: z.string().max(500), size: z.number().int().nonnegative() })).max(MAX_UPLOAD_FILES),
    error: z.string().max(1000).optional(),
    disabled: z.boolean(),
  }),
  /** The data stays on the host; a click opens VS Code's save dialog there. */
  download_button: z.object({ kind: z.literal('download_button'), id, label, fileName: z.string().max(500), disabled: z.boolean() }),
  /** A click asks the host to open the URL (http, https or mailto) with vscode.env.openExternal. */
  link_button: z.object({ kind: z.literal('link_button'), id, label, url: z.string().max(8000), disabled: z.boolean() }),
  /** A nested component (Streamlit v1 protocol) in a sandboxed iframe served from `url`. */
  component: z.object({
    kind: z.literal('component'),
    id,
    name: z.string().max(100),
    url: z.string().max(2000),
    args: z.record(z.string(), z.json()),
    /** Table arguments (Streamlit's `dfs`): each names its three Arrow IPC streams, which travel beside the nodes. */
    dfs: z.array(z.object({ key: ArgName, data: BlobId, index: BlobId, columns: BlobId })).max(100),
    /** Bytes arguments, by name: a Uint8Array in the component's args, as Streamlit's. */
    bytesArgs: z.record(ArgName, BlobId),
    payload: BlobPayload,
    height: z.number().nonnegative().optional(),
    disabled: z.boolean(),
    readyTimeoutMs: z.number().int().positive(),
  }),
  /** A Streamlit v2 (frameless) component instance, mounted in its own sandboxed runtime frame. */
  component_v2: ComponentV2Element,
  ...layoutWidgets,
  ...gridElements,
  form_submit_button: FormSubmitButtonElement,
};

const leaf = { ...content, ...widgetElements };
export type LeafElement = z.infer<(typeof leaf)[keyof typeof leaf]>;

export const StatusState = z.enum(['running', 'complete', 'error']);
export type StatusState = z.infer<typeof StatusState>;

/**
 * Containers as the view holds them: the element without its children, which live in the
 * container's slots (see protocol/render.ts). `slotCount` says how many slots each has.
 */
const containers = {
  expander: z.object({ kind: z.literal('expander'), id, label, expanded: z.boolean() }),
  tabs: z.object({ kind: z.literal('tabs'), id, labels: z.array(label).min(1).max(50) }),
  columns: z.object({ kind: z.literal('columns'), id, count: z.number().int().min(1).max(12) }),
  /** `st.container()` and `st.empty()`: a place an app fills (and, for `empty`, overwrites). */
  container: z.object({ kind: z.literal('container'), id, border: z.boolean(), height: z.number().positive().max(10_000).optional() }),
  /** `st.status(label)`: an expandable container with a running / complete / error state. */
  status: z.object({ kind: z.literal('status'), id, label, state: StatusState, expanded: z.boolean() }),
  ...layoutContainers,
  form: FormNode,
  fragment: FragmentNode,
};
export type ContainerNode = z.infer<(typeof containers)[keyof typeof containers]>;

/** One node of the view: a leaf element, or a container whose children are in its slots. */
const viewNodes = [...Object.values(leaf), ...Object.values(containers)];
export const ViewNode: z.ZodType<ViewNode> = z.discriminatedUnion('kind', viewNodes as [(typeof viewNodes)[number], ...typeof viewNodes]);
export type ViewNode = LeafElement | ContainerNode;

/** How many child slots a node has (leaves: none). */
export function slotCount(node: ViewNode): number {
  switch (node.kind) {
    case 'tabs':
      return node.labels.length;
    case 'columns':
      return node.count;
    case 'expander':
    case 'container':
    case 'status':
    case 'chat_message':
    case 'popover':
    case 'dialog':
    case 'form':
    case 'fragment':
      return 1;
    default:
      return 0;
  }
}

/** An app run's output as a tree: containers carry their children, one list per slot. */
export type Element = LeafElement | (ContainerNode & { slots: Element[][] });

/** Widgets: leaves that send values, and the dialog (a container the user closes). */
export type WidgetKind = keyof typeof widgetElements | 'dialog';
export type ElementKind = Element['kind'];

/** The value a widget event carries, by widget kind: what the host accepts from the webview. */
export const widgetValueSchemas = {
  button: z.literal(true),
  checkbox: z.boolean(),
  toggle: z.boolean(),
  text_input: z.string().max(100_000),
  number_input: z.number().finite(),
  slider: z.number().finite(),
  select: z.number().int().min(0),
  radio: z.number().int().min(0),
  multiselect: Indexes,
  text_area: z.string().max(100_000),
  date_input: IsoDate.nullable(),
  time_input: IsoTime.nullable(),
  color_picker: Color,
  select_slider: SliderValue,
  pills: Indexes,
  segmented_control: Indexes,
  feedback: FeedbackValue,
  /** Open the host's file dialog, or forget the files picked. */
  file_uploader: z.enum(['pick', 'clear']),
  download_button: z.literal(true),
  link_button: z.literal(true),
  component: ComponentValue,
  component_v2: ComponentV2Value,
  ...layoutValueSchemas,
  dataframe: DataframeSelection,
  data_editor: EditorState,
  form_submit_button: FormSubmission,
} as const satisfies Record<WidgetKind, z.ZodType>;

/** A switch over a closed union ends here: a forgotten case fails the type-check instead of doing nothing. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)?.slice(0, 200)}`);
}
