/**
 * Acks on their way to the view. An ack is ready only once the write it covers is on disk, which is
 * after the click's render has gone; sent alone, it would cross the next click on its way. So it waits
 * for the next render and rides on it, or goes alone ACK_IDLE_MS after it became ready.
 * Late is safe: until its ack the view keeps an event, and one it sends again is a duplicate the
 * ledger drops.
 */
import type { AckMessage, RenderAck } from '../../protocol';

/** How long an ack waits for a render to ride on (a click's paint is over by then). */
export const ACK_IDLE_MS = 50;

export class PendingAcks {
  private readonly due = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sendAlone: (ack: AckMessage) => void,
    private readonly idleMs = ACK_IDLE_MS,
  ) {}

  /** What the host applied of a history, on disk: the newest per history is kept. */
  add(ack: AckMessage): void {
    this.due.set(ack.history, Math.max(ack.upTo, this.due.get(ack.history) ?? 0));
    this.timer ??= setTimeout(() => {
      for (const ack of this.take()) this.sendAlone({ type: 'ack', ...ack });
    }, this.idleMs);
  }

  /** The acks due, for a render to carry; none are left waiting. */
  take(): RenderAck[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    const acks = [...this.due].map(([history, upTo]) => ({ history, upTo }));
    this.due.clear();
    return acks;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due.clear();
  }
}
