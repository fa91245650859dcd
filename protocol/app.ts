/** Messages of the app host: widget events (webview → host) and renders and acks (host → webview). */
import * as z from 'zod';
import { Element } from './elements';

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

export const RunStatus = z.enum(['running', 'done', 'error', 'slow']);
export type RunStatus = z.infer<typeof RunStatus>;

/** A place in a workspace file (relative path, 1-based line and column): a stack frame the view links to. */
export const SourceLocation = z.object({
  file: z.string().min(1).max(1000),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

export const RenderMessage = z.object({
  type: z.literal('render'),
  runId: z.number().int(),
  app: z.string().max(300),
  status: RunStatus,
  elements: z.array(Element),
  /** Set when the run failed: the previous elements stay, this is shown above them. */
  error: z
    .object({
      message: z.string(),
      stack: z.string().optional(),
      /** The app's own frames, mapped to its sources (innermost first). */
      locations: z.array(SourceLocation).max(20).optional(),
    })
    .optional(),
  stats: z.object({ runs: z.number().int(), eventsHandled: z.number().int(), coalesced: z.number().int(), durationMs: z.number() }),
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
