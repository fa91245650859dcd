/**
 * The notifier events components sent, newest first, as `st.componentEvents` reads them. They are
 * part of the session, like widget values and the sign-in: kept in the session store (a file, see
 * FileStore) and read back after a window reload. Bounded by count and by size; what is read back is
 * validated like a fresh event, and a damaged copy is dropped (with a warning) rather than trusted.
 */
import * as z from 'zod';
import { notifierEvents, type NotifierEventName } from '../../protocol';
import { COMPONENT_EVENT_LIMIT, type ComponentEvent } from './componentEvents';
import type { StateStorage } from './appState';

/** Characters of JSON the stored log may take: the oldest events go first past it. */
export const COMPONENT_EVENT_MAX_CHARS = 256 * 1024;
export const COMPONENT_EVENTS_KEY = 'componentHost.componentEvents';

const eventNames = Object.keys(notifierEvents) as [NotifierEventName, ...NotifierEventName[]];
const StoredEvent = z
  .object({
    seq: z.number().int().positive(),
    at: z.number(),
    component: z.string().max(200),
    event: z.enum(eventNames),
    payload: z.unknown(),
  })
  .refine((e) => notifierEvents[e.event].safeParse(e.payload).success, 'payload does not match its event');
const StoredLog = z.array(StoredEvent).max(COMPONENT_EVENT_LIMIT);

export class ComponentEventLog {
  private events: ComponentEvent[] = [];
  private seq = 0;

  constructor(
    private readonly storage?: StateStorage,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    const raw = storage?.get(COMPONENT_EVENTS_KEY);
    if (raw === undefined) return;
    const parsed = StoredLog.safeParse(raw);
    if (!parsed.success) {
      this.warn('discarding the stored component events (damaged)');
      return;
    }
    this.events = parsed.data as ComponentEvent[];
    this.seq = Math.max(0, ...this.events.map((e) => e.seq));
  }

  add(component: string, event: NotifierEventName, payload: unknown, at = Date.now()): void {
    this.events = [{ seq: ++this.seq, at, component, event, payload }, ...this.events].slice(0, COMPONENT_EVENT_LIMIT);
    while (this.events.length > 1 && JSON.stringify(this.events).length > COMPONENT_EVENT_MAX_CHARS) this.events.pop();
    this.save();
  }

  list(): readonly ComponentEvent[] {
    return this.events;
  }

  /** Forget them all (Reset Session State); numbering goes on, so an app never sees a number twice. */
  clear(): void {
    this.events = [];
    this.save();
  }

  /** Before the rerun the event causes, so what the view shows next is already stored. */
  private save(): void {
    try {
      void Promise.resolve(this.storage?.update(COMPONENT_EVENTS_KEY, this.events)).catch((err: unknown) => this.failed(err));
    } catch (err) {
      this.failed(err);
    }
  }

  private failed(err: unknown): void {
    this.warn(`component events could not be saved: ${err instanceof Error ? err.message : String(err)}`);
  }
}
