/**
 * The built-in chat app: Streamlit's chat pattern. The history lives in session state (it survives
 * reruns and window reloads); each message sent is added once, and the reply streams into an
 * assistant message token by token with st.writeStream.
 */
import type { App } from './st';

interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An echo, streamed a word at a time as a model's tokens would come. */
async function* reply(prompt: string, turn: number): AsyncGenerator<string> {
  const words = prompt.trim().split(/\s+/).length;
  const text = `Echo ${turn}: "${prompt.trim()}" (${words} ${words === 1 ? 'word' : 'words'}). A real app would stream a model's answer here, token by token.`;
  for (const word of text.split(/(?<= )/)) {
    await pause(30);
    yield word;
  }
}

export const chatApp: App = async (st) => {
  const state = st.sessionState as { messages?: ChatTurn[] };
  const messages = (state.messages ??= []);
  st.title('Chat');
  st.caption('Enter sends, Shift+Enter starts a new line. The conversation survives reloads of the window.');
  if (messages.length > 0 && st.button('Clear the conversation', { key: 'clear' })) {
    state.messages = [];
    st.rerun();
  }
  for (const turn of messages) st.chatMessage(turn.role).markdown(turn.content);
  const prompt = st.chatInput('Say something', { key: 'prompt', maxChars: 2000 });
  if (prompt) {
    messages.push({ role: 'user', content: prompt });
    st.chatMessage('user').markdown(prompt);
    const answer = await st.chatMessage('assistant').writeStream(reply(prompt, Math.ceil(messages.length / 2)));
    messages.push({ role: 'assistant', content: String(answer) });
  }
};
