import type { ComponentV2Value, FormFilePick, V2Change } from '../protocol';
import type { OutboxChannel } from './outbox';

/** A form widget's value in the view: an edit not submitted yet, or (`sentIn`) one a submit sent. */
export interface Draft {
  readonly form: string;
  readonly value: unknown;
  /** Sent by a submit while the view showed run `sentIn`: shown until another run ends, which has it. */
  readonly sentIn?: number;
}
interface SavedDrafts {
  app?: string;
  drafts?: Record<string, Draft>;
}

const isDraft = (d: unknown): d is Draft => typeof d === 'object' && d !== null && typeof (d as Draft).form === 'string' && 'value' in d;

/**
 * The values form widgets hold until a submit, as Streamlit's browser holds them: an edit reruns
 * nothing. They are kept in the webview state, so hiding the view or reloading the window loses no
 * edit (Streamlit loses them on a reload; VS Code disposes a hidden view, which a browser tab never
 * is). A submit takes the form's edits to send as one event; with clearOnSubmit the widgets then hold
 * their defaults as new edits, as in Streamlit (the app sees the sent values until the next submit).
 */
export class FormDrafts {
  private drafts = new Map<string, Draft>();
  /** The app the edits belong to: another app's render drops them. */
  private app: string | undefined;
  private readonly listeners = new Map<string, Set<() => void>>();
  private saveQueued = false;

  constructor(private readonly channel: Pick<OutboxChannel, 'getState' | 'patchState'>) {
    const saved = channel.getState<{ formDrafts?: SavedDrafts }>()?.formDrafts;
    this.app = typeof saved?.app === 'string' ? saved.app : undefined;
    // What a submit sent is the host's now (or in the outbox, which sends it again): only edits are kept.
    for (const [id, d] of Object.entries(saved?.drafts ?? {})) {
      if (isDraft(d) && d.sentIn === undefined) this.drafts.set(id, { form: d.form, value: d.value });
    }
  }

  /** The widget's draft, if it has one in this form (the same object until it changes). */
  get(widgetId: string, form: string): Draft | undefined {
    const draft = this.drafts.get(widgetId);
    return draft?.form === form ? draft : undefined;
  }

  edit(form: string, widgetId: string, value: unknown): void {
    this.set(widgetId, { form, value });
    this.save();
  }

  /**
   * A submit: the form's edits of widgets still shown (`present`), to send. They stay shown as sent
   * while the view shows run `runId`; `defaults` (clearOnSubmit) become the form's new edits.
   */
  submit(form: string, runId: number, present: (widgetId: string) => boolean, defaults?: Record<string, unknown>): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [id, draft] of [...this.drafts]) {
      if (draft.form !== form || draft.sentIn !== undefined) continue;
      if (present(id)) values[id] = draft.value;
      this.set(id, present(id) ? { form, value: draft.value, sentIn: runId } : undefined);
    }
    for (const [id, value] of Object.entries(defaults ?? {})) this.set(id, { form, value });
    this.save();
    return values;
  }

  /** A render of `app`: a run that ended (`ended`) other than `runId` at the submit shows the sent values itself. */
  rendered(app: string, runId: number, ended: boolean): void {
    if (app !== this.app) {
      for (const id of [...this.drafts.keys()]) this.set(id, undefined);
      this.app = app;
      this.save();
      return;
    }
    if (!ended) return;
    let changed = false;
    for (const [id, draft] of [...this.drafts]) {
      if (draft.sentIn === undefined || draft.sentIn === runId) continue;
      this.set(id, undefined);
      changed = true;
    }
    if (changed) this.save();
  }

  /** How many edits wait for a submit (tests read it). */
  get pending(): number {
    return [...this.drafts.values()].filter((d) => d.sentIn === undefined).length;
  }

  subscribe(widgetId: string, listener: () => void): () => void {
    let set = this.listeners.get(widgetId);
    if (!set) this.listeners.set(widgetId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(widgetId);
    };
  }

  private set(widgetId: string, draft: Draft | undefined): void {
    if (draft) this.drafts.set(widgetId, draft);
    else if (!this.drafts.delete(widgetId)) return;
    for (const listener of this.listeners.get(widgetId) ?? []) listener();
  }

  /** Once per task, as the outbox: a submit's event and the drafts it took are saved in the same task. */
  private save(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    queueMicrotask(() => {
      this.saveQueued = false;
      const saved: SavedDrafts = { ...(this.app !== undefined ? { app: this.app } : {}), drafts: Object.fromEntries(this.drafts) };
      this.channel.patchState({ formDrafts: saved });
    });
  }
}

/**
 * A v2 component's changes in a form, as Streamlit holds them: its state values, the latest of each
 * name, wait for the submit. Triggers are dropped (Streamlit's component library warns and ignores
 * them in a form). Undefined when the changes hold nothing to keep.
 */
export function mergeV2Changes(held: unknown, next: ComponentV2Value): ComponentV2Value | undefined {
  const byName = new Map<string, V2Change>();
  const previous = (held as Partial<ComponentV2Value> | undefined)?.changes;
  for (const change of [...(Array.isArray(previous) ? previous : []), ...next.changes]) {
    if (change.kind === 'state') {
      byName.delete(change.name); // re-inserted: in the order they were last set
      byName.set(change.name, change);
    }
  }
  return byName.size > 0 ? { changes: [...byName.values()] } : undefined;
}

/** Asks the host to open its file dialog for an uploader in a form (set once by main.tsx, the channel's owner). */
let filePicker: ((widgetId: string) => Promise<FormFilePick>) | undefined;
export function setFormFilePicker(next: (widgetId: string) => Promise<FormFilePick>): void {
  filePicker = next;
}
export function pickFormFiles(widgetId: string): Promise<FormFilePick> {
  return filePicker ? filePicker(widgetId) : Promise.resolve({ error: 'The view is not connected to the host.' });
}
