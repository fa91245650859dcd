/** Messages of the app host: widget events (webview → host) and renders and acks (host → webview). */
import * as z from 'zod';
import { RenderChanges } from './render';

/** A webview document's numbering of its events: a random id taken when the document loads. */
export const EventHistory = z.string().regex(/^[\w-]{8,64}$/);

/** A widget interaction, numbered 1, 2, 3… within its history (see src/app/eventLedger.ts). */
export const WidgetEvent = z.object({
  type: z.literal('event'),
  history: EventHistory,
  seq: z.number().int().positive(),
  widgetId: z.string().min(1).max(300),
  value: z.unknown(),
});
export type WidgetEvent = z.infer<typeof WidgetEvent>;

export const RunStatus = z.enum(['running', 'slow', 'done', 'error']);
export type RunStatus = z.infer<typeof RunStatus>;

/** A place in a workspace file (relative path, 1-based line and column): a stack frame the view links to. */
export const SourceLocation = z.object({
  file: z.string().min(1).max(1000),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

/** What the view shows above the elements: the run, its status, and the error that ended it. */
export const RenderMeta = z.object({
  runId: z.number().int(),
  app: z.string().max(300),
  /** `running` while a run streams; `slow` once it has run for a few seconds. */
  status: RunStatus,
  /**
   * Set when the run failed. `inPlace`: the elements hold an `uncaught` error where the run stopped,
   * which shows this; else (the app could not start, a rerun loop) it is shown above the elements.
   */
  error: z
    .object({
      message: z.string().max(20_000),
      inPlace: z.literal(true).optional(),
      stack: z.string().max(50_000).optional(),
      /** The app's own frames, mapped to its sources (innermost first). */
      locations: z.array(SourceLocation).max(20).optional(),
    })
    .optional(),
  stats: z.object({ runs: z.number().int(), eventsHandled: z.number().int(), coalesced: z.number().int(), durationMs: z.number() }),
});
export type RenderMeta = z.infer<typeof RenderMeta>;

/** What the host applied of a history, carried by a render (see AckMessage). */
export const RenderAck = z.object({ history: EventHistory, upTo: z.number().int().nonnegative() });
export type RenderAck = z.infer<typeof RenderAck>;

/**
 * The view's elements change (protocol/render.ts). A `patch` turns the state numbered `from` into
 * the one numbered `to`; a view at another number ignores it (older) or asks for a `snapshot`
 * (which replaces whatever the view has; sent on ready too).
 */
export const RenderMessage = z.object({
  type: z.literal('render'),
  mode: z.enum(['patch', 'snapshot']),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  ...RenderMeta.shape,
  ...RenderChanges.shape,
  /** Acks that waited for this render (src/app/pendingAcks.ts): handled as AckMessages. */
  acks: z.array(RenderAck).max(16).optional(),
});
export type RenderMessage = z.infer<typeof RenderMessage>;

/**
 * Every event of `history` with `seq` ≤ `upTo` is applied; the webview may forget them. `resync`: the
 * host saw a gap, so the webview renumbers what it still holds from `upTo + 1` and sends it again.
 */
export const AckMessage = z.object({
  type: z.literal('ack'),
  history: EventHistory,
  upTo: z.number().int().nonnegative(),
  resync: z.boolean().optional(),
});
export type AckMessage = z.infer<typeof AckMessage>;
