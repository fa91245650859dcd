/**
 * Streamlit's frameless components ("Custom Components v2"), as Component Host runs them: the element
 * the app declares, the changes the front end sends back (state and trigger values), and the private
 * channel between the webview and the runtime frame a v2 component is mounted in.
 *
 * The component's own contract is `@streamlit/component-v2-lib` (an ES module whose default export is
 * called with { data, key, name, parentElement, setStateValue, setTriggerValue }); nothing here is
 * visible to it.
 */
import * as z from 'zod';
import { ErrorInfo } from './errors';
import { BlobBytes, BlobId, BlobPayload } from './blobs';

export const MAX_V2_SOURCE_CHARS = 500_000;
const source = z.string().max(MAX_V2_SOURCE_CHARS);

/** Where Streamlit puts a table in mixed data: `{ [ARROW_REF_KEY]: blob id }` in the JSON, replaced by the table. */
export const ARROW_REF_KEY = '__streamlit_arrow_ref__';

/**
 * Data for the renderer, as the host declares it (bytes and tables travel beside the nodes, by id),
 * the four kinds Streamlit 1.64 sends: JSON; bytes (a Uint8Array in the component); an Arrow table as
 * the whole data (its IPC bytes, a Uint8Array); an object with tables at its first level (each an
 * apache-arrow Table in the component).
 */
export const V2Data = z.discriminatedUnion('dataType', [
  z.object({ dataType: z.literal('json'), json: z.json() }),
  z.object({ dataType: z.literal('bytes'), blob: BlobId }),
  z.object({ dataType: z.literal('arrow'), blob: BlobId }),
  z.object({ dataType: z.literal('mixed'), json: z.record(z.string(), z.json()), blobs: z.array(BlobId).max(100) }),
]);
export type V2Data = z.infer<typeof V2Data>;

/** The same data as the runtime frame gets it: the bytes themselves (structured clone). */
export const V2RuntimeData = z.discriminatedUnion('dataType', [
  z.object({ dataType: z.literal('json'), json: z.json() }),
  z.object({ dataType: z.literal('bytes'), bytes: BlobBytes }),
  z.object({ dataType: z.literal('arrow'), bytes: BlobBytes }),
  z.object({ dataType: z.literal('mixed'), json: z.record(z.string(), z.json()), blobs: z.record(BlobId, BlobBytes) }),
]);
export type V2RuntimeData = z.infer<typeof V2RuntimeData>;

const size = z.union([z.number().nonnegative().max(100_000), z.enum(['stretch', 'content'])]);

/** One mounted instance of a registered v2 component (fields flattened into the element tree). */
export const ComponentV2Element = z.object({
  kind: z.literal('component_v2'),
  id: z.string().min(1).max(300),
  name: z.string().min(1).max(100),
  /** The runtime frame's document (on the component server, reached through asExternalUri). */
  runtimeUrl: z.string().max(2000),
  html: source,
  css: source,
  js: source,
  isolateStyles: z.boolean(),
  data: V2Data,
  payload: BlobPayload,
  width: size,
  height: size,
});
export type ComponentV2Element = z.infer<typeof ComponentV2Element>;

/** What one flush of the front end carries to the host: state values (latest per name) and every trigger, in order. */
export const V2Change = z.object({ kind: z.enum(['state', 'trigger']), name: z.string().min(1).max(200), value: z.json() });
export type V2Change = z.infer<typeof V2Change>;
export const ComponentV2Value = z.object({ changes: z.array(V2Change).min(1).max(1000) });
export type ComponentV2Value = z.infer<typeof ComponentV2Value>;

// ---------- webview ⇄ runtime frame, over a MessagePort the component cannot reach ----------

/** First message, posted to the frame's window with the port transferred; later ones go over the port. */
export const V2_INIT = 'componentHost:v2:init';

export const V2Render = z.object({
  type: z.literal('render'),
  name: z.string(),
  html: z.string(),
  css: z.string(),
  js: z.string(),
  isolateStyles: z.boolean(),
  data: V2RuntimeData,
  /** The element's data as declared (ids, not bytes): the runtime compares it to tell new data from the same. */
  dataKey: z.string(),
  /** `--st-*` custom properties, already named and stringified. */
  theme: z.record(z.string().regex(/^--st-[a-z0-9-]+$/), z.string().max(2000)),
});
export type V2Render = z.infer<typeof V2Render>;
export const V2Unmount = z.object({ type: z.literal('unmount') });
export const ToV2Runtime = z.discriminatedUnion('type', [V2Render, V2Unmount]);
export type ToV2Runtime = z.infer<typeof ToV2Runtime>;

export const FromV2Runtime = z.discriminatedUnion('type', [
  z.object({ type: z.literal('change'), change: V2Change }),
  /** The content's height in CSS pixels: the webview sizes the frame to it (no frame height for the component to set). */
  z.object({ type: z.literal('height'), height: z.number().finite().nonnegative().max(100_000) }),
  /** The module failed to load, had no default export, or the renderer threw. */
  z.object({ type: z.literal('error'), error: ErrorInfo }),
  z.object({ type: z.literal('unmounted'), cleanedUp: z.boolean() }),
]);
export type FromV2Runtime = z.infer<typeof FromV2Runtime>;
