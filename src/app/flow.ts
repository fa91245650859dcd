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
};

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
