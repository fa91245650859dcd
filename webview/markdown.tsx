/**
 * App Markdown (`st.markdown` and every other text Streamlit renders as Markdown). The renderer loads
 * on first use (its chunk is about 50 KB gzip); until then the text shows as written.
 */
import { lazyElement } from './lazy';

export const Markdown = lazyElement(
  () => import('./markdownView').then((m) => m.MarkdownView),
  ({ text }: { text: string }) => <div className="markdown markdown-loading">{text}</div>,
);
