/**
 * Streamlit's frameless ("v2") components on the host side: how a mount is identified, what its
 * result holds, and how the front end's state and trigger values reach the runs, exactly as
 * Streamlit treats them:
 * - a state value persists across reruns and runs its callback only when it changed;
 * - a trigger value is seen by exactly one completed run (null afterwards) and runs its callback
 *   every time; two triggers of the same name that arrive before a run are seen by two runs, so
 *   none is lost.
 * Pure: the runner and `st` use it; unit tests drive it through the app harness.
 */
import { createHash } from 'node:crypto';
import type { V2Change, V2Data } from '../../protocol';
import type { SourceRef } from '../components/componentSources';

export type { SourceRef };

export interface ComponentV2Definition {
  /** The ES module whose default export is the renderer (required). */
  js: SourceRef;
  html?: SourceRef;
  css?: SourceRef;
  /** Mount into a ShadowRoot (default) or straight into the document, for libraries that use document.getElementById. */
  isolateStyles?: boolean;
}

export type V2Size = number | 'stretch' | 'content';

export interface MountOptions<S extends Record<string, unknown> = Record<string, unknown>> {
  /** Keeps the front-end instance (and its state) when other parameters change. */
  key?: string;
  /** Given to the renderer as `data`: JSON, or bytes (a Uint8Array). */
  data?: unknown;
  /** Initial state values: the first run already sees them, so mounting costs no rerun. */
  default?: Partial<S>;
  width?: V2Size;
  height?: V2Size;
  /** One callback per state or trigger name; it runs before the rerun the change causes. */
  onChange?: { [K in keyof S]?: (value: S[K] | null) => void };
}

/**
 * One field per state and trigger name: a trigger is null except in the one run it fired for. As in
 * Streamlit, a name with no callback and no value yet is missing (undefined), so test for a value,
 * not for `!== null`.
 */
export type MountResult<S extends Record<string, unknown> = Record<string, unknown>> = { [K in keyof S]?: S[K] | null };

export type Callbacks = Record<string, ((value: unknown) => void) | undefined>;

/** What a run's mount declared, remembered for the next run (callbacks run before it; keyed results are published before it). */
export interface MountRecord {
  key?: string;
  defaults?: Record<string, unknown>;
  callbacks: Callbacks;
}

/** An unkeyed mount is identified by everything it was given, as in Streamlit: change any of it and it is a new instance. */
export function unkeyedIdentity(name: string, data: V2Data, options: Pick<MountOptions, 'default' | 'width' | 'height'>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([name, data, options.default ?? null, options.width ?? null, options.height ?? null]))
    .digest('hex');
  return `${name}:${digest.slice(0, 16)}`;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The runner's memory of v2 changes between runs. */
export class V2ChangeQueue {
  /** Callbacks to run before the next run, in arrival order. */
  private pendingCallbacks: { id: string; name: string; value: unknown }[] = [];
  /** Per instance, trigger batches: each completed run consumes the first one. */
  private triggerBatches = new Map<string, Record<string, unknown>[]>();
  /** What each instance declared in the last completed run. */
  mounts = new Map<string, MountRecord>();

  /** Apply a flush from the front end: state into `states` now (latest wins), triggers queued for runs. */
  apply(id: string, changes: readonly V2Change[], states: Record<string, unknown>): void {
    for (const change of changes) {
      if (change.kind === 'state') {
        const current = (isRecord(states[id]) ? states[id] : {}) as Record<string, unknown>;
        if (Object.hasOwn(current, change.name) && same(current[change.name], change.value)) continue; // unchanged: no callback
        states[id] = { ...current, [change.name]: change.value };
        this.pendingCallbacks.push({ id, name: change.name, value: change.value });
      } else {
        const batches = this.triggerBatches.get(id) ?? [];
        const last = batches.at(-1);
        if (last && !Object.hasOwn(last, change.name)) last[change.name] = change.value;
        else batches.push({ [change.name]: change.value });
        this.triggerBatches.set(id, batches);
        this.pendingCallbacks.push({ id, name: change.name, value: change.value });
      }
    }
  }

  /**
   * A run completed: what it mounted is what the queue remembers. An instance it did not mount loses
   * its state, its keyed result in session state and its queued triggers, as in Streamlit 1.64: when
   * it is mounted again it is a new instance that starts from `default` (see docs/decisions.md).
   * `kinds` are the widgets of that run: an id now used by another widget keeps that widget's value.
   */
  settle(
    mounted: Map<string, MountRecord>,
    kinds: ReadonlyMap<string, unknown>,
    states: Record<string, unknown>,
    user: Record<string, unknown>,
  ): void {
    for (const [id, mount] of this.mounts) {
      if (mounted.has(id)) continue;
      this.triggerBatches.delete(id);
      if (kinds.has(id)) continue; // another widget took this key in that run: its value stays
      delete states[id];
      if (mount.key !== undefined) delete user[mount.key];
    }
    this.mounts = mounted;
  }

  /** A run stopped by st.rerun(): it may not have reached every mount, so nothing is forgotten yet. */
  keep(mounted: Map<string, MountRecord>): void {
    this.mounts = new Map([...this.mounts, ...mounted]);
  }

  /** Callbacks due before the coming run (each change's callback runs once, even if that run is superseded). */
  takeCallbacks(): { run: () => void }[] {
    const due = this.pendingCallbacks;
    this.pendingCallbacks = [];
    return due.map(({ id, name, value }) => ({ run: () => this.mounts.get(id)?.callbacks[name]?.(value) }));
  }

  /**
   * Before a run: a keyed instance's result is in session state under its key, already with the
   * values the front end sent, as Streamlit's widget state is when the script starts.
   */
  publish(user: Record<string, unknown>, states: Record<string, unknown>, triggers: ReadonlyMap<string, Record<string, unknown>>): void {
    for (const [id, mount] of this.mounts) {
      if (mount.key !== undefined) {
        user[mount.key] = mountResult(states[id], mount.defaults, triggers.get(id), Object.keys(mount.callbacks));
      }
    }
  }

  /** The trigger values the coming run sees. */
  visibleTriggers(): Map<string, Record<string, unknown>> {
    return new Map([...this.triggerBatches].map(([id, batches]) => [id, batches[0]!]));
  }

  /** A run completed (or failed): the batches it saw are spent. True when more triggers wait for another run. */
  consume(seen: ReadonlyMap<string, Record<string, unknown>>): boolean {
    for (const [id, batch] of seen) {
      const batches = this.triggerBatches.get(id);
      if (batches?.[0] === batch) batches.shift();
      if (batches?.length === 0) this.triggerBatches.delete(id);
    }
    return this.triggerBatches.size > 0;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mount's result: defaults, then stored state, then this run's triggers (null for declared triggers that did not fire). */
export function mountResult(
  stored: unknown,
  defaults: Record<string, unknown> | undefined,
  triggers: Record<string, unknown> | undefined,
  callbackNames: readonly string[],
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...(defaults ?? {}), ...(isRecord(stored) ? stored : {}) };
  for (const name of callbackNames) if (!Object.hasOwn(result, name)) result[name] = null;
  return { ...result, ...(triggers ?? {}) };
}
