/**
 * Runs an app top to bottom and reruns it when asked, like Streamlit's script runner: a rerun asked
 * for during a run supersedes it (the stale run stops at its next `st` call and its output is
 * discarded: latest wins); reruns caused only by `st.rerun()` are capped so an app cannot loop; an
 * exception renders an error and keeps the previous elements; a slow run is reported.
 */
import {
  FRAGMENT_TICK_PREFIX,
  FormUploadDraft,
  FragmentTick,
  UploadedFiles,
  widgetValueSchemas,
  type FormFilePick,
  type FormSubmission,
  type ComponentV2Value,
  type ComponentValue,
  type Element,
  type ErrorInfo,
  type RenderMeta,
  type WidgetKind,
} from '../../protocol';
import { randomUUID } from 'node:crypto';
import { noHostServices } from '../hostServices';
import { errorMessage } from '../util/errors';
import { AppCache } from './appCache';
import { callbackContext, enqueueFragment, fragmentsWithKey, KeyedRerun, ownerKey, recordWithout, withFragment } from './flow';
import { V2ChangeQueue } from './componentsV2';
import { storedComponentValue } from './componentData';
import { pickFiles } from './hostWidgets';
import { ImageFetcher } from './imageFetcher';
import { closedDialog } from './stLayout';
import { MAX_IMAGE_BYTES } from './stContent';
import { RunRecord, type RunDependency, type RunInputs, type RunServices } from './run';
import type { AppState } from './appState';
import { RerunRequest, RunSuperseded, St, StopRequest, type App } from './st';

export const MAX_CHAINED_RERUNS = 50;
export const SLOW_RUN_MS = 5000;
/** While a run goes on, what it declared reaches the view at most once per frame. */
export const FRAME_MS = 16;

/** What a run shows: its elements (so far, when `partial`) and how it is going. */
export interface RenderOutput extends RenderMeta {
  elements: Element[];
  /** The run goes on: these are the elements it declared so far. */
  partial?: true;
}

export interface RunnerDeps {
  app: () => Promise<App>;
  appName: string;
  state: AppState;
  /** What the host lends each run; missing ones get defaults that explain themselves. */
  services?: Partial<RunServices>;
  render: (output: RenderOutput) => void;
  /** Session state could not be saved (too large, not JSON). */
  onSaveError: (message: string) => void;
  slowRunMs?: number;
}

/** How long the host waits for an image st.image fetches. */
export const IMAGE_TIMEOUT_MS = 10_000;

const defaultServices: Omit<RunServices, 'cache' | 'images'> = {
  host: noHostServices,
  componentEvents: () => [],
  editor: () => undefined,
  componentUrl: (name) => {
    throw new Error(`component "${name}": components are not available here`);
  },
  readComponentSource: (name) => {
    throw new Error(`component "${name}": files can only be read in VS Code`);
  },
  readWorkspaceFile: (relative) => {
    throw new Error(`${relative}: workspace files can only be read in VS Code`);
  },
  v2RuntimeUrl: () => 'about:blank',
  componentReadyTimeoutMs: 15_000,
  dialogs: {
    openFiles: () => Promise.reject(new Error('file dialogs are only available in VS Code')),
    saveFile: () => Promise.reject(new Error('file dialogs are only available in VS Code')),
    openExternal: () => Promise.reject(new Error('links open only in VS Code')),
  },
};

export class AppRunner {
  runs = 0;
  /** Of `runs`, those that reran one fragment alone. */
  fragmentRuns = 0;
  coalesced = 0;
  eventsHandled = 0;
  discarded = 0;
  lastElements: Element[] = [];

  /** What the last completed run declared: how events are validated, what reruns it. */
  private record = new RunRecord();
  private readonly services: RunServices;
  private generation = 0;
  private pending = false;
  /** Fragments to rerun alone, in order, once no run of the whole app is pending. */
  private readonly fragmentQueue: string[] = [];
  private loop: Promise<void> | undefined;
  private triggers = new Set<string>();
  /** Chat inputs' submitted texts no run has taken yet, oldest first. */
  private readonly submissions = new Map<string, string[]>();
  /** onChange / onClick / onSubmit of the widgets events changed, for the start of the next run. */
  private readonly widgetCallbacks: (() => void)[] = [];
  /** Files picked for uploaders in forms, by widget: held here (the bytes never go to the view) until the form's submit. */
  private readonly formPicks = new Map<string, { token: string; files: UploadedFiles }>();
  private chained = 0;
  private runId = 0;
  /** The record of the run in progress: its widgets may be used before it completes (it streams). */
  private running: RunRecord | undefined;
  /** Lets the run in progress go when a newer one supersedes it (it stops at its next `st` call). */
  private abandon: (() => void) | undefined;
  /** v2 components' state and trigger values between runs. */
  private readonly v2 = new V2ChangeQueue();

  constructor(private readonly deps: RunnerDeps) {
    // Without one from the host, each runner has its own cache (it lives as long as the runner).
    this.services = {
      ...defaultServices,
      cache: new AppCache(),
      images: new ImageFetcher({ maxBytes: MAX_IMAGE_BYTES, timeoutMs: IMAGE_TIMEOUT_MS }),
      ...deps.services,
    };
  }

  /** Widget id → kind, from the last completed run. */
  get widgetKinds(): ReadonlyMap<string, WidgetKind> {
    return this.record.widgetKinds;
  }

  /** Whether the last completed run read this (only then do its changes rerun the app). */
  dependsOn(dependency: RunDependency): boolean {
    return this.record.dependencies.has(dependency);
  }

  /**
   * A widget event: checked against the widget of the last completed run, applied to session state
   * (or recorded as a trigger), and a rerun asked for. Returns why it was refused, if it was.
   */
  applyEvent(widgetId: string, raw: unknown): ErrorInfo | undefined {
    if (widgetId.startsWith(FRAGMENT_TICK_PREFIX)) return this.tick(widgetId.slice(FRAGMENT_TICK_PREFIX.length), raw);
    const kind = this.recorded((r) => r.widgetKinds, widgetId);
    if (!kind) return { code: 'invalid-message', message: `no widget "${widgetId.slice(0, 100)}" in the current app run` };
    const value = widgetValueSchemas[kind].safeParse(raw);
    if (!value.success) {
      return {
        code: 'invalid-message',
        message: `bad value for ${kind} "${widgetId.slice(0, 100)}": ${value.error.issues[0]?.message ?? 'invalid'}`,
      };
    }
    if (kind === 'component') {
      // Bytes and tables arrive binary; session state keeps JSON (base64), and a table must be Arrow.
      const stored = storedComponentValue(value.data as ComponentValue);
      if (!stored.ok) return stored.error;
      value.data = stored.stored as never;
    }
    const form = this.recorded((r) => r.formOf, widgetId);
    if (form !== undefined) {
      return {
        code: 'invalid-message',
        message: `"${widgetId.slice(0, 100)}" is in form "${form.slice(0, 100)}": its value comes with the form's submit`,
      };
    }
    this.eventsHandled++;
    if (kind === 'form_submit_button') return this.submit(widgetId, value.data as FormSubmission);
    if (kind === 'button' || kind === 'download_button') this.triggers.add(widgetId);
    else if (kind === 'chat_input') this.submissions.set(widgetId, [...(this.submissions.get(widgetId) ?? []), value.data as string]);
    else if (kind === 'dialog') this.deps.state.widgets[widgetId] = closedDialog(this.deps.state.widgets[widgetId]);
    else if (kind === 'component_v2') this.v2.apply(widgetId, (value.data as ComponentV2Value).changes, this.deps.state.widgets);
    else if (kind === 'file_uploader' || kind === 'link_button') return this.hostAction(widgetId, value.data);
    else this.setValue(widgetId, value.data);
    if (kind === 'button' || kind === 'download_button' || kind === 'chat_input') this.queueCallback(widgetId);
    if (kind === 'download_button') this.hostAction(widgetId, value.data);
    this.rerunFor(widgetId);
    return undefined;
  }

  /** A widget's new value; its onChange runs before the next run when the value changed (Streamlit's on_change). */
  private setValue(widgetId: string, value: unknown): void {
    const before = JSON.stringify(this.deps.state.widgets[widgetId]);
    this.deps.state.widgets[widgetId] = value;
    if (JSON.stringify(value) !== before) this.queueCallback(widgetId);
  }

  private queueCallback(widgetId: string): void {
    const callback = this.recorded((r) => r.callbacks, widgetId);
    if (callback) this.widgetCallbacks.push(callback);
  }

  /**
   * Run the callbacks an event queued, before the run it causes. True, with the fragments, when every
   * callback asked for fragments by key (st.rerun({ scope: key })): those rerun instead, as in Streamlit;
   * a callback that returns normally keeps the rerun the event asked for.
   */
  private runCallbacks(callbacks: readonly (() => void)[], sessionState: Record<string, unknown>): string[] | undefined {
    const targets: string[] = [];
    let keyed = callbacks.length > 0;
    callbackContext.active = { fragmentsByKey: (key) => fragmentsWithKey(this.record.fragments, key), sessionState };
    try {
      for (const callback of callbacks) {
        try {
          callback();
          keyed = false;
        } catch (err) {
          // st.rerun() in a callback: the event's own rerun happens anyway.
          if (err instanceof KeyedRerun) targets.push(...err.fragments);
          else if (err instanceof RerunRequest) keyed = false;
          else throw err;
        }
      }
    } finally {
      callbackContext.active = undefined;
    }
    return keyed ? [...new Set(targets)] : undefined;
  }

  /** What the run in progress declared so far, else the last completed run (a streaming run's widgets take events). */
  private recorded<V>(pick: (record: RunRecord) => ReadonlyMap<string, V>, id: string): V | undefined {
    return (this.running && pick(this.running).get(id)) ?? pick(this.record).get(id);
  }

  /** A widget's change reruns the fragment it is in, or else the whole app. */
  private rerunFor(widgetId: string): void {
    const fragment = this.recorded((r) => r.owner, ownerKey.widget(widgetId));
    void (fragment === undefined ? this.request() : this.requestFragment(fragment));
  }

  /**
   * A form's submit: the values the view held, each checked against its widget in this form, go into
   * session state together, and one rerun sees them with the button's trigger.
   */
  private submit(buttonId: string, submission: FormSubmission): ErrorInfo | undefined {
    const form = this.recorded((r) => r.submitters, buttonId);
    const skipped: string[] = [];
    for (const [id, raw] of Object.entries(submission.values)) {
      const kind = this.recorded((r) => r.widgetKinds, id);
      if (kind === 'file_uploader' && form !== undefined && this.recorded((r) => r.formOf, id) === form) {
        if (!this.submitUpload(id, raw)) skipped.push(id.slice(0, 100));
        continue;
      }
      const parsed =
        kind && form !== undefined && this.recorded((r) => r.formOf, id) === form ? widgetValueSchemas[kind].safeParse(raw) : undefined;
      const stored = parsed?.success && kind === 'component' ? storedComponentValue(parsed.data as ComponentValue) : undefined;
      if (!parsed?.success || stored?.ok === false) skipped.push(id.slice(0, 100));
      else if (kind === 'component_v2') {
        // A v2 component's state changes, as Streamlit holds them for the submit (its callbacks run
        // then); a form has no triggers (the view drops them, as Streamlit's does).
        const changes = (parsed.data as ComponentV2Value).changes.filter((c) => c.kind === 'state');
        this.v2.apply(id, changes, this.deps.state.widgets);
      } else this.setValue(id, stored ? stored.stored : parsed.data);
    }
    this.triggers.add(buttonId);
    this.queueCallback(buttonId); // after the form's widgets' own, as in Streamlit
    this.rerunFor(buttonId);
    if (skipped.length === 0) return undefined;
    return {
      code: 'invalid-message',
      message:
        `form "${String(form).slice(0, 100)}": ${skipped.length} value(s) not applied ` +
        `(no such widget in the form, or invalid): ${skipped.slice(0, 5).join(', ')}`,
    };
  }

  /**
   * A file uploader's Browse in a form: VS Code's open dialog, and the files read and held for the
   * form's submit, which names them by the token the view keeps as the uploader's edit (a newer pick
   * replaces it). Nothing reruns, as for any edit in a form.
   */
  async pickFormFiles(widgetId: string): Promise<FormFilePick> {
    const widget = this.record.hostWidgets.get(widgetId);
    if (widget?.kind !== 'upload' || this.record.formOf.get(widgetId) === undefined) {
      throw new RangeError(`no file uploader "${widgetId.slice(0, 100)}" in a form of the current app run`);
    }
    const files = await pickFiles(this.services.dialogs, widget, undefined);
    if (!files) return {};
    if (files.error) return { error: files.error };
    const token = randomUUID();
    this.formPicks.set(widgetId, { token, files });
    return { draft: { pick: token, files: files.files.map((f) => ({ name: f.name, size: f.size })) } };
  }

  /** An uploader's value in a form's submit: the files its pick holds, none (removed), or (no pick) as it was. */
  private submitUpload(widgetId: string, raw: unknown): boolean {
    const draft = FormUploadDraft.safeParse(raw);
    if (!draft.success) return false;
    const { pick } = draft.data;
    if (pick === undefined) return true;
    if (pick === null) {
      this.setValue(widgetId, { files: [] } satisfies UploadedFiles);
      return true;
    }
    const held = this.formPicks.get(widgetId);
    if (held?.token === pick) {
      this.formPicks.delete(widgetId);
      this.setValue(widgetId, held.files);
      return true;
    }
    // Held only in this extension host's memory: a window reload between the pick and the submit loses it.
    const previous = UploadedFiles.safeParse(this.deps.state.widgets[widgetId]);
    this.deps.state.widgets[widgetId] = {
      files: previous.success ? previous.data.files : [],
      error: 'The picked files were not kept (the window was reloaded before the submit): pick them again.',
    } satisfies UploadedFiles;
    return false;
  }

  /** A fragment's runEvery timer (in the view): rerun it, if the last run still has it with a timer. */
  private tick(fragment: string, raw: unknown): ErrorInfo | undefined {
    if (!FragmentTick.safeParse(raw).success) return { code: 'invalid-message', message: 'a fragment timer event carries "tick"' };
    this.eventsHandled++;
    if (this.recorded((r) => r.fragments, fragment)?.runEveryMs !== undefined) void this.requestFragment(fragment);
    return undefined;
  }

  /**
   * What the host does for a click of a file uploader, download or link button, with what the last
   * completed run recorded for it. A pick reruns the app once the files are read (or refused); a
   * link opens without a rerun, as in Streamlit.
   */
  private hostAction(widgetId: string, action: unknown): undefined {
    const widget = this.record.hostWidgets.get(widgetId);
    const { dialogs } = this.services;
    if (widget?.kind === 'download') {
      void dialogs.saveFile(widget.data, { title: widget.label, fileName: widget.fileName }).catch(() => undefined);
    } else if (widget?.kind === 'link') {
      void dialogs.openExternal(widget.url).catch(() => undefined);
    } else if (widget?.kind === 'upload' && action === 'clear') {
      this.setValue(widgetId, { files: [] } satisfies UploadedFiles);
      this.rerunFor(widgetId);
    } else if (widget?.kind === 'upload') {
      // No guard against a second click while a dialog shows: VS Code replaces the dialog (the first
      // resolves as cancelled), and a guard would stay shut if a dialog never answered.
      const previous = UploadedFiles.safeParse(this.deps.state.widgets[widgetId]);
      void pickFiles(dialogs, widget, previous.success ? previous.data : undefined).then((files) => {
        if (!files) return;
        this.setValue(widgetId, files);
        this.rerunFor(widgetId);
      });
    }
    return undefined;
  }

  /** Ask for a rerun of the whole app; it supersedes the run in progress. `chained`: caused by st.rerun() (counted against the cap). */
  request(chained = false): Promise<void> {
    if (!chained) this.chained = 0;
    this.pending = true;
    this.generation++;
    this.abandon?.();
    return this.schedule();
  }

  /** Ask for a rerun of one fragment alone: it waits for the run in progress instead of stopping it, as in Streamlit. */
  requestFragment(fragment: string, chained = false): Promise<void> {
    if (!chained) this.chained = 0;
    enqueueFragment(this.fragmentQueue, fragment, this.record.fragments);
    return this.schedule();
  }

  private schedule(): Promise<void> {
    if (this.loop) {
      this.coalesced++;
      return this.loop;
    }
    this.loop = (async () => {
      // Let events that arrived together land first: one run for a burst, not one per event.
      await new Promise((r) => setImmediate(r));
      while (this.pending || this.fragmentQueue.length > 0) {
        if (this.pending) {
          this.pending = false;
          this.fragmentQueue.length = 0; // a run of the whole app reruns its fragments too
          await this.runOnce(this.generation);
        } else {
          const fragment = this.fragmentQueue.shift()!;
          if (this.record.fragments.has(fragment)) await this.runOnce(this.generation, fragment);
        }
      }
      this.loop = undefined;
    })();
    return this.loop;
  }

  /** A run is in progress or pending. */
  get busy(): boolean {
    return this.loop !== undefined;
  }

  /** Resolves when no run is in progress or pending. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** One run: of the whole app, or (`fragment`) of that fragment alone, into the last run's elements. */
  private async runOnce(generation: number, fragment?: string): Promise<void> {
    const runId = ++this.runId;
    this.runs++;
    if (fragment !== undefined) this.fragmentRuns++;
    const started = performance.now();
    const inputs: RunInputs = {
      widgets: this.deps.state.widgets,
      user: this.deps.state.user,
      triggers: new Set(this.triggers),
      v2Triggers: this.v2.visibleTriggers(),
      superseded: () => generation !== this.generation,
      takeSubmission: (widgetId) => this.submissions.get(widgetId)?.shift(),
    };
    const v2Callbacks = this.v2.takeCallbacks();
    const widgetCallbacks = this.widgetCallbacks.splice(0);
    const entry = fragment === undefined ? undefined : this.record.fragments.get(fragment);
    const record = fragment === undefined ? new RunRecord() : recordWithout(this.record, fragment);
    const base = this.lastElements;
    this.running = record;
    // Streaming: what the run declared goes out at most once per frame while it runs. A run that ends
    // within its first frame (most runs of a click) sends only its final state, at once.
    let status: 'running' | 'slow' = 'running';
    let frame: NodeJS.Timeout | undefined;
    let lastFrame = -Infinity;
    const flush = () => {
      frame = undefined;
      if (inputs.superseded()) return;
      lastFrame = performance.now();
      this.emit(runId, status, build(), started, undefined, true);
    };
    const declared = () => {
      if (frame === undefined && !inputs.superseded()) frame = setTimeout(flush, Math.max(0, lastFrame + FRAME_MS - performance.now()));
    };
    const waits: Promise<unknown>[] = [];
    const wait = (work: Promise<unknown>) => {
      waits.push(work);
      work.catch(() => undefined); // handled: awaited below, unless the app threw first (then its own error is the run's)
    };
    let ended = false;
    // An app that could not be loaded (a syntax error) keeps the last run's elements, as Streamlit keeps them on a compile error.
    let loaded = fragment !== undefined;
    const run = {
      inputs,
      services: this.services,
      record,
      declared,
      wait,
      ended: () => ended,
      ...(fragment !== undefined ? { fragment } : {}),
    };
    const st = fragment === undefined ? new St(run) : new St(run, `${fragment}/`, false, { fragment });
    // A fragment's rerun shows the last run's elements with the fragment's own replaced.
    const build = fragment === undefined ? () => st.build() : () => withFragment(base, fragment, st.build()) ?? base;
    const superseded = new Promise<false>((resolve) => (this.abandon = () => resolve(false)));
    const slow = setTimeout(() => {
      status = 'slow';
      flush();
    }, this.deps.slowRunMs ?? SLOW_RUN_MS);
    try {
      // v2 callbacks run before the app, as Streamlit runs on_change callbacks before the script.
      this.v2.publish(inputs.user, inputs.widgets, inputs.v2Triggers);
      const keyed = this.runCallbacks([...v2Callbacks.map((c) => c.run), ...widgetCallbacks], inputs.user);
      if (keyed) throw new KeyedRerun(keyed);
      const running = (async () => {
        try {
          if (entry) await entry.run(st);
          else {
            const app = await this.deps.app();
            loaded = true;
            await app(st);
          }
          while (waits.length > 0) await Promise.all(waits.splice(0));
        } catch (err) {
          // st.stop(): the run ends there and counts as completed.
          if (!(err instanceof StopRequest)) throw err;
        }
      })();
      // Superseded, the run is let go at once (latest wins); it stops at its next `st` call.
      if (!(await Promise.race([running.then(() => true), superseded]))) throw new RunSuperseded('superseded');
      if (inputs.superseded()) throw new RunSuperseded('superseded');
      this.complete(inputs, record, 'finished');
      this.lastElements = build();
      this.emit(runId, 'done', this.lastElements, started);
    } catch (err) {
      if (err instanceof RunSuperseded) {
        this.discarded++;
        return;
      }
      if (err instanceof KeyedRerun) {
        // The callbacks sent this event to fragments by key: no run of this one happened.
        this.runs--;
        if (fragment !== undefined) this.fragmentRuns--;
        for (const target of err.fragments) enqueueFragment(this.fragmentQueue, target, this.record.fragments);
        return;
      }
      if (err instanceof RerunRequest) {
        this.complete(inputs, record, 'rerun');
        if (++this.chained > MAX_CHAINED_RERUNS) {
          const message =
            `The app called st.rerun() ${MAX_CHAINED_RERUNS} times in a row without any event; ` +
            'stopped to avoid an endless loop. Rerun App starts it again.';
          this.emit(runId, 'error', this.lastElements, started, { message });
          this.chained = 0;
          return;
        }
        if (err.fragment !== undefined) this.fragmentQueue.unshift(err.fragment);
        else this.pending = true;
        return;
      }
      const error =
        err instanceof Error
          ? { message: `${err.name}: ${err.message}`, ...(err.stack ? { stack: err.stack } : {}) }
          : { message: String(err) };
      // As Streamlit: what the run declared before it threw, then the exception where it stopped; what
      // the last run showed after that point is gone (a fragment's rerun: in the fragment's place, the
      // rest of the app stays). The widgets shown are this run's, so its record is the current one; it
      // forgets nothing it did not reach (a failing run, like one cut short, keeps their state). Its
      // triggers are spent: a click that crashed the app is not replayed.
      const thrown = {
        kind: 'error' as const,
        id: fragment === undefined ? 'error' : `${fragment}/error`,
        message: error.message,
        uncaught: true as const,
      };
      const shown = !loaded
        ? undefined
        : fragment === undefined
          ? [...st.build(), thrown]
          : withFragment(base, fragment, [...st.build(), thrown]);
      if (shown) {
        this.complete(inputs, record, 'rerun');
        this.lastElements = shown;
      } else this.consume(inputs, record);
      this.emit(runId, 'error', this.lastElements, started, { ...error, ...(shown ? { inPlace: true as const } : {}) });
    } finally {
      clearTimeout(slow);
      clearTimeout(frame);
      ended = true;
      this.running = undefined;
      this.abandon = undefined;
      await this.save();
    }
  }

  /**
   * Write the state once the render is on its way: VS Code sends what the host posts from a timer
   * after the current task, so a write in this task would hold the render back.
   */
  private async save(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.deps.state.save().catch((err: unknown) => this.deps.onSaveError(errorMessage(err)));
  }

  /**
   * A run got to its end (or to st.rerun()): its triggers are spent and its record is the current one.
   * Only a finished run drops the v2 instances it did not mount (as Streamlit does); one cut short by
   * st.rerun() forgets nothing.
   */
  private complete(inputs: RunInputs, record: RunRecord, how: 'finished' | 'rerun'): void {
    this.consume(inputs, record);
    this.record = record;
    if (how === 'finished') this.v2.settle(record.v2Mounts, record.widgetKinds, inputs.widgets, inputs.user);
    else this.v2.keep(record.v2Mounts);
  }

  private consume(inputs: RunInputs, record?: RunRecord): void {
    for (const t of inputs.triggers) this.triggers.delete(t);
    // Texts sent to a chat input this run declared wait for the next run; one it did not declare, nobody reads.
    for (const [id, queue] of this.submissions) {
      if (queue.length === 0 || !record?.ids.has(id)) this.submissions.delete(id);
      else this.pending = true;
    }
    // More v2 triggers queued than this run could show: one more run each, so none is lost.
    if (this.v2.consume(inputs.v2Triggers)) this.pending = true;
  }

  private emit(
    runId: number,
    status: RenderOutput['status'],
    elements: Element[],
    started: number,
    error?: { message: string; stack?: string; inPlace?: true },
    partial?: true,
  ): void {
    this.deps.render({
      runId,
      app: this.deps.appName,
      status,
      elements,
      ...(partial ? { partial } : {}),
      ...(error ? { error } : {}),
      stats: { runs: this.runs, eventsHandled: this.eventsHandled, coalesced: this.coalesced, durationMs: performance.now() - started },
    });
  }
}
