/** Apps that ship with the extension. Workspace apps are loaded by src/authoring/moduleLoader.ts. */
import { ratingComponent } from './builtinComponents';
import { chatApp } from './chatApp';
import { dataApp } from './dataApp';
import { chartsApp } from './chartsApp';
import { demoApp } from './demoApp';
import { flowApp } from './flowApp';
import { streamingApp } from './streamingApp';
import type { App } from './st';

/** A tour of the elements; ~65 elements, also the benchmark's app. */
export const galleryApp: App = (st) => {
  st.title('Component Host');
  st.caption('An app running in the extension host; this panel is its UI. Widgets rerun it.');
  const name = st.textInput('Your name', { value: 'world', key: 'name' });
  st.markdown(`Hello, **${name || 'stranger'}**! Edit the name: the app reruns on every change.`);
  const clicks = (st.sessionState.clicks as number | undefined) ?? 0;
  if (st.button('Click me', { key: 'click' })) st.sessionState.clicks = clicks + 1;
  st.text(
    `Button clicked ${(st.sessionState.clicks as number | undefined) ?? 0} times (a trigger: true only in the run the click caused).`,
  );
  const level = st.slider('Level', { min: 1, max: 10, value: 3, key: 'level' });
  st.progress(level / 10, `level ${level} of 10`);
  const checked = st.checkbox('Show details', { key: 'details' });
  if (checked) st.info('Details are shown because the checkbox is ticked.');
  const flavour = st.selectbox('Flavour', ['vanilla', 'chocolate', 'strawberry'], { key: 'flavour' });
  const size = st.radio('Size', ['small', 'medium', 'large'], { index: 1, key: 'size' });
  st.success(`You picked a ${size} ${flavour}.`);
  const amount = st.numberInput('Amount', { min: 0, max: 20, value: 2, key: 'amount' });
  st.toggle('Dark mode preview', { key: 'dark' });
  const [left, right] = st.columns(2);
  left!.text(`Amount: ${amount}`);
  right!.text(`Total: ${amount * level}`);
  const rating = ratingComponent(st)({
    key: 'rating',
    data: { label: 'Rate this panel', rating: (st.sessionState.rating as { rating?: number } | undefined)?.rating ?? 3 },
    default: { rating: 3 },
  });
  if (typeof rating.submitted === 'number') {
    st.success(`Thanks: ${rating.submitted} of 5 stars (a Streamlit v2 component; "submitted" is a trigger, seen by this run only).`);
  }
  const editor = st.expander('The editor, as the app sees it', { expanded: true });
  const ctx = editor.editor;
  if (ctx) {
    editor.text(`${ctx.file} (${ctx.language})`);
    editor.caption(
      `selection ${ctx.selection.startLine + 1}:${ctx.selection.startCharacter + 1}–${ctx.selection.endLine + 1}:${ctx.selection.endCharacter + 1}; ` +
        `${ctx.diagnostics.errors} errors, ${ctx.diagnostics.warnings} warnings`,
    );
    if (ctx.selection.text) editor.code(ctx.selection.text.slice(0, 2000));
  } else editor.caption('No editor is active. Open a file to see it here.');
  const [tabA, tabB] = st.tabs(['Table', 'JSON']);
  tabA!.table(Array.from({ length: 5 }, (_, i) => ({ row: i + 1, square: (i + 1) ** 2, level })));
  tabB!.json({ name, level, flavour, size, amount, clicks: st.sessionState.clicks ?? 0 });
  st.markdown(
    'Markdown: **bold**, ~~struck~~, :blue[coloured], `code`, a [link](https://code.visualstudio.com) and a table:\n\n' +
      '| step | done |\n| --- | --- |\n| build | yes |\n\n- [x] tables\n- [ ] charts\n\n<b>raw HTML shows as text</b>',
  );
  const [now, latency] = st.columns(2);
  now!.metric('Level', level, { delta: level - 3, border: true, help: 'The slider above, against its start of 3' });
  latency!.metric('Latency', '42 ms', { delta: '-8 ms', deltaColor: 'inverse', border: true });
  st.badge('Status: green', { color: 'green', icon: '✔' });
  const toasts = (st.sessionState.toasts as number | undefined) ?? 0;
  if (st.button('Show a toast', { key: 'toast' })) {
    st.sessionState.toasts = toasts + 1;
    st.toast(`Toast number ${toasts + 1}: **shown once**, however often this render is shown again.`, { icon: '🎉' });
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="6" fill="#3794ff"/><text x="60" y="26" font-size="16" text-anchor="middle" fill="#fff">level ${level}</text></svg>`;
  st.image(new TextEncoder().encode(svg), { caption: 'An image from bytes the app made (a workspace file works too)', width: 120 });
  st.write('**st.write** shows each value by its type:', level, level > 5, { level, flavour });
  const errors = st.expander('An exception, as st.exception shows it');
  errors.exception(new RangeError(`level ${level} is only an example`));
  st.header('More inputs');
  const inputs = {
    tags: st.multiselect('Tags', ['bug', 'feature', 'docs', 'chore'], { default: ['bug'], maxSelections: 3, key: 'tags' }),
    notes: st.textArea('Notes', { placeholder: 'Anything to add?', maxChars: 500, key: 'notes' }),
    due: st.dateInput('Due date', { value: '2026-12-24', key: 'due' }),
    at: st.timeInput('Time', { value: '09:30', key: 'at' }),
    colour: st.colorPicker('Accent colour', { value: '#1e90ff', key: 'colour' }),
    effort: st.selectSlider('Effort', ['XS', 'S', 'M', 'L', 'XL'], { value: 'M', key: 'effort' }),
    priority: st.selectSlider('Priority', ['low', 'medium', 'high', 'urgent'], { value: ['medium', 'high'], key: 'priority' }),
    layout: st.pills('Layout', ['list', 'board', 'calendar'], { default: 'list', key: 'layout' }),
    show: st.segmentedControl('Show', ['open', 'closed', 'drafts'], { selectionMode: 'multi', default: ['open'], key: 'show' }),
    stars: st.feedback('stars', { key: 'stars' }),
  };
  st.json(inputs);
  st.header('Files and links');
  const file = st.fileUploader('A text file to count', { type: ['txt', 'md', 'csv', 'json'], key: 'upload' });
  if (file) st.text(`${file.name} (${file.type}): ${file.size} bytes, ${new TextDecoder().decode(file.bytes).split('\n').length} lines`);
  const summary = JSON.stringify({ name, level, ...inputs }, null, 2);
  if (st.downloadButton('Save the summary', summary, { fileName: 'summary.json', mime: 'application/json', key: 'download' })) {
    st.success('The save dialog is open on the host (a trigger, like a button).');
  }
  st.linkButton('Streamlit docs', 'https://docs.streamlit.io/', { key: 'docs' });
  st.divider();
  for (let i = 0; i < 12; i++) st.caption(`Line ${i + 1} of filler text, so the app has about fifty elements.`);
  st.code('export default async function app(st) {\n  st.title("My app");\n}', { language: 'javascript' });
  st.warning('Apps from the workspace run only in a trusted workspace.');
};

export const builtinApps: Record<string, { title: string; app: App }> = {
  demo: { title: 'Demo: sign-in, API calls, the component and its events', app: demoApp },
  gallery: { title: 'Element gallery', app: galleryApp },
  data: { title: 'Data: a 100 000-row dataframe and a data editor', app: dataApp },
  streaming: { title: 'Streamed output: placeholders, status, text token by token', app: streamingApp },
  chat: { title: 'Chat: messages, a chat input, a streamed reply', app: chatApp },
  charts: { title: 'Charts: line, bar, area, scatter and Vega-Lite', app: chartsApp },
  flow: { title: 'Forms and fragments: batched edits, parts that rerun alone, timers', app: flowApp },
};
