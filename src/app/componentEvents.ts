/** Notifier events components send, kept for `st.componentEvents`: newest first, bounded. */
import type { NotifierEventName } from '../../protocol';

export interface ComponentEvent {
  /** Increases by one per event, also across runs: tests and apps can tell events apart. */
  seq: number;
  at: number;
  component: string;
  event: NotifierEventName;
  payload: unknown;
}

export const COMPONENT_EVENT_LIMIT = 50;

/** The bounded, newest-first list of notifier events an app reads. */
export class ComponentEventLog {
  private events: ComponentEvent[] = [];
  private seq = 0;

  add(component: string, event: NotifierEventName, payload: unknown, at = Date.now()): void {
    this.events = [{ seq: ++this.seq, at, component, event, payload }, ...this.events].slice(0, COMPONENT_EVENT_LIMIT);
  }

  list(): readonly ComponentEvent[] {
    return this.events;
  }
}
