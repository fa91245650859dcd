/**
 * The built-in "forms and fragments" app: what Streamlit's execution flow looks like here (and what
 * the end-to-end suite drives). A form's edits rerun nothing until Save; a form that clears itself
 * after each Add; a fragment whose button reruns only it (the app's run counter stays); a fragment
 * on a one-second timer, switched on by a toggle; a keyed fragment a button's callback reruns alone; a
 * file uploader and a v2 component inside forms.
 */
import { ratingComponent } from './builtinComponents';
import type { App } from './st';

interface FlowState {
  appRuns?: number;
  saved?: { name: string; level: number; subscribe: boolean };
  submits?: number;
  todos?: string[];
  fragmentRuns?: number;
  count?: number;
  ticks?: number;
  rated?: number;
  attached?: string;
  clockRuns?: number;
  refreshes?: number;
  review?: { rating?: number };
}

export const flowApp: App = (st) => {
  const state = st.sessionState as FlowState;
  state.appRuns = (state.appRuns ?? 0) + 1;
  st.title('Forms and fragments');
  st.caption(`App runs: ${state.appRuns}. A form's edits rerun nothing until it is submitted; a fragment reruns alone.`);

  st.form('profile', (form) => {
    const name = form.textInput('Name', { key: 'name' });
    const level = form.slider('Level', { min: 0, max: 10, value: 3, key: 'level' });
    const subscribe = form.checkbox('Subscribe', { key: 'subscribe' });
    if (form.formSubmitButton('Save', { key: 'save' })) {
      state.saved = { name, level, subscribe };
      state.submits = (state.submits ?? 0) + 1;
    }
  });
  st.text(`Saved: ${JSON.stringify(state.saved ?? null)} after ${state.submits ?? 0} submits`);

  st.form(
    'todo',
    (form) => {
      const task = form.textInput('Task', { key: 'task', placeholder: 'Something to do' });
      if (form.formSubmitButton('Add', { key: 'add' }) && task.trim()) state.todos = [...(state.todos ?? []), task.trim()];
    },
    { clearOnSubmit: true, width: 'content' },
  );
  st.text(`To do: ${(state.todos ?? []).join(', ') || 'nothing yet'}`);

  // A file uploader in a form: the host holds the picked file until Attach; then the form is cleared.
  st.form(
    'attach',
    (form) => {
      const file = form.fileUploader('Attachment', { key: 'attachment', type: ['txt', 'md'] });
      if (form.formSubmitButton('Attach', { key: 'attach' })) state.attached = file ? `${file.name}, ${file.size} bytes` : 'nothing';
    },
    { clearOnSubmit: true },
  );
  st.text(`Attached: ${state.attached ?? 'nothing yet'}`);

  // A v2 component in a form: its state waits for the submit, as in Streamlit.
  st.form('review', (form) => {
    const review = ratingComponent(form)({
      key: 'review',
      data: { label: 'Rate this app (sent with the form)', rating: state.review?.rating ?? 3 },
      default: { rating: 3 },
    });
    if (form.formSubmitButton('Send rating', { key: 'sendRating' })) state.rated = review.rating ?? undefined;
  });
  st.text(`Rated: ${state.rated ?? 'not yet'}`);

  st.fragment((f) => {
    const own = f.sessionState as FlowState;
    own.fragmentRuns = (own.fragmentRuns ?? 0) + 1;
    if (f.button('Count', { key: 'count' })) own.count = (own.count ?? 0) + 1;
    f.text(`Count: ${own.count ?? 0}; fragment runs: ${own.fragmentRuns}`);
    // Its exception shows in the fragment's place; the rest of the app stays.
    if (f.button('Break the fragment', { key: 'break' })) throw new Error('the fragment broke on purpose');
  });

  // A fragment with a key: a widget callback reruns it alone by that key, st.rerun({ scope: 'clock' }).
  st.fragment(
    (f) => {
      const own = f.sessionState as FlowState;
      own.clockRuns = (own.clockRuns ?? 0) + 1;
      f.text(`Clock: ${own.clockRuns} fragment runs, ${own.refreshes ?? 0} refreshes`);
    },
    { key: 'clock' },
  );
  st.button('Refresh the clock', {
    key: 'refreshClock',
    onClick: () => {
      const own = st.sessionState as FlowState;
      own.refreshes = (own.refreshes ?? 0) + 1;
      st.rerun({ scope: 'clock' });
    },
  });

  if (st.toggle('Tick every second', { key: 'ticking' })) {
    st.fragment(
      (f) => {
        const own = f.sessionState as FlowState;
        own.ticks = (own.ticks ?? 0) + 1;
        f.text(`Ticks: ${own.ticks}`);
      },
      { runEvery: 1 },
    );
  }

  if (st.toggle('Show a form without a submit button', { key: 'broken' })) {
    st.form('broken', (form) => form.textInput('Lost input', { key: 'lost' }));
  }
};
