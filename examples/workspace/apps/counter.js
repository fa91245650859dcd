// A workspace app: Component Host runs it in the extension host (trusted workspaces only) and
// reruns it when you save this file.
module.exports = async function counterApp(st) {
  st.title('Counter (workspace app)');
  const count = st.sessionState.count ?? 0;
  if (st.button('Add one', { key: 'add' })) st.sessionState.count = count + 1;
  st.text(`Count: ${st.sessionState.count ?? 0}`);
  if (st.button('Fail once', { key: 'fail' })) throw new Error('boom from the counter app');
  st.caption('version 1');
};
