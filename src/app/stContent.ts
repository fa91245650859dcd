/**
 * The pure parts of `st.metric`, `st.badge`, `st.toast`, `st.exception` and `st.write`: what they show,
 * following Streamlit 1.64's rules (streamlit/elements/metric.py, write.py), apart from `St` so the
 * rules are unit-tested on their own.
 */
import type { Element } from '../../protocol';

/** Streamlit's named colours, as the view draws them (the theme's chart colours). */
export const paletteColours = ['red', 'orange', 'yellow', 'green', 'blue', 'violet', 'gray', 'primary'] as const;
export type PaletteColour = (typeof paletteColours)[number];
export type DeltaColor = 'normal' | 'inverse' | 'off' | PaletteColour | 'grey';
export type DeltaArrow = 'auto' | 'up' | 'down' | 'off';

export function paletteColour(colour: string | undefined, fallback: PaletteColour, what: string): PaletteColour {
  if (colour === undefined) return fallback;
  const c = colour === 'grey' ? 'gray' : colour;
  if ((paletteColours as readonly string[]).includes(c)) return c as PaletteColour;
  throw new Error(`${what} must be one of ${[...paletteColours, 'grey'].join(', ')}; got ${JSON.stringify(colour)}`);
}

/** A metric's value as shown: numbers and strings as written, null/undefined as an em dash (Streamlit's "—"). */
export function metricText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value).slice(0, 1000);
}

type MetricElement = Extract<Element, { kind: 'metric' }>;

/** Streamlit's `_determine_delta_color_and_direction`: a delta starting with "-" is down, 0 (or "0") none, else up. */
export function metricDelta(
  delta: unknown,
  deltaColor: DeltaColor = 'normal',
  deltaArrow: DeltaArrow = 'auto',
): Pick<MetricElement, 'delta' | 'color' | 'arrow'> {
  if (!['normal', 'inverse', 'off', 'grey', ...paletteColours].includes(deltaColor)) {
    throw new Error(
      `deltaColor must be "normal", "inverse", "off" or a colour (${paletteColours.join(', ')}); got ${JSON.stringify(deltaColor)}`,
    );
  }
  if (!['auto', 'up', 'down', 'off'].includes(deltaArrow)) {
    throw new Error(`deltaArrow must be "auto", "up", "down" or "off"; got ${JSON.stringify(deltaArrow)}`);
  }
  if (delta === null || delta === undefined || delta === '') return { color: 'gray', arrow: 'none' };
  const text = String(delta).trim().slice(0, 1000);
  const direction = (typeof delta === 'string' ? text === '0' : Number(delta) === 0) ? 'none' : text.startsWith('-') ? 'down' : 'up';
  let color: PaletteColour;
  if (deltaColor !== 'normal' && deltaColor !== 'inverse' && deltaColor !== 'off') color = paletteColour(deltaColor, 'gray', 'deltaColor');
  else if (direction === 'none' || deltaColor === 'off') color = 'gray';
  else color = (direction === 'down') === (deltaColor === 'normal') ? 'red' : 'green';
  const arrow = deltaArrow === 'auto' ? direction : deltaArrow === 'off' ? 'none' : deltaArrow;
  return { delta: text, color, arrow };
}

/** Streamlit's toast durations: "short" 4 s, "long" 10 s, "infinite" until dismissed (0 here), or seconds. */
export function toastDurationMs(duration: 'short' | 'long' | 'infinite' | number = 'short'): number {
  if (duration === 'short') return 4000;
  if (duration === 'long') return 10_000;
  if (duration === 'infinite') return 0;
  if (typeof duration === 'number' && Number.isFinite(duration) && duration > 0) return Math.min(3600, duration) * 1000;
  throw new Error(`duration must be "short", "long", "infinite" or a positive number of seconds; got ${JSON.stringify(duration)}`);
}

/** What `st.exception` shows of a thrown value: `Name: message` and the stack below it. */
export function exceptionParts(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) {
    const message = `${err.name}: ${err.message}`.slice(0, 10_000);
    // V8's stack starts with the message again: show only the frames under it.
    const stack = (err.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n')
      .slice(0, 20_000);
    return stack ? { message, stack } : { message };
  }
  return { message: String(err).slice(0, 10_000) };
}

/** One step of `st.write`: the `st` call a value becomes. */
export type WriteStep =
  | { call: 'markdown'; text: string }
  | { call: 'exception'; error: unknown }
  | { call: 'table'; rows: Record<string, unknown>[] }
  | { call: 'json'; value: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Wraps text in more backticks than it contains (Streamlit's rule), as inline code or a fenced block. */
function asCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  if (text.includes('\n')) {
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}\n${text}\n${fence}`;
  }
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/**
 * `st.write(...values)` as Streamlit dispatches: strings are Markdown (consecutive ones, and the
 * inline code of numbers and the like, joined by spaces into one Markdown element); an Error is an
 * exception; an array of plain objects is a table; other arrays, plain objects, Maps, Sets and bytes
 * are JSON; anything else is its text as code. A Promise is a mistake (forgotten `await`) and says so.
 */
export function writeSteps(values: readonly unknown[]): WriteStep[] {
  const steps: WriteStep[] = [];
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length) steps.push({ call: 'markdown', text: buffer.join(' ') });
    buffer = [];
  };
  const block = (step: WriteStep) => {
    flush();
    steps.push(step);
  };
  for (const value of values) {
    if (typeof value === 'string') buffer.push(value);
    else if (value instanceof Error) block({ call: 'exception', error: value });
    else if (value instanceof Promise) throw new Error('st.write got a Promise: await it first, e.g. st.write(await value)');
    else if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) block({ call: 'table', rows: value });
    else if (value instanceof Map) block({ call: 'json', value: Object.fromEntries(value) });
    else if (value instanceof Set) block({ call: 'json', value: [...value] });
    else if (Array.isArray(value) || isPlainObject(value) || value instanceof Uint8Array || value instanceof ArrayBuffer) {
      block({ call: 'json', value });
    } else if (typeof value === 'object' && value !== null && value.toString === Object.prototype.toString) {
      block({ call: 'json', value }); // a class instance without its own text: its fields
    } else {
      const text = typeof value === 'function' ? `${value.name ? `function ${value.name}` : 'function'}(…)` : String(value);
      buffer.push(asCode(text));
    }
  }
  flush();
  return steps;
}

/** The largest image `st.image` sends to the view (it travels in every render of the app). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The image type of `bytes` by their first bytes: PNG, JPEG, GIF, WebP or SVG (shown in an <img>, where SVG runs no script). */
export function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

/** The image as the data: URL the view shows (the view's CSP allows data: images, nothing from the network). */
export function imageDataUrl(bytes: Uint8Array, what: string): string {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new Error(`st.image: ${what} is ${bytes.length} bytes, over the ${MAX_IMAGE_BYTES} bytes an image may have`);
  }
  const type = imageType(bytes);
  if (!type) throw new Error(`st.image: ${what} is not a PNG, JPEG, GIF, WebP or SVG image`);
  return `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
