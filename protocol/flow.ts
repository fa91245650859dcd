/**
 * Execution flow as the view sees it: forms (their edits are held by the view and sent as one event
 * when submitted) and fragments (a part of the app that reruns alone, on its widgets or a timer).
 */
import * as z from 'zod';

const id = z.string().min(1).max(300);

/** At most this many widget values in one form submission. */
export const MAX_FORM_VALUES = 1000;

/** What a form's submit button sends: the values the user edited in the form, by widget id. */
export const FormSubmission = z.object({
  values: z
    .record(id, z.unknown())
    .refine((values) => Object.keys(values).length <= MAX_FORM_VALUES, `a form submits at most ${MAX_FORM_VALUES} values`),
});
export type FormSubmission = z.infer<typeof FormSubmission>;

export const FormSubmitButtonElement = z.object({
  kind: z.literal('form_submit_button'),
  id,
  label: z.string().max(1000),
  disabled: z.boolean(),
});

/**
 * `st.form(key)`: a container whose widgets' edits stay in the view until a submit button of it is
 * clicked. `defaults` (only with `clearOnSubmit`): what each widget goes back to after a submit.
 */
export const FormNode = z.object({
  kind: z.literal('form'),
  id,
  formKey: id,
  border: z.boolean(),
  clearOnSubmit: z.boolean(),
  /** Enter in a text or number input of the form submits it (with its first submit button, if enabled). */
  enterToSubmit: z.boolean(),
  hasSubmitButton: z.boolean(),
  defaults: z.record(id, z.json()).optional(),
  /** Pixels: the form scrolls past it (Streamlit's `height`; absent: as tall as its content). */
  height: z.number().int().min(1).max(10_000).optional(),
  /** Pixels, or `content` (as wide as its widgets); absent: the panel's width (Streamlit's `stretch`). */
  width: z.union([z.number().int().min(1).max(10_000), z.literal('content')]).optional(),
});

export type FormDefaults = NonNullable<z.infer<typeof FormNode>['defaults']>;

/** The shortest `runEvery` the view keeps to (a smaller one would flood the host). */
export const MIN_RUN_EVERY_MS = 100;

/** `st.fragment(fn)`: a container that reruns alone; with `runEveryMs`, also on a timer while the view shows. */
export const FragmentNode = z.object({
  kind: z.literal('fragment'),
  id,
  runEveryMs: z
    .number()
    .int()
    .min(MIN_RUN_EVERY_MS)
    .max(2 ** 31 - 1)
    .optional(),
});

/** The event a fragment's timer sends: widget id `fragment:<its element id>`, value "tick". */
export const fragmentTickId = (fragmentId: string): string => `fragment:${fragmentId}`;
export const FRAGMENT_TICK_PREFIX = 'fragment:';
export const FragmentTick = z.literal('tick');
