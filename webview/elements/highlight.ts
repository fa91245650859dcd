/**
 * Syntax highlighting for `st.code`: highlight.js's core with a set of common languages (about 28 KB
 * gzip, in the code block's own chunk). highlight.js returns HTML; it is not put into the page as
 * HTML: `tokens` reads back only what highlight.js writes (its spans and escaped text) into a tree
 * that React renders as elements, and anything else makes the block plain text.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import powershell from 'highlight.js/lib/languages/powershell';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  dockerfile,
  go,
  ini,
  java,
  javascript,
  json,
  kotlin,
  markdown,
  php,
  plaintext,
  powershell,
  python,
  ruby,
  rust,
  shell,
  sql,
  swift,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** The languages `st.code` highlights, with their aliases (`js`, `ts`, `py`, `sh`, `html`, `yml`…). */
export function knownLanguages(): string[] {
  return hljs.listLanguages();
}

/** A highlighted text: strings, and spans with highlight.js's classes (`hljs-keyword`, `hljs-title function_`). */
export type Token = string | { className: string; children: Token[] };

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };

/** The code as tokens in `language`, or undefined when the language is unknown (the block shows plain text). */
export function tokens(code: string, language: string | undefined): Token[] | undefined {
  if (!language || !hljs.getLanguage(language)) return undefined;
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  const root: Token[] = [];
  const stack: Token[][] = [root];
  for (const [part, className] of html.matchAll(/<span class="([\w -]+)">|<\/span>|[^<]+|</g)) {
    const top = stack[stack.length - 1]!;
    if (className !== undefined) {
      const span = { className, children: [] as Token[] };
      top.push(span);
      stack.push(span.children);
    } else if (part === '</span>') {
      if (stack.length === 1) return undefined;
      stack.pop();
    } else if (part.startsWith('<')) {
      return undefined; // not something highlight.js writes
    } else {
      top.push(part.replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => entities[e]!));
    }
  }
  return stack.length === 1 ? root : undefined;
}
