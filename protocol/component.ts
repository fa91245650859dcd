/**
 * Streamlit's component protocol, version 1, exactly as `streamlit-component-lib` speaks it: what a
 * component frame posts to its parent, and the render message it expects back.
 */
import * as z from 'zod';
import { SessionInfo } from './auth';
import { ErrorInfo, describeIssues } from './errors';
import { ApiCallResult, ApiRoute } from './server';
import { checkValueBounds } from './valueBounds';
import { arrowBytes, valueBytes } from './blobs';

export const STREAMLIT_API_VERSION = 1;

export const ComponentReady = z.object({
  isStreamlitMessage: z.literal(true),
  type: z.literal('streamlit:componentReady'),
  apiVersion: z.number(),
});
export const SetFrameHeight = z.object({
  isStreamlitMessage: z.literal(true),
  type: z.literal('streamlit:setFrameHeight'),
  height: z.number().finite().nonnegative().max(100_000),
});
export const SetComponentValue = z.object({
  isStreamlitMessage: z.literal(true),
  type: z.literal('streamlit:setComponentValue'),
  value: z.unknown(),
  dataType: z.enum(['json', 'bytes', 'dataframe']).optional(),
});
export const FromComponent = z.discriminatedUnion('type', [ComponentReady, SetFrameHeight, SetComponentValue]);
export type FromComponent = z.infer<typeof FromComponent>;

const derived = z.string().optional();
/**
 * Theme as Streamlit sends it, taken from VS Code's colours and fonts: Streamlit 1.64 sends 18 keys,
 * the base six and what its front end derives from them (optional here: older releases sent six).
 */
export const StreamlitTheme = z.object({
  base: z.enum(['light', 'dark']),
  primaryColor: z.string(),
  backgroundColor: z.string(),
  secondaryBackgroundColor: z.string(),
  textColor: z.string(),
  font: z.string(),
  bodyFont: derived,
  fadedText05: derived,
  fadedText10: derived,
  fadedText20: derived,
  fadedText40: derived,
  fadedText60: derived,
  bgMix: derived,
  darkenedBgMix100: derived,
  darkenedBgMix40: derived,
  darkenedBgMix25: derived,
  darkenedBgMix15: derived,
  lightenedBg05: derived,
});
export type StreamlitTheme = z.infer<typeof StreamlitTheme>;

/** A table argument as Streamlit's front end sends it: three Arrow IPC streams (data, index, column names). */
export interface StreamlitDataframeArg {
  key: string;
  value: { data: { data: Uint8Array; index: Uint8Array; columns: Uint8Array } };
}

export interface StreamlitRender {
  type: 'streamlit:render';
  /** JSON arguments, and bytes arguments as Uint8Arrays (as Streamlit merges them). */
  args: Record<string, unknown>;
  dfs: StreamlitDataframeArg[];
  disabled: boolean;
  theme: StreamlitTheme;
}

/** The render message as a component receives it (the client lib validates it: the parent is not trusted blindly). */
export const RenderToComponent = z.object({
  type: z.literal('streamlit:render'),
  args: z.record(z.string(), z.unknown()),
  dfs: z.array(z.unknown()),
  disabled: z.boolean(),
  theme: StreamlitTheme.optional(),
});

/** The largest value a component may send back (bytes, or a table's three streams together). */
export const MAX_COMPONENT_VALUE_BYTES = 4 * 1024 * 1024;

/**
 * A component value as it crosses to the host: JSON, bytes, or a table as the three Arrow IPC streams
 * `ArrowTable.serialize()` gives (`dataType: "dataframe"`). Bytes stay binary: VS Code's postMessage
 * carries typed arrays as buffers (the host keeps them as base64 only where it stores JSON).
 */
export const ComponentValue = z.discriminatedUnion('dataType', [
  z.object({ dataType: z.literal('json'), json: z.json() }),
  z.object({ dataType: z.literal('bytes'), bytes: valueBytes(MAX_COMPONENT_VALUE_BYTES) }),
  z
    .object({
      dataType: z.literal('dataframe'),
      data: arrowBytes(MAX_COMPONENT_VALUE_BYTES),
      index: arrowBytes(MAX_COMPONENT_VALUE_BYTES),
      columns: arrowBytes(MAX_COMPONENT_VALUE_BYTES),
    })
    .refine(
      (v) => v.data.byteLength + v.index.byteLength + v.columns.byteLength <= MAX_COMPONENT_VALUE_BYTES,
      `a table of at most ${MAX_COMPONENT_VALUE_BYTES} bytes`,
    ),
]);
export type ComponentValue = z.infer<typeof ComponentValue>;

// ---------- Component Host's extensions (our own component; Streamlit ignores them) ----------
// A component may also ask the host for things, like the original's serverless API routes. Every
// such message is a request with an id; the webview answers each with a response (ok or a typed
// error), so a component never waits on silence. Streamlit components never send these.

/** Events the notifier may send: the host accepts only these names (anything else: "not allowed"). */
export const notifierEvents = {
  status: z.object({ state: z.enum(['idle', 'busy', 'done', 'failed']), detail: z.string().max(1000).optional() }),
  action: z.object({ action: z.string().min(1).max(100), params: z.record(z.string(), z.json()).optional() }),
  report: z.object({ title: z.string().max(200), data: z.json() }),
  error: z.object({ message: z.string().max(2000), stack: z.string().max(10_000).optional() }),
} as const;
export type NotifierEventName = keyof typeof notifierEvents;

const storageKey = z.string().min(1).max(200);
/** Each method's params and result; the host validates both, the client lib types its calls by them. */
export const componentMethods = {
  /** A host round trip that does nothing else (benchmarks: component ⇄ host through the webview). */
  ping: { params: z.object({ sentAt: z.number() }), result: z.object({ sentAt: z.number(), hostAt: z.number() }) },
  /** Event name is checked against the allow-list by the host, so unknown names get a typed error. */
  notify: { params: z.object({ event: z.string().min(1).max(100), payload: z.json() }), result: z.object({ accepted: z.literal(true) }) },
  'storage.get': { params: z.object({ key: storageKey }), result: z.object({ value: z.json().nullable() }) },
  'storage.set': { params: z.object({ key: storageKey, value: z.json() }), result: z.object({ bytesUsed: z.number().int() }) },
  'storage.delete': { params: z.object({ key: storageKey }), result: z.object({ deleted: z.boolean() }) },
  'storage.list': { params: z.object({}), result: z.object({ keys: z.array(z.string()) }) },
  /** Who is signed in, never a token. */
  'host.sessionInfo': { params: z.object({}), result: SessionInfo },
  /** An API server route, called by the host (which adds the token when signed in). */
  'host.callApi': { params: z.object({ route: ApiRoute }), result: ApiCallResult },
  /** A workspace file, opened in an editor (relative path, inside the workspace). */
  'host.openFile': { params: z.object({ path: z.string().min(1).max(1000) }), result: z.object({ opened: z.string() }) },
  'host.showNotification': {
    params: z.object({ message: z.string().min(1).max(1000), severity: z.enum(['info', 'warning', 'error']).default('info') }),
    result: z.object({ shown: z.literal(true) }),
  },
} as const;
export type ComponentMethod = keyof typeof componentMethods;
export type ComponentParams<M extends ComponentMethod> = z.input<(typeof componentMethods)[M]['params']>;
export type ComponentResult<M extends ComponentMethod> = z.infer<(typeof componentMethods)[M]['result']>;

export const COMPONENT_REQUEST = 'componentHost:request';
export const ComponentRequest = z.object({
  isComponentHostMessage: z.literal(true),
  type: z.literal(COMPONENT_REQUEST),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  params: z.json(),
});
export type ComponentRequest = z.infer<typeof ComponentRequest>;

/** Webview → component: the answer to a request, or an error for a message that was not one. */
export type ComponentReply =
  | { type: 'componentHost:response'; id: number; ok: true; result: unknown }
  | { type: 'componentHost:response'; id: number; ok: false; error: ErrorInfo }
  | { type: 'componentHost:error'; error: ErrorInfo };
export const ComponentReply = z.union([
  z.object({ type: z.literal('componentHost:response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('componentHost:response'), id: z.number().int(), ok: z.literal(false), error: ErrorInfo }),
  z.object({ type: z.literal('componentHost:error'), error: ErrorInfo }),
]);

/** What the webview forwards to the host for a component request (the host re-validates all of it). */
export const ComponentCall = z.object({
  component: z.string().min(1).max(100),
  elementId: z.string().min(1).max(300),
  method: z.string().max(100),
  params: z.json(),
});
export type ComponentCall = z.infer<typeof ComponentCall>;
/** The host's answer to a ComponentCall: never thrown, so the typed error reaches the component intact. */
export const ComponentOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.json() }),
  z.object({ ok: z.literal(false), error: ErrorInfo }),
]);
export type ComponentOutcome = z.infer<typeof ComponentOutcome>;

/**
 * Classify whatever a component frame posted. Pure, so it can be fuzzed: a Streamlit v1 message, a
 * Component Host request, or invalid (with the typed error the frame gets back).
 */
export type FrameMessage =
  | { kind: 'streamlit'; message: FromComponent }
  | { kind: 'request'; request: ComponentRequest }
  | { kind: 'invalid'; error: ErrorInfo; id?: number };
export function classifyFrameMessage(data: unknown): FrameMessage {
  if (typeof data !== 'object' || data === null) {
    return { kind: 'invalid', error: { code: 'invalid-message', message: 'a component message is an object' } };
  }
  const record = data as Record<string, unknown>;
  // Depth, count and size first: a hostile frame must get a typed answer, not a stack overflow.
  const bounded = checkValueBounds(data);
  if (!bounded.ok) {
    const id = typeof record.id === 'number' && Number.isSafeInteger(record.id) && record.id >= 0 ? record.id : undefined;
    return {
      kind: 'invalid',
      error: { code: 'too-large', message: `a component message must not be ${bounded.reason}` },
      ...(id !== undefined && record.isComponentHostMessage === true ? { id } : {}),
    };
  }
  if (record.isStreamlitMessage === true) {
    const parsed = FromComponent.safeParse(data);
    return parsed.success
      ? { kind: 'streamlit', message: parsed.data }
      : { kind: 'invalid', error: { code: 'invalid-message', message: `invalid Streamlit message: ${describeIssues(parsed.error)}` } };
  }
  if (record.isComponentHostMessage === true) {
    const parsed = ComponentRequest.safeParse(data);
    if (parsed.success) return { kind: 'request', request: parsed.data };
    const id = typeof record.id === 'number' && Number.isSafeInteger(record.id) && record.id >= 0 ? record.id : undefined;
    return {
      kind: 'invalid',
      error: { code: 'invalid-message', message: `invalid request: ${describeIssues(parsed.error)}` },
      ...(id !== undefined ? { id } : {}),
    };
  }
  return { kind: 'invalid', error: { code: 'unknown-type', message: 'not a Streamlit or Component Host message' } };
}
