// A TypeScript app with local imports: saving this file or either module in lib/ reruns it.
import type { St } from 'component-host';
import { summarize, type Task } from './lib/tasks.ts';
import { percent } from './lib/format.ts';

const tasks: Task[] = [
  { title: 'Write the app', done: true },
  { title: 'Save it', done: true },
  { title: 'Watch it rerun', done: false },
];

export default function app(st: St): void {
  st.title('Tasks (TypeScript app)');
  const showDone = st.toggle('Show finished tasks', { key: 'showDone', value: true });
  const shown = tasks.filter((t) => showDone || !t.done);
  st.table(shown.map((t) => ({ task: t.title, done: t.done ? 'yes' : 'no' })));
  const { done, total } = summarize(tasks);
  st.progress(done / total, `${percent(done, total)} done`);
}
