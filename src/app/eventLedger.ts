/**
 * Exactly-once, in-order acceptance of widget events. The webview numbers its events 1, 2, 3… within
 * a *history*: a random id each webview document takes when it loads. The host remembers, per
 * history, the last number it applied. A reloaded document first asks what the host applied of its
 * previous history, forgets those, and re-sends the rest in its new history: nothing is applied twice
 * and nothing the host never applied is lost, whichever window, tab or storage folder the numbers
 * came from (another history's numbers can never be mistaken for this one's).
 */
export type Verdict = 'new' | 'duplicate' | 'gap';

/** How many histories the host remembers (each document load is one; old ones are dropped first). */
export const MAX_HISTORIES = 32;

export type LedgerRecord = Record<string, number>;

export class EventLedger {
  private readonly last: Map<string, number>;

  /**
   * `stage` is told the whole record after every change, to be written with the next write of the
   * store (the app's state, before the ack goes out); `commit` writes it on its own.
   */
  constructor(
    saved: LedgerRecord = {},
    private readonly stage: (record: LedgerRecord) => void = () => undefined,
    private readonly write: (record: LedgerRecord) => PromiseLike<void> | void = stage,
  ) {
    this.last = new Map(Object.entries(saved).filter(([, n]) => Number.isInteger(n) && n >= 0));
  }

  /** The last number applied in this history (0 for a history the host never saw). */
  lastHandled(history: string): number {
    return this.last.get(history) ?? 0;
  }

  /** Every history's last number: what the host has applied, per document. */
  snapshot(): LedgerRecord {
    return Object.fromEntries(this.last);
  }

  /** `new`: handle it (and call `done`); `duplicate`: already applied, ack again; `gap`: resynchronise. */
  judge(history: string, seq: number): Verdict {
    const last = this.lastHandled(history);
    if (seq <= last) return 'duplicate';
    if (seq !== last + 1) return 'gap';
    return 'new';
  }

  done(history: string, seq: number): void {
    const last = this.lastHandled(history);
    if (seq !== last + 1) throw new Error(`event ${seq} handled out of order after ${last}`);
    // Re-inserted so the map's order is least recently used first.
    this.last.delete(history);
    this.last.set(history, seq);
    while (this.last.size > MAX_HISTORIES) this.last.delete(this.last.keys().next().value!);
    this.stage(this.snapshot());
  }

  /** Write the record now (when no state write will carry it); resolves once it is written. */
  async commit(): Promise<void> {
    await this.write(this.snapshot());
  }
}
