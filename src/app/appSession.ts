/**
 * The received-events handler of one view: validates each widget event against the widget it
 * names, applies it exactly once and in order, acknowledges it, and asks the runner for a rerun.
 */
import { widgetValueSchemas, type AckMessage, type ComponentV2Value, type ErrorInfo, type WidgetEvent } from '../../protocol';
import { AppRunner, type RunnerDeps } from './appRunner';
import type { EventLedger } from './eventLedger';

export interface AppSessionDeps extends RunnerDeps {
  /** Per view, shared by every app the view shows: sequence numbers never restart. */
  ledger: EventLedger;
  ack: (message: AckMessage) => void;
  reject: (error: ErrorInfo, seq: number) => void;
}

export class AppSession {
  readonly runner: AppRunner;
  private readonly ledger: EventLedger;
  private ackScheduled = false;

  constructor(private readonly deps: AppSessionDeps) {
    this.runner = new AppRunner(deps);
    this.ledger = deps.ledger;
  }

  get state(): AppSessionDeps['state'] {
    return this.deps.state;
  }

  get lastHandled(): number {
    return this.ledger.lastHandled;
  }

  receive(event: WidgetEvent): void {
    const verdict = this.ledger.judge(event.seq);
    if (verdict === 'duplicate') return this.scheduleAck(); // re-sent after a reload: already applied
    if (verdict === 'gap') {
      return this.deps.reject(
        { code: 'out-of-order', message: `event ${event.seq} arrived before event ${this.ledger.lastHandled + 1}` },
        event.seq,
      );
    }
    // From here on the event counts as handled, valid or not, so a bad one is never re-sent forever.
    this.ledger.done(event.seq);
    this.scheduleAck();
    const kind = this.runner.widgetKinds.get(event.widgetId);
    if (!kind) {
      return this.deps.reject(
        { code: 'invalid-message', message: `no widget "${event.widgetId.slice(0, 100)}" in the current app run` },
        event.seq,
      );
    }
    const value = widgetValueSchemas[kind].safeParse(event.value);
    if (!value.success) {
      return this.deps.reject(
        {
          code: 'invalid-message',
          message: `bad value for ${kind} "${event.widgetId.slice(0, 100)}": ${value.error.issues[0]?.message ?? 'invalid'}`,
        },
        event.seq,
      );
    }
    if (kind === 'button') this.runner.addTrigger(event.widgetId);
    else if (kind === 'component_v2') {
      this.runner.v2.apply(event.widgetId, (value.data as ComponentV2Value).changes, this.deps.state.widgets);
    } else this.deps.state.widgets[event.widgetId] = value.data;
    this.runner.eventsHandled++;
    void this.runner.request();
  }

  /** One ack for a burst of events. */
  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    queueMicrotask(() => {
      this.ackScheduled = false;
      this.deps.ack({ type: 'ack', upTo: this.ledger.lastHandled });
    });
  }
}
