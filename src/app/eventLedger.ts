/**
 * Exactly-once, in-order acceptance of widget events by sequence number. The webview numbers events
 * 1, 2, 3… (also across reloads) and re-sends what was not acknowledged; the host accepts each number
 * once, in order.
 */
export type Verdict = 'new' | 'duplicate' | 'gap';

export class EventLedger {
  /** `persist` is told every new high-water mark (the view keeps it across reloads and app switches). */
  constructor(
    private last: number,
    private readonly persist: (last: number) => void = () => undefined,
  ) {}

  get lastHandled(): number {
    return this.last;
  }

  /** `new`: handle it (and call `done`); `duplicate`: already handled, ack again; `gap`: refuse. */
  judge(seq: number): Verdict {
    if (seq <= this.last) return 'duplicate';
    if (seq !== this.last + 1) return 'gap';
    return 'new';
  }

  done(seq: number): void {
    if (seq !== this.last + 1) throw new Error(`event ${seq} handled out of order after ${this.last}`);
    this.last = seq;
    this.persist(seq);
  }
}
