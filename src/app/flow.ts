/**
 * Forms and fragments on the host (Streamlit's execution flow): what a run records of them, and the
 * pure steps of a fragment's rerun: the record without what the fragment declared, the element tree
 * with the fragment's children replaced, the queue of fragments waiting to rerun.
 */
import { MIN_RUN_EVERY_MS, type Element, type FormDefaults, type WidgetKind } from '../../protocol';
import { parseTtl } from './appCache';
import { RunRecord } from './run';
import type { St } from './st';

export interface FormEntry {
  clearOnSubmit: boolean;
}

export interface FragmentEntry {
  /** The function as the last run that ran it declared it (a closure over that run's values). */
  run: (st: St) => unknown;
  /** `st.fragment(fn, { key })`: the name a widget callback reruns it by, st.rerun({ scope: key }). */
  key?: string;
  runEveryMs?: number;
  /** The fragment it was declared in, if any. */
  parent?: string;
}

/** Where a container declares: inside which form, and inside which fragment. */
export interface FlowScope {
  form?: FormScope;
  fragment?: string;
}

/** A form being declared: its child containers share it. */
export interface FormScope {
  key: string;
  clearOnSubmit: boolean;
  submitButtons: number;
  /** Widget id → the value it starts from: what clearOnSubmit puts back. */
  defaults: FormDefaults;
}

/** Widgets refused in a form, with why (Streamlit's words where it refuses them too). */
export const notInForm: Partial<Record<WidgetKind, string>> = {
  button: "`st.button()` can't be used in an `st.form()`. Use `st.formSubmitButton()` instead to submit the form.",
  download_button: "`st.downloadButton()` can't be used in an `st.form()`.",
  chat_input: "`st.chatInput()` can't be used in an `st.form()`.",
};

export const flowErrors = {
  nested: 'Forms cannot be nested in other forms.',
  submitOutside: '`st.formSubmitButton()` must be used inside an `st.form()`.',
  fragmentInForm: "`st.fragment()` can't be used in an `st.form()`: a fragment's widgets would rerun it, a form's only submit.",
  duplicateForm: (key: string) => `Two forms have the key "${key.slice(0, 100)}". Keys must be unique within an app.`,
  fragmentScope: 'st.rerun({ scope: "fragment" }) can only be called in a function of st.fragment, during a rerun of that fragment.',
  keyedOutsideCallback:
    'Passing a fragment key to `st.rerun()` is only allowed from a widget callback (onChange / onClick): calling it from the app ' +
    'or a fragment would stop the current run. To rerun the whole app or the current fragment, use scope "app" or "fragment".',
  emptyScope: 'st.rerun() was called with an empty scope. Pass a fragment key, a list of keys, "app", or "fragment".',
  reservedKey: (key: string) =>
    `"${key}" is a reserved name and cannot be used as a fragment key, because st.rerun({ scope }) reads it as a rerun level.`,
  duplicateFragmentKey: (key: string) =>
    `Two fragments have the key "${key.slice(0, 100)}". A fragment key names one fragment function; give the other another key.`,
  unknownFragmentKey: (key: string) =>
    `No fragment found for target "${key.slice(0, 100)}". Pass the key you gave st.fragment(fn, { key }), and make sure that ` +
    'fragment has shown at least once.',
};

/** Thrown by st.rerun({ scope: key }) in a widget callback: rerun those fragments instead of what the event would rerun. */
export class KeyedRerun extends Error {
  constructor(readonly fragments: readonly string[]) {
    super('st.rerun() of fragments by key');
  }
}

/** Set while the runner runs widget callbacks: only then may st.rerun name fragments by key. */
export const callbackContext: { active?: { fragmentsByKey(key: string): string[]; sessionState: Record<string, unknown> } } = {};

/** The fragments the last run declared with this key (every call site of that function), in order. */
export function fragmentsWithKey(fragments: ReadonlyMap<string, FragmentEntry>, key: string): string[] {
  const ids = [...fragments].filter(([, entry]) => entry.key === key).map(([id]) => id);
  if (ids.length === 0) throw new Error(flowErrors.unknownFragmentKey(key));
  return ids;
}

/** Widget kinds whose events go to the host at once even inside a form (they change no value: a link opens, a dialog closes). */
export const UNBATCHED: ReadonlySet<WidgetKind> = new Set<WidgetKind>(['link_button', 'form_submit_button', 'dialog']);

/** Keys of RunRecord.owner: widgets, forms and fragments each have their own namespace. */
export const ownerKey = {
  widget: (id: string) => `w:${id}`,
  form: (key: string) => `f:${key}`,
  fragment: (id: string) => `g:${id}`,
};

/** Whether `fragment` is `ancestor` or declared (at any depth) inside it. */
export function within(fragments: ReadonlyMap<string, FragmentEntry>, fragment: string | undefined, ancestor: string): boolean {
  for (let f = fragment, hops = 0; f !== undefined && hops <= fragments.size; f = fragments.get(f)?.parent, hops++) {
    if (f === ancestor) return true;
  }
  return false;
}

/** The record a rerun of `fragment` starts from: the last one without what the fragment (and fragments in it) declared. */
export function recordWithout(base: RunRecord, fragment: string): RunRecord {
  const record = new RunRecord();
  const mine = (key: string) => within(base.fragments, base.owner.get(key), fragment);
  const keep = <V>(from: ReadonlyMap<string, V>, to: Map<string, V>, key: (id: string) => string) => {
    for (const [id, value] of from) if (!mine(key(id))) to.set(id, value);
  };
  for (const id of base.ids) if (!mine(ownerKey.widget(id))) record.ids.add(id);
  keep(base.widgetKinds, record.widgetKinds, ownerKey.widget);
  keep(base.v2Mounts, record.v2Mounts, ownerKey.widget);
  keep(base.callbacks, record.callbacks, ownerKey.widget);
  keep(base.hostWidgets, record.hostWidgets, ownerKey.widget);
  keep(base.formOf, record.formOf, ownerKey.widget);
  keep(base.submitters, record.submitters, ownerKey.widget);
  keep(base.forms, record.forms, ownerKey.form);
  keep(base.fragments, record.fragments, ownerKey.fragment);
  for (const [key, owner] of base.owner) if (!within(base.fragments, owner, fragment)) record.owner.set(key, owner);
  for (const dependency of base.dependencies) record.dependencies.add(dependency);
  return record;
}

/**
 * The element tree with the fragment's children replaced, or undefined when the tree has no such
 * fragment. Element ids are paths ("3/1/0"), so only the containers on the fragment's path are copied.
 */
export function withFragment(elements: readonly Element[], fragment: string, children: Element[]): Element[] | undefined {
  let found = false;
  const walk = (list: readonly Element[]): Element[] =>
    list.map((element) => {
      if (found || !('slots' in element)) return element;
      if (element.id === fragment) {
        found = true;
        return { ...element, slots: [children] };
      }
      return fragment.startsWith(`${element.id}/`) ? { ...element, slots: element.slots.map(walk) } : element;
    });
  const tree = walk(elements);
  return found ? tree : undefined;
}

/** Queue a fragment's rerun once; not when it or a fragment it is in is queued (that rerun covers it). */
export function enqueueFragment(queue: string[], fragment: string, fragments: ReadonlyMap<string, FragmentEntry>): void {
  if (queue.some((queued) => within(fragments, fragment, queued))) return;
  const inside = queue.filter((queued) => within(fragments, queued, fragment));
  for (const f of inside) queue.splice(queue.indexOf(f), 1);
  queue.push(fragment);
}

/** `runEvery` in milliseconds: seconds (a number, as Streamlit's run_every) or "2s", "500ms", "1m"; at least 100 ms. */
export function runEveryMs(value: number | string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const wrong = () =>
    new RangeError(
      `st.fragment: runEvery is seconds (a number > 0) or a string like "2s", "500ms", "1m" (got ${String(value).slice(0, 50)})`,
    );
  let ms: number | undefined;
  try {
    ms = parseTtl(value, 'st.fragment');
  } catch {
    throw wrong();
  }
  if (ms === undefined || !(ms > 0)) throw wrong();
  return Math.min(2 ** 31 - 1, Math.max(MIN_RUN_EVERY_MS, Math.round(ms)));
}

/**
 * `st.fragment`'s key, checked as Streamlit checks it: a string (a number becomes one), not "app" or
 * "fragment", and naming one fragment function (several call sites of that function share it).
 */
export function fragmentKey(key: unknown, fn: (st: St) => unknown, fragments: ReadonlyMap<string, FragmentEntry>): string | undefined {
  if (key === undefined || key === null) return undefined;
  if ((typeof key !== 'string' && typeof key !== 'number') || String(key) === '' || String(key).length > 300) {
    throw new TypeError('st.fragment: key is a string (or a number) of 1 to 300 characters');
  }
  const name = String(key);
  if (name === 'app' || name === 'fragment') throw new Error(flowErrors.reservedKey(name));
  for (const entry of fragments.values()) {
    if (entry.key === name && entry.run !== fn && String(entry.run) !== String(fn)) throw new Error(flowErrors.duplicateFragmentKey(name));
  }
  return name;
}
