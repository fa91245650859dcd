/**
 * How app Markdown is rendered: CommonMark plus GitHub's tables, task lists, strikethrough and
 * autolinks (react-markdown + remark-gfm, straight to React elements: no innerHTML). The safety rules
 * live here, apart from the view, so the unit tests render with exactly these options:
 *
 * - raw HTML is never interpreted: react-markdown shows it as text (as Streamlit does without
 *   `unsafe_allow_html`);
 * - a link keeps its href only for http(s) and mailto (`safeHref`); other links show as their text;
 * - images never reach the network or disk: only `data:` raster images show, others show their alt text;
 * - Streamlit's coloured text, `:red[…]` and `:red-background[…]` (and the other colours), becomes a span.
 */
import { createElement } from 'react';
import type { Components, Options, UrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { safeHref } from './safeHref';

export const streamlitColors = ['red', 'orange', 'yellow', 'green', 'blue', 'violet', 'gray', 'grey', 'rainbow', 'primary'] as const;

const dataImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

export const urlTransform: UrlTransform = (url, key, node) => {
  if (key === 'href' && node.tagName === 'a') return safeHref(url);
  if (key === 'src' && node.tagName === 'img') return dataImage.test(url) ? url : undefined;
  return undefined;
};

const components: Components = {
  a: ({ href, title, children }) => (href ? createElement('a', { href, title }, children) : createElement('span', null, children)),
  img: ({ src, alt }) =>
    typeof src === 'string' && src
      ? createElement('img', { src, alt: alt ?? '' })
      : createElement('span', { className: 'markdown-image', title: 'Images from links are not loaded in this view' }, alt || 'image'),
  // A task list's boxes show the state; they are not inputs the app reads.
  input: ({ checked, type }) =>
    type === 'checkbox'
      ? createElement('input', { type: 'checkbox', checked: Boolean(checked), disabled: true, 'aria-label': checked ? 'done' : 'not done' })
      : null,
  // A wide table scrolls sideways in a narrow panel (focusable, so keys scroll it too, as st.table's).
  table: ({ children }) =>
    createElement(
      'div',
      { className: 'table-scroll', role: 'region', 'aria-label': 'table', tabIndex: 0 },
      createElement('table', { className: 'table' }, children),
    ),
};

const opening = new RegExp(`:(${streamlitColors.join('|')})(-background)?\\[`);

/** Wraps `:color[…]` (possibly spanning emphasis, code or links) in a span with the colour's class. */
export function remarkStreamlitColors() {
  return (tree: Root) => visitParents(tree);
}

function visitParents(node: Root | RootContent): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  parent.children = colourChildren(parent.children as PhrasingContent[]) as Parent['children'];
  for (const child of parent.children) visitParents(child);
}

function colourChildren(children: PhrasingContent[]): PhrasingContent[] {
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const match = child.type === 'text' ? opening.exec(child.value) : null;
    if (!match || child.type !== 'text') continue;
    const rest = child.value.slice(match.index + match[0].length);
    // The closing bracket: in the rest of this text, or in a later text sibling (after emphasis, code, links).
    const inner: PhrasingContent[] = [];
    let after: string | undefined;
    let end = i;
    const close = rest.indexOf(']');
    if (close >= 0) {
      inner.push({ type: 'text', value: rest.slice(0, close) });
      after = rest.slice(close + 1);
    } else {
      if (rest) inner.push({ type: 'text', value: rest });
      for (let j = i + 1; j < children.length && after === undefined; j++) {
        const next = children[j]!;
        const at = next.type === 'text' ? next.value.indexOf(']') : -1;
        if (next.type === 'text' && at >= 0) {
          if (at > 0) inner.push({ type: 'text', value: next.value.slice(0, at) });
          after = next.value.slice(at + 1);
          end = j;
        } else inner.push(next);
      }
    }
    if (after === undefined) continue; // no closing bracket: plain text, as written
    const colour = match[1] === 'grey' ? 'gray' : match[1]!;
    const className = match[2] ? ['st-bg', `st-bg-${colour}`] : ['st-color', `st-color-${colour}`];
    const before = child.value.slice(0, match.index);
    return [
      ...children.slice(0, i),
      ...(before ? [{ type: 'text' as const, value: before }] : []),
      // remark-rehype turns a node with `data.hName` into that element; 'emphasis' is only its carrier.
      { type: 'emphasis', children: inner, data: { hName: 'span', hProperties: { className } } },
      // What follows the closing bracket may open another colour.
      ...colourChildren([...(after ? [{ type: 'text' as const, value: after }] : []), ...children.slice(end + 1)]),
    ];
  }
  return children;
}

export const markdownOptions: Readonly<Omit<Options, 'children'>> = {
  remarkPlugins: [remarkGfm, remarkStreamlitColors],
  urlTransform,
  components,
};
