/** The Markdown renderer itself, in its own chunk (see markdown.tsx): react-markdown with the options of markdownOptions.ts. */
import ReactMarkdown from 'react-markdown';
import { markdownOptions } from './markdownOptions';

export function MarkdownView({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown {...markdownOptions}>{text}</ReactMarkdown>
    </div>
  );
}
