/** A notifier event a component sent, as `st.componentEvents` lists it (newest first, bounded). */
import type { NotifierEventName } from '../../protocol';

export interface ComponentEvent {
  /** Increases by one per event, also across runs: tests and apps can tell events apart. */
  seq: number;
  at: number;
  component: string;
  event: NotifierEventName;
  payload: unknown;
}

/** How many the app sees (ComponentEventLog keeps them, in componentEventLog.ts). */
export const COMPONENT_EVENT_LIMIT = 50;
