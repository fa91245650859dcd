/**
 * Runs an app top to bottom and reruns it when asked, like Streamlit's script runner: a rerun asked
 * for during a run supersedes it (the stale run stops at its next `st` call and its output is
 * discarded: latest wins); reruns caused only by `st.rerun()` are capped so an app cannot loop; an
 * exception renders an error and keeps the previous elements; a slow run is reported.
 */
import type { Element, RenderMessage, WidgetKind } from '../../protocol';
import type { EditorContext } from './editorContext';
import { V2ChangeQueue } from './componentsV2';
import { noHostServices, type AppHostServices } from './hostServices';
import { RerunRequest, RunSuperseded, St, type App, type RunScope } from './st';
import type { SessionState } from './sessionState';

export const MAX_CHAINED_RERUNS = 50;
export const SLOW_RUN_MS = 5000;

export type RenderOutput = Omit<RenderMessage, 'type'>;

export interface RunnerDeps {
  componentUrl?: RunScope['componentUrl'];
  /** Reads a v2 component's html/css/js file (throws a clear error when it may not). */
  readComponentSource?: RunScope['readComponentSource'];
  /** The runtime frame document v2 components are mounted in. */
  v2RuntimeUrl?: () => string;
  /** Sign-in state, API calls and component events for st.auth / st.api / st.componentEvents. */
  host?: AppHostServices;
  componentReadyTimeoutMs?: number;
  app: () => Promise<App>;
  appName: string;
  state: SessionState;
  editor: () => EditorContext | undefined;
  render: (output: RenderOutput) => void;
  /** Session state could not be saved (too large, not JSON). */
  onSaveError: (message: string) => void;
  slowRunMs?: number;
}

export class AppRunner {
  runs = 0;
  coalesced = 0;
  eventsHandled = 0;
  discarded = 0;
  /** Widget id → kind, from the last completed run: how events are validated. */
  widgetKinds = new Map<string, WidgetKind>();
  /** Whether the last run read `st.editor` (only then do editor changes rerun the app). */
  readsEditor = false;
  /** Whether the last run read `st.auth` / `st.componentEvents` (only then do their changes rerun it). */
  readsAuth = false;
  readsComponentEvents = false;
  lastElements: Element[] = [];

  private generation = 0;
  private pending = false;
  private loop: Promise<void> | undefined;
  private triggers = new Set<string>();
  private chained = 0;
  private runId = 0;
  /** v2 components' state and trigger values between runs. */
  readonly v2 = new V2ChangeQueue();

  constructor(private readonly deps: RunnerDeps) {}

  /** A button click: true in the next completed run only. */
  addTrigger(widgetId: string): void {
    this.triggers.add(widgetId);
  }

  /** Ask for a rerun. `chained` marks one caused by st.rerun() (counted against the cap). */
  request(chained = false): Promise<void> {
    if (!chained) this.chained = 0;
    this.pending = true;
    this.generation++;
    if (this.loop) {
      this.coalesced++;
      return this.loop;
    }
    this.loop = (async () => {
      // Let events that arrived together land first: one run for a burst, not one per event.
      await new Promise((r) => setImmediate(r));
      while (this.pending) {
        this.pending = false;
        await this.runOnce(this.generation);
      }
      this.loop = undefined;
    })();
    return this.loop;
  }

  /** Resolves when no run is in progress or pending. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private async runOnce(generation: number): Promise<void> {
    const runId = ++this.runId;
    this.runs++;
    const started = performance.now();
    const triggers = new Set(this.triggers);
    const v2Triggers = this.v2.visibleTriggers();
    const v2Callbacks = this.v2.takeCallbacks();
    const scope: RunScope = {
      widgets: this.deps.state.widgets,
      user: this.deps.state.user,
      triggers,
      superseded: () => generation !== this.generation,
      editor: this.deps.editor,
      ids: new Set(),
      widgetKinds: new Map(),
      readEditor: false,
      componentReadyTimeoutMs: this.deps.componentReadyTimeoutMs ?? 15_000,
      componentUrl:
        this.deps.componentUrl ??
        ((name) => {
          throw new Error(`component "${name}": components are not available here`);
        }),
      readComponentSource:
        this.deps.readComponentSource ??
        ((name) => {
          throw new Error(`component "${name}": files can only be read in VS Code`);
        }),
      v2RuntimeUrl: this.deps.v2RuntimeUrl ?? (() => 'about:blank'),
      v2Triggers,
      v2Mounts: new Map(),
      host: this.deps.host ?? noHostServices,
      readAuth: false,
      readComponentEvents: false,
    };
    const st = new St(scope);
    // Saved before the render goes out, so what the view shows is already on its way to storage
    // (a window reload right after a click must not lose it).
    let saving: Promise<void> | undefined;
    const save = () =>
      (saving ??= this.deps.state.save().catch((err: unknown) => this.deps.onSaveError(err instanceof Error ? err.message : String(err))));
    const slow = setTimeout(() => this.emit(runId, 'slow', this.lastElements, started), this.deps.slowRunMs ?? SLOW_RUN_MS);
    try {
      // v2 callbacks run before the app, as Streamlit runs on_change callbacks before the script.
      this.v2.publish(scope.user, scope.widgets, v2Triggers);
      for (const callback of v2Callbacks) callback.run();
      await (
        await this.deps.app()
      )(st);
      if (scope.superseded()) throw new RunSuperseded('superseded');
      this.consume(triggers, v2Triggers);
      this.lastElements = materialize(st.declared);
      this.widgetKinds = scope.widgetKinds;
      this.v2.settle(scope.v2Mounts, scope.widgetKinds, scope.widgets, scope.user);
      this.readsEditor = scope.readEditor;
      this.readsAuth = scope.readAuth;
      this.readsComponentEvents = scope.readComponentEvents;
      void save();
      this.emit(runId, 'done', this.lastElements, started);
    } catch (err) {
      if (err instanceof RunSuperseded) {
        this.discarded++;
        return;
      }
      if (err instanceof RerunRequest) {
        this.consume(triggers, v2Triggers);
        this.widgetKinds = scope.widgetKinds;
        this.v2.keep(scope.v2Mounts);
        if (++this.chained > MAX_CHAINED_RERUNS) {
          this.emit(runId, 'error', this.lastElements, started, {
            message:
              `The app called st.rerun() ${MAX_CHAINED_RERUNS} times in a row without any event; stopped to avoid an ` +
              `endless loop. Rerun App starts it again.`,
          });
          this.chained = 0;
          return;
        }
        this.pending = true;
        return;
      }
      // A failing run consumes its triggers too: a click that crashed the app is not replayed.
      this.consume(triggers, v2Triggers);
      const error =
        err instanceof Error
          ? { message: `${err.name}: ${err.message}`, ...(err.stack ? { stack: err.stack } : {}) }
          : { message: String(err) };
      void save();
      this.emit(runId, 'error', this.lastElements, started, error);
    } finally {
      clearTimeout(slow);
      await save();
    }
  }

  private consume(triggers: Set<string>, v2Triggers: Map<string, Record<string, unknown>>): void {
    for (const t of triggers) this.triggers.delete(t);
    // More v2 triggers queued than this run could show: one more run each, so none is lost.
    if (this.v2.consume(v2Triggers)) this.pending = true;
  }

  private emit(
    runId: number,
    status: RenderOutput['status'],
    elements: Element[],
    started: number,
    error?: { message: string; stack?: string },
  ): void {
    this.deps.render({
      runId,
      app: this.deps.appName,
      status,
      elements,
      ...(error ? { error } : {}),
      stats: { runs: this.runs, eventsHandled: this.eventsHandled, coalesced: this.coalesced, durationMs: performance.now() - started },
    });
  }
}

/** Containers expose their children through getters while the run builds them; freeze to plain data. */
function materialize(elements: Element[]): Element[] {
  return JSON.parse(JSON.stringify(elements)) as Element[];
}
