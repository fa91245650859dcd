/**
 * The view's elements as the host last described them (protocol/render.ts), with subscriptions per
 * node and per slot: a patch re-renders only the nodes and slots it changed, so a click costs what
 * changed, not the size of the app.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import {
  applyChanges,
  parseViewNode,
  type GridTable,
  type RenderMessage,
  type RenderMeta,
  type ViewNode,
  type ViewState,
} from '../protocol';

const NONE: readonly string[] = Object.freeze([]);
const META = 'meta';

export type ApplyResult = 'applied' | 'old' | 'gap';

export class RenderStore {
  private state: ViewState = { nodes: new Map(), slots: new Map(), stale: new Map(), tables: new Map(), blobs: new Map() };
  private version = -1;
  private meta: RenderMeta | undefined;
  private readonly listeners = new Map<string, Set<() => void>>();
  /** Patches applied, and how long the last took to apply and to reach the DOM (tests and benchmarks read them). */
  applied = 0;
  timings = { applyMs: 0, appliedAt: 0, committedAt: 0 };

  apply(message: RenderMessage): ApplyResult {
    const started = performance.now();
    const result = this.applyNow(message);
    this.timings.appliedAt = performance.now();
    this.timings.applyMs = this.timings.appliedAt - started;
    return result;
  }

  /** React committed what the last patch changed (NodeView's layout effect). */
  committed(): void {
    this.timings.committedAt = performance.now();
  }

  private applyNow(message: RenderMessage): ApplyResult {
    const { mode, from, to, set, splice, drop, dropSlots, stale, tables, blobs, ...meta } = message;
    const changes = { set, splice, drop, dropSlots, stale, ...(tables ? { tables } : {}), ...(blobs ? { blobs } : {}) };
    let notify: { nodes: Iterable<string>; slots: Iterable<string> };
    if (mode === 'snapshot') {
      const before = this.state;
      this.state = { nodes: new Map(), slots: new Map(), stale: new Map(), tables: new Map(), blobs: new Map() };
      const applied = applyChanges(this.state, changes, parseViewNode);
      if (!applied.ok) return 'gap';
      notify = { nodes: [...before.nodes.keys(), ...applied.nodes], slots: [...before.slots.keys(), ...applied.slots, ''] };
    } else {
      if (to <= this.version) return 'old';
      if (from !== this.version) return 'gap';
      const applied = applyChanges(this.state, changes, parseViewNode);
      if (!applied.ok) return 'gap';
      notify = applied;
    }
    this.version = to;
    this.meta = meta;
    this.applied++;
    for (const id of notify.nodes) this.emit(`n:${id}`);
    for (const slot of notify.slots) this.emit(`s:${slot}`);
    this.emit(META);
    return 'applied';
  }

  private emit(key: string): void {
    const set = this.listeners.get(key);
    if (set) for (const listener of set) listener();
  }

  private subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  // Bound once per key, so React sees stable subscribe functions.
  private readonly subscribers = new Map<string, (listener: () => void) => () => void>();
  subscriber(key: string): (listener: () => void) => () => void {
    let s = this.subscribers.get(key);
    if (!s) this.subscribers.set(key, (s = (listener) => this.subscribe(key, listener)));
    return s;
  }

  node(id: string): ViewNode | undefined {
    return this.state.nodes.get(id);
  }
  slot(slot: string): readonly string[] {
    return this.state.slots.get(slot) ?? NONE;
  }
  /** A table a node names (st.dataframe, st.dataEditor): it arrives with the node that first names it. */
  table(id: string): GridTable | undefined {
    return this.state.tables.get(id);
  }
  /** A blob a node names (a component's Arrow or bytes argument): it arrives with the node that first names it. */
  blob(id: string): Uint8Array | undefined {
    return this.state.blobs.get(id);
  }
  staleFrom(slot: string): number {
    return this.state.stale.get(slot) ?? Infinity;
  }
  get current(): RenderMeta | undefined {
    return this.meta;
  }
}

export const RenderStoreContext = createContext<RenderStore>(new RenderStore());

export function useNode(id: string): ViewNode | undefined {
  const store = useContext(RenderStoreContext);
  return useSyncExternalStore(store.subscriber(`n:${id}`), () => store.node(id));
}

export function useSlot(slot: string): { ids: readonly string[]; staleFrom: number } {
  const store = useContext(RenderStoreContext);
  const subscribe = store.subscriber(`s:${slot}`);
  const ids = useSyncExternalStore(subscribe, () => store.slot(slot));
  const staleFrom = useSyncExternalStore(subscribe, () => store.staleFrom(slot));
  return { ids, staleFrom };
}

export function useRenderMeta(): RenderMeta | undefined {
  const store = useContext(RenderStoreContext);
  return useSyncExternalStore(store.subscriber(META), () => store.current);
}
