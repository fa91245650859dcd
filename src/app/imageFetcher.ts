/**
 * st.image(url): the extension host fetches the image, not the view. A webview may reach neither the
 * network nor the host's loopback, and its CSP loads no images from outside; the bytes go to the view
 * as a data: URL like any other image. Only http and https; a size limit read as the body streams in
 * (a lying or missing Content-Length changes nothing) and a timeout. What was fetched is kept for a
 * minute, so the reruns of a chat do not fetch each image again.
 */
import { errorMessage } from '../util/errors';

export interface ImageFetchOptions {
  maxBytes: number;
  timeoutMs: number;
}

const KEEP_MS = 60_000;
const KEEP_ENTRIES = 32;

/** The URL if it is one st.image fetches; otherwise a clear error. */
export function imageUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`st.image: "${text.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol === 'data:') throw new Error('st.image: a data: URL is read only when it is base64 ("data:image/png;base64,…")');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`st.image: only http and https URLs are fetched, not ${url.protocol} ("${text.slice(0, 200)}")`);
  }
  return url;
}

export class ImageFetcher {
  private readonly kept = new Map<string, { at: number; bytes: Promise<Uint8Array> }>();

  constructor(private readonly options: ImageFetchOptions) {}

  /** The image's bytes; rejects with a message that names the URL and what went wrong. */
  get(url: URL): Promise<Uint8Array> {
    const now = Date.now();
    const hit = this.kept.get(url.href);
    if (hit && now - hit.at < KEEP_MS) return hit.bytes;
    const bytes = this.fetch(url);
    this.kept.delete(url.href);
    this.kept.set(url.href, { at: now, bytes });
    bytes.catch(() => this.kept.delete(url.href)); // a failure is tried again on the next run
    while (this.kept.size > KEEP_ENTRIES) this.kept.delete(this.kept.keys().next().value!);
    return bytes;
  }

  private async fetch(url: URL): Promise<Uint8Array> {
    const { maxBytes, timeoutMs } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    const what = `st.image("${url.href.slice(0, 200)}")`;
    try {
      const response = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'image/*' } });
      // Redirects stay on http(s): fetch follows no other scheme.
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
      const declared = Number(response.headers.get('content-length'));
      if (declared > maxBytes) throw new Error(`${declared} bytes, over the ${maxBytes} bytes an image may have`);
      if (!response.body) return new Uint8Array();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        // Leaving the loop cancels the rest of the body.
        if (size > maxBytes) throw new Error(`over the ${maxBytes} bytes an image may have`);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
      const reason = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : `${errorMessage(err)}${cause}`;
      throw new Error(`${what}: ${reason}`, { cause: err });
    }
  }
}
