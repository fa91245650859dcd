import type { WidgetEvent } from '../protocol';
import type { HostChannel } from './hostChannel';

interface OutboxState {
  next: number;
  unacked: WidgetEvent[];
}

/**
 * Widget events on their way to the host. Each gets the next sequence number; unacknowledged ones are
 * kept in the webview state, so a reloaded webview re-sends them (the host ignores what it had).
 */
export class Outbox {
  private state: OutboxState;
  private resent = false;

  constructor(private readonly channel: HostChannel) {
    const saved = channel.getState<{ outbox?: OutboxState }>()?.outbox;
    this.state = saved && Array.isArray(saved.unacked) ? saved : { next: 1, unacked: [] };
  }

  send(widgetId: string, value: unknown): void {
    const event: WidgetEvent = { type: 'event', seq: this.state.next++, widgetId, value };
    this.state.unacked.push(event);
    this.save();
    this.channel.send(event);
  }

  /** The host has handled everything up to `upTo`. The first ack after a load re-sends the rest. */
  ack(upTo: number): void {
    this.state.unacked = this.state.unacked.filter((e) => e.seq > upTo);
    // Never reuse a number the host has seen (its count survives even if our state did not).
    this.state.next = Math.max(this.state.next, upTo + 1);
    if (!this.resent) {
      this.resent = true;
      for (const event of this.state.unacked) this.channel.send(event);
    }
    this.save();
  }

  get pending(): number {
    return this.state.unacked.length;
  }

  private save(): void {
    this.channel.patchState({ outbox: this.state });
  }
}
