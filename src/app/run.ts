/**
 * What one app run works with, in three parts: the inputs it starts from, the services the host lends
 * it, and the record it writes as it goes (read by the runner when the run completes).
 */
import type { WidgetKind } from '../../protocol';
import type { HostServices } from '../hostServices';
import type { AppCache } from './appCache';
import type { ComponentSource, SourceFileRef } from '../components/componentSources';
import type { ComponentEvent } from './componentEvents';
import type { MountRecord } from './componentsV2';
import type { EditorContext } from './editorContext';
import type { FormEntry, FragmentEntry } from './flow';
import type { HostDialogs, HostWidget } from './hostWidgets';
import type { ImageFetcher } from './imageFetcher';

/** What a run starts from: values from earlier runs and events. */
export interface RunInputs {
  /** Widget values by widget id (session state the app does not write directly). */
  widgets: Record<string, unknown>;
  /** `st.sessionState`: the app's own values. */
  user: Record<string, unknown>;
  /** Buttons clicked since the last completed run. */
  triggers: ReadonlySet<string>;
  /** v2 trigger values this run sees, by instance id. */
  v2Triggers: ReadonlyMap<string, Record<string, unknown>>;
  /** True once a newer rerun has superseded this run. */
  superseded(): boolean;
  /** The oldest text submitted to this chat input that no run has seen yet, taken: each is seen once. */
  takeSubmission(widgetId: string): string | undefined;
}

/** What the host lends a run. Each has a default for runs without VS Code (unit tests). */
export interface RunServices {
  host: HostServices;
  /** Notifier events from components, newest first. */
  componentEvents(): readonly ComponentEvent[];
  editor(): EditorContext | undefined;
  /** The URL a component's frame loads (throws a clear error for an unknown component). */
  componentUrl(name: string, source: ComponentSource): string;
  /** The text of a v2 component's html/css/js file (throws a clear error when it may not be read). */
  readComponentSource(name: string, ref: SourceFileRef): string;
  /** A file of the workspace (st.image): trusted workspace only, inside its folder, at most `maxBytes`; throws a clear error. */
  readWorkspaceFile(relative: string, maxBytes: number): Uint8Array;
  /** The runtime frame document v2 components are mounted in. */
  v2RuntimeUrl(): string;
  /** How long a component frame may take to say ready before the view warns. */
  componentReadyTimeoutMs: number;
  /** st.cacheData / st.cacheResource values: one per app session, kept across reruns (appCache.ts). */
  cache: AppCache;
  /** The open and save dialogs and openExternal, for the file uploader, download and link buttons. */
  dialogs: HostDialogs;
  /** st.image(url): the host fetches (http/https only, size-limited, with a timeout). */
  images: ImageFetcher;
}

/** What changes outside the app makes it rerun, when a run read it. */
export type RunDependency = 'editor' | 'auth' | 'componentEvents';

/** What a run declared: the runner keeps the record of the last completed run. */
export class RunRecord {
  readonly ids = new Set<string>();
  readonly widgetKinds = new Map<string, WidgetKind>();
  readonly v2Mounts = new Map<string, MountRecord>();
  /** Widgets' onChange / onClick / onSubmit, as this run declared them: the next event of the widget runs its callback. */
  readonly callbacks = new Map<string, () => void>();
  /** What the host needs to act on a click of a file uploader, download or link button. */
  readonly hostWidgets = new Map<string, HostWidget>();
  readonly dependencies = new Set<RunDependency>();
  /** Forms by key, and which form each of their widgets and submit buttons is in (see flow.ts). */
  readonly forms = new Map<string, FormEntry>();
  readonly formOf = new Map<string, string>();
  readonly submitters = new Map<string, string>();
  /** Fragments by element id, and the innermost fragment each widget, form or fragment was declared in. */
  readonly fragments = new Map<string, FragmentEntry>();
  readonly owner = new Map<string, string>();
}

export interface Run {
  readonly inputs: RunInputs;
  readonly services: RunServices;
  readonly record: RunRecord;
  /** Something was declared or changed: the runner streams what the run has so far (once per frame). */
  declared(): void;
  /** Work the run started and must finish before it completes (an image fetch, a dialog's async body). */
  wait(work: Promise<unknown>): void;
  /** The fragment this run reruns alone; undefined in a run of the whole app. */
  readonly fragment?: string;
  /** True once the run is over: its containers take no more elements (a fragment's rerun has its own). */
  ended(): boolean;
}
