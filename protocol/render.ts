/**
 * How a run reaches the view: as changes, not trees. The view holds a flat state — nodes by element
 * id, and slots (a container's ordered child ids; the root slot is "") — and the host sends what
 * changed since the state it last sent: nodes set or dropped, slots spliced. Both ends compile
 * against the functions here, so the host's idea of the view and the view itself cannot drift apart
 * (a unit test applies every diff and compares).
 *
 * While a run streams, the elements of the previous run it has not reached yet stay in their places,
 * marked stale (`stale`: per slot, the index of its first stale entry), as Streamlit shows them.
 *
 * Tables (st.dataframe, st.dataEditor; protocol/dataframe.ts) travel beside the nodes, by id: a node
 * names its table, `tables` brings the ones the view does not hold yet, and both ends keep exactly the
 * tables some node names, so a table is sent once per change of its content. Blobs (a component's
 * Arrow and bytes arguments; protocol/blobs.ts) travel the same way, in `blobs`.
 */
import * as z from 'zod';
import { BlobBytes, BlobId } from './blobs';
import { GridTable, TableId } from './dataframe';
import { slotCount, ViewNode, type Element } from './elements';

export const ROOT_SLOT = '';
/** The id of a container's `index`-th slot. */
export const slotId = (containerId: string, index: number): string => `${containerId}#${index}`;

const NodeId = z.string().min(1).max(300);
const SlotId = z.string().max(310);

/** What turns one view state into the next; a snapshot applies it to an empty state. */
export const RenderChanges = z.object({
  /** New or changed nodes, validated one by one by the view (an invalid one is shown as an error). */
  set: z.array(z.unknown()).max(200_000),
  splice: z
    .array(z.object({ slot: SlotId, at: z.number().int().nonnegative(), remove: z.number().int().nonnegative(), insert: z.array(NodeId) }))
    .max(200_000),
  /** Nodes no slot refers to any more. */
  drop: z.array(NodeId).max(200_000),
  dropSlots: z.array(SlotId).max(200_000),
  /** Slots that end in stale entries: the index of the first. Absent slots are all fresh. */
  stale: z.record(SlotId, z.number().int().nonnegative()),
  /** Tables new to the view, by id (checked one by one by the view: protocol/dataframe.ts). */
  tables: z.record(TableId, z.unknown()).optional(),
  /** Blobs new to the view, by id (Uint8Arrays, checked one by one). */
  blobs: z.record(BlobId, z.unknown()).optional(),
});
export type RenderChanges = z.infer<typeof RenderChanges>;

/** A flat view state, as the host tracks it: each node with its JSON (how changes are found). */
export interface FlatTree {
  nodes: Map<string, { node: ViewNode; json: string }>;
  slots: Map<string, readonly string[]>;
  stale: Map<string, number>;
  tables: Map<string, GridTable>;
  blobs: Map<string, Uint8Array>;
}

export const emptyTree = (): FlatTree => ({
  nodes: new Map(),
  slots: new Map([[ROOT_SLOT, []]]),
  stale: new Map(),
  tables: new Map(),
  blobs: new Map(),
});

/** The id of the table a node shows, if any. */
const tableOf = (node: ViewNode): string | undefined => ('tableId' in node ? node.tableId : undefined);

/** The ids of the blobs a node shows. */
export function blobsOf(node: ViewNode): string[] {
  if (node.kind === 'component') return [...node.dfs.flatMap((df) => [df.data, df.index, df.columns]), ...Object.values(node.bytesArgs)];
  if (node.kind !== 'component_v2') return [];
  const data = node.data;
  return data.dataType === 'bytes' || data.dataType === 'arrow' ? [data.blob] : data.dataType === 'mixed' ? data.blobs : [];
}

/** A leaf as the view holds it: a table or blobs it carries move into the tree's tables and blobs. */
function detach(tree: FlatTree, element: ViewNode): ViewNode {
  if ('payload' in element && element.payload !== undefined) {
    const { payload, ...node } = element;
    for (const [id, bytes] of Object.entries(payload)) tree.blobs.set(id, bytes);
    return node as ViewNode;
  }
  if (!('table' in element) || element.table === undefined) return element;
  const { table, ...node } = element;
  tree.tables.set(node.tableId, table);
  return node;
}

/** A run's element tree as a flat state. */
export function flatten(elements: readonly Element[]): FlatTree {
  const tree = emptyTree();
  const walk = (slot: string, list: readonly Element[]) => {
    tree.slots.set(
      slot,
      list.map((element) => {
        if ('slots' in element) {
          const { slots, ...node } = element;
          tree.nodes.set(node.id, { node, json: JSON.stringify(node) });
          slots.forEach((children, i) => walk(slotId(node.id, i), children));
        } else {
          const node = detach(tree, element);
          tree.nodes.set(node.id, { node, json: JSON.stringify(node) });
        }
        return element.id;
      }),
    );
  };
  walk(ROOT_SLOT, elements);
  return tree;
}

/**
 * What a view shows while a run streams: in each slot, what the run declared so far, then what the
 * previous state (`base`) had beyond that position (stale). Position i of the new run replaces
 * position i of the old one, as in Streamlit; a stale container keeps its whole subtree.
 */
export function withStaleTail(current: FlatTree, base: FlatTree): FlatTree {
  const tree: FlatTree = {
    nodes: new Map(current.nodes),
    slots: new Map(current.slots),
    stale: new Map(),
    tables: new Map(current.tables),
    blobs: new Map(current.blobs),
  };
  const include = (id: string): boolean => {
    const old = base.nodes.get(id);
    if (!old || tree.nodes.has(id)) return false;
    tree.nodes.set(id, old);
    const table = tableOf(old.node);
    if (table !== undefined && !tree.tables.has(table)) tree.tables.set(table, base.tables.get(table)!);
    for (const blob of blobsOf(old.node)) if (!tree.blobs.has(blob)) tree.blobs.set(blob, base.blobs.get(blob)!);
    for (let i = 0; i < slotCount(old.node); i++) {
      const slot = slotId(id, i);
      tree.slots.set(slot, (base.slots.get(slot) ?? []).filter(include));
    }
    return true;
  };
  for (const [slot, ids] of current.slots) {
    const tail = (base.slots.get(slot) ?? []).slice(ids.length).filter(include);
    if (tail.length === 0) continue;
    tree.slots.set(slot, [...ids, ...tail]);
    tree.stale.set(slot, ids.length);
  }
  return tree;
}

/** One splice that turns `old` into `next`: the common head and tail stay. */
function spliceOf(old: readonly string[], next: readonly string[]): { at: number; remove: number; insert: string[] } | undefined {
  let head = 0;
  while (head < old.length && head < next.length && old[head] === next[head]) head++;
  if (head === old.length && head === next.length) return undefined;
  let tail = 0;
  while (tail < old.length - head && tail < next.length - head && old[old.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  return { at: head, remove: old.length - head - tail, insert: next.slice(head, next.length - tail) };
}

/** The changes from `shown` to `target`: cost in proportion to the app, bytes in proportion to what changed. */
export function diffTrees(shown: FlatTree, target: FlatTree): RenderChanges {
  const changes: RenderChanges = { set: [], splice: [], drop: [], dropSlots: [], stale: Object.fromEntries(target.stale) };
  for (const [id, next] of target.nodes) if (shown.nodes.get(id)?.json !== next.json) changes.set.push(next.node);
  for (const id of shown.nodes.keys()) if (!target.nodes.has(id)) changes.drop.push(id);
  for (const [slot, ids] of target.slots) {
    const splice = spliceOf(shown.slots.get(slot) ?? [], ids);
    if (splice) changes.splice.push({ slot, ...splice });
  }
  for (const slot of shown.slots.keys()) if (!target.slots.has(slot)) changes.dropSlots.push(slot);
  const tables = [...target.tables].filter(([id]) => !shown.tables.has(id));
  if (tables.length) changes.tables = Object.fromEntries(tables);
  const blobs = [...target.blobs].filter(([id]) => !shown.blobs.has(id));
  if (blobs.length) changes.blobs = Object.fromEntries(blobs);
  return changes;
}

/** The view's state: what the webview renders from. */
export interface ViewState {
  nodes: Map<string, ViewNode>;
  slots: Map<string, readonly string[]>;
  stale: Map<string, number>;
  tables: Map<string, GridTable>;
  blobs: Map<string, Uint8Array>;
}

export type Applied = { ok: true; nodes: Set<string>; slots: Set<string> } | { ok: false; reason: string };

/**
 * Apply changes to a view state in place. Returns which nodes and slots changed (the view re-renders
 * only those), or why the changes do not fit this state (then the view asks for a snapshot).
 * `parse` checks each node; what it returns is stored.
 */
export function applyChanges(state: ViewState, changes: RenderChanges, parse: (raw: unknown) => ViewNode | undefined): Applied {
  for (const s of changes.splice) {
    const length = state.slots.get(s.slot)?.length ?? 0;
    if (s.at + s.remove > length) return { ok: false, reason: `splice of slot "${s.slot.slice(0, 50)}" beyond its ${length} entries` };
  }
  const nodes = new Set<string>();
  const slots = new Set<string>();
  for (const [id, raw] of Object.entries(changes.tables ?? {})) {
    const table = GridTable.safeParse(raw);
    if (table.success) state.tables.set(id, table.data); // else its node says the table is missing
  }
  for (const [id, raw] of Object.entries(changes.blobs ?? {})) {
    const blob = BlobBytes.safeParse(raw);
    if (blob.success) state.blobs.set(id, blob.data); // else its node says the data is missing
  }
  for (const raw of changes.set) {
    const node = parse(raw);
    if (!node) continue;
    state.nodes.set(node.id, node);
    nodes.add(node.id);
  }
  for (const s of changes.splice) {
    const next = [...(state.slots.get(s.slot) ?? [])];
    next.splice(s.at, s.remove, ...s.insert);
    state.slots.set(s.slot, next);
    slots.add(s.slot);
  }
  for (const slot of changes.dropSlots) {
    state.slots.delete(slot);
    slots.add(slot);
  }
  for (const id of changes.drop) {
    state.nodes.delete(id);
    nodes.add(id);
  }
  for (const [slot] of state.stale) if (changes.stale[slot] === undefined) slots.add(slot);
  for (const [slot, from] of Object.entries(changes.stale)) if (state.stale.get(slot) !== from) slots.add(slot);
  state.stale = new Map(Object.entries(changes.stale));
  // Keep the tables some node shows, as the host does (it sends a table again only when it is new).
  const named = new Set<string>();
  const namedBlobs = new Set<string>();
  for (const node of state.nodes.values()) {
    const table = tableOf(node);
    if (table !== undefined) named.add(table);
    for (const blob of blobsOf(node)) namedBlobs.add(blob);
  }
  for (const id of state.tables.keys()) if (!named.has(id)) state.tables.delete(id);
  for (const id of state.blobs.keys()) if (!namedBlobs.has(id)) state.blobs.delete(id);
  return { ok: true, nodes, slots };
}

/** Check a node from the host; an invalid one becomes an error element in its place (when it has an id). */
export function parseViewNode(raw: unknown): ViewNode | undefined {
  const parsed = ViewNode.safeParse(raw);
  if (parsed.success) return parsed.data;
  const id = NodeId.safeParse((raw as { id?: unknown } | null)?.id);
  if (!id.success) return undefined;
  const issue = parsed.error.issues[0];
  return {
    kind: 'error',
    id: id.data,
    message: `This element could not be shown: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`.slice(0, 10_000),
  };
}
