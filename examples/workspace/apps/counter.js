// A workspace app: Component Host runs it in the extension host (trusted workspaces only) and
// reruns it when you save this file. JavaScript, typed for the editor by the JSDoc below.
/** @param {import('component-host').St} st */
export default async function counterApp(st) {
  st.title('Counter (workspace app)');
  const count = Number(st.sessionState.count ?? 0);
  if (st.button('Add one', { key: 'add' })) st.sessionState.count = count + 1;
  st.text(`Count: ${st.sessionState.count ?? 0}`);
  if (st.button('Fail once', { key: 'fail' })) throw new Error('boom from the counter app');
  st.caption('version 1');
}
