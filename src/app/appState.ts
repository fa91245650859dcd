/**
 * One app's state (what Streamlit calls session state; "session" here means a sign-in session):
 * widget values and the app's own `st.sessionState`. Serialised as versioned JSON into a
 * Memento-like store, size-limited.
 */
import { errorMessage } from '../util/errors';
import * as z from 'zod';

export const STATE_VERSION = 1;
export const MAX_STATE_CHARS = 1_000_000;

const Stored = z.object({
  version: z.literal(STATE_VERSION),
  widgets: z.record(z.string(), z.unknown()),
  user: z.record(z.string(), z.unknown()),
});
type Stored = z.infer<typeof Stored>;

export interface StateStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class AppStateTooLargeError extends Error {
  constructor(readonly chars: number) {
    super(
      `The app's state is ${chars} characters of JSON, over the ${MAX_STATE_CHARS} limit; it was not saved. Store less in st.sessionState.`,
    );
  }
}

export class AppState {
  widgets: Record<string, unknown> = {};
  user: Record<string, unknown> = {};

  constructor(
    private readonly storage: StateStorage,
    private readonly key: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    const raw = storage.get(key);
    if (raw === undefined) return;
    const parsed = Stored.safeParse(raw);
    if (!parsed.success) {
      // An older or damaged version: start fresh rather than run an app against state it cannot read.
      this.warn(`discarding stored session state (not version ${STATE_VERSION} or damaged)`);
      return;
    }
    ({ widgets: this.widgets, user: this.user } = parsed.data);
  }

  snapshot(): Stored {
    return { version: STATE_VERSION, widgets: this.widgets, user: this.user };
  }

  /** Persist; throws AppStateTooLargeError (and keeps the previous saved copy) past the limit. */
  async save(): Promise<void> {
    const snapshot = this.snapshot();
    let json: string;
    try {
      json = JSON.stringify(snapshot);
    } catch (err) {
      throw new Error(`Session state cannot be saved: ${errorMessage(err)} (only JSON values can be kept)`, {
        cause: err,
      });
    }
    if (json.length > MAX_STATE_CHARS) throw new AppStateTooLargeError(json.length);
    await this.storage.update(this.key, JSON.parse(json));
  }

  /** Forget every value (event numbering lives in the view's ledger and keeps growing). */
  async reset(): Promise<void> {
    this.widgets = {};
    this.user = {};
    await this.save();
  }
}
