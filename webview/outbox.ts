import type { AckMessage, WidgetEvent } from '../protocol';
import { bytesToSaved, savedToBytes } from './savedBytes';

/** What the outbox needs of the host channel (HostChannel in the view; an in-memory pair in unit tests). */
export interface OutboxChannel {
  send(event: WidgetEvent): void;
  getState<T>(): T | undefined;
  patchState(patch: Record<string, unknown>): void;
}

interface History {
  history: string;
  next: number;
  unacked: WidgetEvent[];
}
interface SavedOutbox {
  current?: History;
  previous?: History[];
}

/** At most this many earlier documents' unacknowledged events wait for the host's answer. */
const MAX_PREVIOUS = 4;

/** getRandomValues, not randomUUID: a webview served over plain http (a remote host) is not a secure context. */
const newHistory = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `h${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
};

const isHistory = (h: unknown): h is History =>
  typeof h === 'object' && h !== null && typeof (h as History).history === 'string' && Array.isArray((h as History).unacked);

/**
 * Widget events on their way to the host (see src/app/eventLedger.ts). Each document numbers its
 * events in a history of its own; unacknowledged ones are kept in the webview state. A reloaded
 * document names the earlier histories in its `ready`, the host answers what it applied of each, and
 * the rest is sent again in the new history: never applied twice, never lost, never wedged.
 */
export class Outbox {
  private current: History = { history: newHistory(), next: 1, unacked: [] };
  private previous: History[];
  private saveQueued = false;

  constructor(private readonly channel: OutboxChannel) {
    const saved = savedToBytes(channel.getState<{ outbox?: SavedOutbox }>()?.outbox) as SavedOutbox | undefined;
    const earlier = [...(saved?.previous ?? []), ...(saved?.current ? [saved.current] : [])];
    this.previous = earlier.filter((h) => isHistory(h) && h.unacked.length > 0).slice(-MAX_PREVIOUS);
    this.save();
  }

  /** Histories of earlier documents with events the host may not have applied: named in `ready`. */
  get previousHistories(): string[] {
    return this.previous.map((h) => h.history);
  }

  send(widgetId: string, value: unknown): void {
    const event: WidgetEvent = { type: 'event', history: this.current.history, seq: this.current.next++, widgetId, value };
    this.current.unacked.push(event);
    this.save();
    this.channel.send(event);
  }

  ack(message: AckMessage): void {
    const earlier = this.previous.find((h) => h.history === message.history);
    if (earlier) {
      this.previous = this.previous.filter((h) => h !== earlier);
      for (const event of earlier.unacked) if (event.seq > message.upTo) this.send(event.widgetId, event.value);
    } else if (message.history === this.current.history) {
      this.current.unacked = this.current.unacked.filter((e) => e.seq > message.upTo);
      if (message.resync) {
        // The host saw a gap: renumber what it never applied right after what it did.
        const rest = this.current.unacked;
        this.current = { ...this.current, next: message.upTo + 1, unacked: [] };
        for (const event of rest) this.send(event.widgetId, event.value);
      }
    }
    this.save();
  }

  private hasBytes(): boolean {
    const binary = (e: WidgetEvent) =>
      typeof e.value === 'object' && e.value !== null && 'dataType' in e.value && e.value.dataType !== 'json';
    return this.current.unacked.some(binary) || this.previous.some((h) => h.unacked.some(binary));
  }

  get pending(): number {
    return this.current.unacked.length + this.previous.reduce((n, h) => n + h.unacked.length, 0);
  }

  /** Once per task, not per event: a burst would otherwise serialise the growing state each time. */
  private save(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    queueMicrotask(() => {
      this.saveQueued = false;
      // Only events with bytes need the walk (a component's binary value): the rest is JSON already.
      const outbox = { current: this.current, previous: this.previous } satisfies SavedOutbox;
      this.channel.patchState({ outbox: this.hasBytes() ? bytesToSaved(outbox) : outbox });
    });
  }
}
