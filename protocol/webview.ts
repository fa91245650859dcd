/**
 * Messages between the extension host and the side-panel webview.
 * This module imports neither `vscode` nor the DOM: both sides compile against it.
 */
import * as z from 'zod';
import { SessionInfo } from './auth';
import { ErrorInfo, describeIssues } from './errors';
import { ApiCallResult, ApiRoute } from './server';
import { AckMessage, EventHistory, RenderMessage, SourceLocation, WidgetEvent } from './app';
import { ComponentCall, ComponentOutcome } from './component';
import { FormFilePick } from './elements';
import { checkValueBounds, MAX_MESSAGE_DEPTH, MAX_MESSAGE_NODES } from './valueBounds';

export const PROTOCOL_VERSION = 1;
/** Largest message either side accepts, in UTF-16 code units of its JSON. */
export const MAX_MESSAGE_CHARS = 1_000_000;
/** Binary data in one message from the webview (a component's table or bytes value, with room for its event's envelope). */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

// ---------- requests the webview sends and the host answers ----------

export const webviewRequests = {
  /** Round trip used by the foundation's first behaviour and by benchmarks. */
  echo: {
    params: z.object({ text: z.string().max(10_000) }),
    result: z.object({ text: z.string(), receivedAt: z.number() }),
  },
  /** Call an API server route through the host, which adds the token; the webview never holds one. */
  callApi: {
    params: z.object({ route: ApiRoute }),
    result: ApiCallResult,
  },
  signIn: { params: z.object({}), result: SessionInfo },
  signOut: { params: z.object({}), result: SessionInfo },
  /** A component frame's request (notifier, storage, host APIs), relayed; results are checked per method by both ends. */
  component: { params: ComponentCall, result: ComponentOutcome },
  /** A component did something its sandbox refused (posted outside its channel, flooded): logged by the host. */
  reportIsolation: {
    params: z.object({
      component: z.string().max(100),
      what: z.enum(['foreign-message', 'invalid-message', 'flood']),
      count: z.number().int().positive().max(1e9),
    }),
    result: z.object({ logged: z.literal(true) }),
  },
  /** The view's elements lost track of the host's (a patch did not fit): the host sends a snapshot. */
  renderSnapshot: { params: z.object({}), result: z.object({ sent: z.boolean() }) },
  /** A file uploader's Browse in a form: the host opens VS Code's open dialog and holds the files until the form's submit. */
  pickFormFiles: { params: z.object({ widgetId: z.string().min(1).max(300) }), result: FormFilePick },
  /** A location link of an app error was clicked: the host opens that workspace file at that line. */
  openSource: { params: SourceLocation, result: z.object({ opened: z.boolean() }) },
} as const;
export type WebviewRequestMethod = keyof typeof webviewRequests;
export type WebviewRequestParams<M extends WebviewRequestMethod> = z.infer<(typeof webviewRequests)[M]['params']>;
export type WebviewRequestResult<M extends WebviewRequestMethod> = z.infer<(typeof webviewRequests)[M]['result']>;

// ---------- webview → host ----------

export const ReadyMessage = z.object({
  type: z.literal('ready'),
  protocolVersion: z.number().int(),
  /** Histories of earlier documents that left events unacknowledged: the host acks each. */
  previousHistories: z.array(EventHistory).max(8).optional(),
});
export const RequestMessage = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
});
export const WebviewToHost = z.discriminatedUnion('type', [ReadyMessage, RequestMessage, WidgetEvent]);
export type WebviewToHost = z.infer<typeof WebviewToHost>;

// ---------- host → webview ----------

export const HostInfo = z.object({
  extensionVersion: z.string(),
  uiKind: z.enum(['desktop', 'web']),
  remoteName: z.string().nullable(),
  activationMs: z.number(),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const HelloMessage = z.object({ type: z.literal('hello'), host: HostInfo });
export const NoticeMessage = z.object({
  type: z.literal('notice'),
  seq: z.number().int(),
  text: z.string(),
});
export const ResponseMessage = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(false), error: ErrorInfo }),
]);
/** Reply to a message the host could not accept; `inReplyTo` is the offending type when known. */
export const ErrorMessage = z.object({
  type: z.literal('error'),
  error: ErrorInfo,
  inReplyTo: z.string().max(100).optional(),
});
/** Who is signed in, sent on ready and on every change: never a token (SessionInfo is strict). */
export const SessionMessage = z.object({ type: z.literal('session'), info: SessionInfo });
export const HostToWebview = z.discriminatedUnion('type', [
  HelloMessage,
  NoticeMessage,
  SessionMessage,
  RenderMessage,
  AckMessage,
  ResponseMessage,
  ErrorMessage,
]);
export type HostToWebview = z.infer<typeof HostToWebview>;
export type ErrorMessage = z.infer<typeof ErrorMessage>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo; type?: string };

/** Validate an untrusted webview message; the error never contains the input itself. */
export function parseWebviewMessage(raw: unknown): ParseResult<WebviewToHost> {
  // The type name is echoed in errors and logs, so only a short, harmless form of it.
  const type =
    typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
      ? (raw as { type: string }).type.replace(/[^\w:.-]/g, '?').slice(0, 40)
      : undefined;
  // Bounded before any schema walks it (deep nesting, huge counts); bytes (a component's table) have their own budget.
  const bounded = checkValueBounds(raw, {
    depth: MAX_MESSAGE_DEPTH,
    nodes: MAX_MESSAGE_NODES,
    size: MAX_MESSAGE_CHARS,
    bytes: MAX_MESSAGE_BYTES,
  });
  if (!bounded.ok) return { ok: false, type, error: { code: 'too-large', message: `a message must not be ${bounded.reason}` } };
  if (type !== undefined && !WebviewToHost.options.some((o) => o.shape.type.value === type)) {
    return { ok: false, type, error: { code: 'unknown-type', message: `unknown message type "${type}"` } };
  }
  const parsed = WebviewToHost.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, type, error: { code: 'invalid-message', message: describeIssues(parsed.error) } };
  }
  return { ok: true, value: parsed.data };
}
