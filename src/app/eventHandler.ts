/**
 * The received-events handler of one view: applies each widget event exactly once and in order
 * (EventLedger), acknowledges it per history, and hands it to the runner, which validates it against
 * the widget it names and reruns the app.
 */
import type { AckMessage, ErrorInfo, WidgetEvent } from '../../protocol';
import { AppRunner, type RunnerDeps } from './appRunner';
import type { EventLedger } from './eventLedger';

export interface EventHandlerDeps extends RunnerDeps {
  /** Per view, shared by every app the view shows: a history's numbers never restart. */
  ledger: EventLedger;
  ack: (message: AckMessage) => void;
  reject: (error: ErrorInfo, seq: number) => void;
}

export class EventHandler {
  readonly runner: AppRunner;
  private readonly ledger: EventLedger;
  private readonly acksDue = new Set<string>();
  private readonly resyncsDue = new Set<string>();

  constructor(private readonly deps: EventHandlerDeps) {
    this.runner = new AppRunner(deps);
    this.ledger = deps.ledger;
  }

  get state(): EventHandlerDeps['state'] {
    return this.deps.state;
  }

  /** What the host applied of a history: the answer to a document's ready. */
  ackFor(history: string): AckMessage {
    return { type: 'ack', history, upTo: this.ledger.lastHandled(history) };
  }

  receive(event: WidgetEvent): void {
    const verdict = this.ledger.judge(event.history, event.seq);
    if (verdict === 'duplicate') return this.scheduleAck(event.history); // re-sent after a reload: already applied
    if (verdict === 'gap') {
      // Never wedge: tell the webview what was applied, so it renumbers what it still holds.
      const upTo = this.ledger.lastHandled(event.history);
      this.deps.reject(
        { code: 'out-of-order', message: `event ${event.seq} arrived before event ${upTo + 1}; resynchronising` },
        event.seq,
      );
      // Like every ack, it goes once what it reports is on disk: the view drops what it names as applied.
      // One at a time per history: the rest of a burst behind the gap is renumbered by the same one.
      if (this.resyncsDue.has(event.history)) return;
      this.resyncsDue.add(event.history);
      const ack: AckMessage = { ...this.ackFor(event.history), resync: true };
      return this.afterSave(() => {
        this.resyncsDue.delete(event.history);
        this.deps.ack(ack);
      });
    }
    // From here on the event counts as handled, valid or not, so a bad one is never re-sent forever.
    this.ledger.done(event.history, event.seq);
    this.scheduleAck(event.history);
    const refused = this.runner.applyEvent(event.widgetId, event.value);
    if (refused) this.deps.reject(refused, event.seq);
  }

  /**
   * One ack per history for a burst of events, sent only once what the events did is on disk: the
   * ledger is committed together with the app's state, so a host that dies after an ack has lost nothing
   * it acknowledged, and one that dies before it gets the events again. The write is in the timer after
   * the event's (a click's rerun and render come first, from setImmediate), not after the run: events
   * of a long run or a burst reach the disk as they come.
   */
  private scheduleAck(history: string): void {
    if (this.acksDue.size === 0) {
      setTimeout(() => {
        // Taken just before the write starts: what it covers is all in the write.
        const acks = [...this.acksDue].map((h) => this.ackFor(h));
        this.acksDue.clear();
        this.afterSave(() => acks.forEach((ack) => this.deps.ack(ack)));
      }, 0);
    }
    this.acksDue.add(history);
  }

  /** Writes the state with its ledger now, then calls `then`: acks taken before the write are all in it. */
  private afterSave(then: () => void): void {
    void this.deps.state.save().then(
      then,
      // The state could not be saved (too large): the runner reports it; the ledger still must be.
      async () => {
        await this.ledger.commit();
        then();
      },
    );
  }
}
