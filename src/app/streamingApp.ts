/**
 * The built-in "streamed output" app: a run that takes its time, so what Streamlit-style streaming
 * looks like can be seen (and is tested end to end): elements as they are declared, the previous
 * run's dimmed until reached, a placeholder overwritten, a status box, text streamed token by token.
 */
import type { App } from './st';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ANSWER = 'Streamlit sends each element as the script produces it, and so does Component Host, once per frame.';

async function* tokens(delayMs: number): AsyncGenerator<string> {
  for (const word of ANSWER.split(/(?<= )/)) {
    await pause(delayMs);
    yield word;
  }
}

export const streamingApp: App = async (st) => {
  const state = st.sessionState as { runs?: number; completed?: number };
  state.runs = (state.runs ?? 0) + 1;
  st.title('Streamed output');
  st.caption(`Run ${state.runs}; ${state.completed ?? 0} ran to the end. A click while a run streams stops it and starts another.`);
  st.button('Run again');
  const slow = st.toggle('Slow (four times slower)', { key: 'slow' });
  const step = slow ? 4 : 1;
  const countdown = st.empty();
  for (const n of [3, 2, 1]) {
    countdown.text(`Countdown ${n}`);
    await pause(200 * step);
  }
  countdown.text('Liftoff');
  const bar = st.progress(0, 'Working');
  for (let i = 1; i <= 4; i++) {
    await pause(50 * step);
    bar.progress(i / 4, i === 4 ? 'Done' : `Step ${i} of 4`);
  }
  const answer = await st.status('Answering', async (box) => {
    box.caption('Streaming the answer token by token');
    return box.writeStream(tokens(40 * step));
  });
  st.text(`The answer has ${String(answer).length} characters.`);
  if (state.runs % 2 === 1) st.caption('Odd runs end with this line; the next run removes it.');
  state.completed = (state.completed ?? 0) + 1;
};
