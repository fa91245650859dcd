/**
 * `st.cacheData` and `st.cacheResource`: memoised functions whose results live on the host for the
 * app, across reruns, as Streamlit's st.cache_data / st.cache_resource do. One AppCache per app
 * session (the controller makes one per app it runs): switching app or restarting drops it;
 * **Component Host: Clear Cache** empties it.
 *
 * A TypeScript app declares `const load = st.cacheData(async (path: string) => …)` at the top of every
 * run, so the function object is new each run; its cache is found again by what Streamlit keys a
 * cached function by: its source text (plus an optional `key`, and the kind). Edit the function and
 * save: new source, new cache, as Streamlit invalidates when a function's code changes.
 *
 * Arguments are hashed by value (JSON-like data, Dates, bytes, Maps and Sets; object keys in any
 * order hash the same). Anything else (functions, class instances, symbols, cycles) is refused with
 * UnhashableParamError unless the function was given `hashArgs` to say what identifies a call.
 * cacheData returns a copy of the cached value each call (structuredClone); cacheResource returns
 * the cached object itself. An async function's promise is shared by concurrent calls with the same
 * arguments; a rejected one (or a throw) is never cached.
 */
import { createHash } from 'node:crypto';

export class UnhashableParamError extends TypeError {
  override name = 'UnhashableParamError';
}

export interface CacheOptions<A extends unknown[] = unknown[]> {
  /** How long an entry lives: seconds, or a string like "30s", "5m", "2h", "1d". Default: until cleared. */
  ttl?: number | string;
  /** Keep at most this many entries (least recently used go first). Default: no limit. */
  maxEntries?: number;
  /** Tells two functions with the same source text apart (they share a cache otherwise). */
  key?: string;
  /** What identifies a call, for arguments that cannot be hashed (e.g. `(conn, id) => id`). */
  hashArgs?: (...args: A) => unknown;
}

/** A cached function: call it like the original; `.clear()` forgets its entries (or the one for these arguments). */
export type CachedFunction<A extends unknown[], R> = ((...args: A) => R) & { clear(...args: A | []): void };

type Kind = 'data' | 'resource';

interface Entry {
  /** The value, or the promise of an async function (settled or not). */
  value: unknown;
  expiresAt: number;
}

interface FunctionCache {
  entries: Map<string, Entry>;
}

/** How many functions' caches are kept (least recently declared dropped first): edited functions leave old ones behind. */
const MAX_FUNCTIONS = 500;

export class AppCache {
  private readonly functions = new Map<string, FunctionCache>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached version of `fn` (see the module comment for how calls and declarations are matched). */
  wrap<A extends unknown[], R>(kind: Kind, fn: (...args: A) => R, options: CacheOptions<A> = {}): CachedFunction<A, R> {
    const method = kind === 'data' ? 'st.cacheData' : 'st.cacheResource';
    if (typeof fn !== 'function') throw new TypeError(`${method}: pass the function to cache, e.g. ${method}((id: string) => …)`);
    const ttlMs = parseTtl(options.ttl, method);
    const maxEntries = options.maxEntries;
    if (maxEntries !== undefined && !(Number.isInteger(maxEntries) && maxEntries > 0)) {
      throw new RangeError(`${method}: maxEntries must be a whole number above 0 (got ${String(maxEntries)})`);
    }
    const source = Function.prototype.toString.call(fn);
    if (source.includes('[native code]') && options.key === undefined) {
      throw new TypeError(
        `${method}: a bound or built-in function has no source to recognise it by across reruns; give it a key: ${method}(fn, { key: '…' })`,
      );
    }
    const identity = `${kind}\0${options.key ?? ''}\0${source}`;
    const cache = this.functionCache(identity);
    const entries = cache.entries;
    const keyOf = (args: A): string => {
      const hashed = options.hashArgs ? [options.hashArgs(...args)] : args;
      return hashValues(hashed, method, Boolean(options.hashArgs));
    };
    const out = (value: unknown): unknown => {
      if (kind === 'resource') return value;
      return value instanceof Promise ? value.then((v: unknown) => copy(v, method)) : copy(value, method);
    };
    const cached = (...args: A): R => {
      const key = keyOf(args);
      const now = this.now();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) {
        entries.delete(key); // re-inserted: the Map's order is the LRU order
        entries.set(key, hit);
        return out(hit.value) as R;
      }
      if (hit) entries.delete(key);
      const value: unknown = fn(...args); // a throw is not cached
      const result = out(value); // nor a value cacheData cannot copy (this throws first)
      const entry: Entry = { value, expiresAt: ttlMs === undefined ? Infinity : now + ttlMs };
      entries.set(key, entry);
      if (maxEntries !== undefined) while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      if (value instanceof Promise) {
        // A rejected promise (or, for cacheData, a result that cannot be copied) is forgotten, so the next call tries again.
        const forget = () => entries.get(key) === entry && entries.delete(key);
        value.then((v: unknown) => {
          if (kind === 'data' && !copyable(v)) forget();
        }, forget);
      }
      return result as R;
    };
    return Object.assign(cached, {
      clear: (...args: A | []) => {
        if (args.length === 0) entries.clear();
        else entries.delete(keyOf(args as A));
      },
    });
  }

  /** Forget every cached value of every function (Clear Cache). */
  clear(): void {
    this.functions.clear();
  }

  /** Entries held, over all functions (tests and the log). */
  get size(): number {
    let n = 0;
    for (const f of this.functions.values()) n += f.entries.size;
    return n;
  }

  private functionCache(identity: string): FunctionCache {
    let cache = this.functions.get(identity);
    if (cache) this.functions.delete(identity);
    else cache = { entries: new Map() };
    this.functions.set(identity, cache);
    while (this.functions.size > MAX_FUNCTIONS) this.functions.delete(this.functions.keys().next().value!);
    return cache;
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `ttl` in milliseconds: a number of seconds (as Streamlit's ttl), or "90s", "5m", "1.5h", "1d". */
export function parseTtl(ttl: number | string | undefined, method = 'st.cacheData'): number | undefined {
  if (ttl === undefined) return undefined;
  if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0) return ttl * 1000;
  const m = typeof ttl === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(ttl) : null;
  if (!m) {
    throw new RangeError(`${method}: ttl must be seconds (a number ≥ 0) or a string like "30s", "5m", "2h", "1d" (got ${String(ttl)})`);
  }
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** A stable hash of call arguments: equal JSON-like values hash alike, whatever the order of their keys. */
export function hashValues(values: readonly unknown[], method = 'st.cacheData', viaHashArgs = false): string {
  const hash = createHash('sha256');
  const seen = new Set<object>();
  const feed = (v: unknown, where: string): void => {
    switch (typeof v) {
      case 'string':
        hash.update(`s${v.length}:${v}`);
        return;
      case 'number':
        hash.update(`n${Object.is(v, -0) ? '-0' : String(v)};`);
        return;
      case 'bigint':
        hash.update(`b${v};`);
        return;
      case 'boolean':
        hash.update(v ? 't' : 'f');
        return;
      case 'undefined':
        hash.update('u');
        return;
      case 'object':
        break;
      default:
        throw unhashable(where, `a ${typeof v}`, method, viaHashArgs);
    }
    if (v === null) return void hash.update('z');
    if (seen.has(v)) throw unhashable(where, 'a value that contains itself', method, viaHashArgs);
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        hash.update(`a${v.length}[`);
        v.forEach((item, i) => feed(item, `${where}[${i}]`));
        hash.update(']');
      } else if (v instanceof Date) {
        hash.update(`d${v.getTime()};`);
      } else if (ArrayBuffer.isView(v)) {
        hash.update(`y${v.constructor.name}${v.byteLength}:`);
        hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      } else if (v instanceof Map) {
        // Entries in order of their keys' hashes: insertion order does not matter, as for objects.
        const items = [...v].map(([k, val]) => [hashValues([k], method, viaHashArgs), val] as const).sort(([a], [b]) => (a < b ? -1 : 1));
        hash.update(`m${items.length}{`);
        for (const [k, val] of items) {
          hash.update(k);
          feed(val, `${where} (a Map value)`);
        }
        hash.update('}');
      } else if (v instanceof Set) {
        const items = [...v].map((item) => hashValues([item], method, viaHashArgs)).sort();
        hash.update(`e${items.length}{${items.join(',')}}`);
      } else {
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          const name = (v as { constructor?: { name?: string } }).constructor?.name || 'object';
          throw unhashable(where, `a ${name} instance`, method, viaHashArgs);
        }
        const keys = Object.keys(v).sort();
        hash.update(`o${keys.length}{`);
        for (const k of keys) {
          hash.update(`s${k.length}:${k}`);
          feed((v as Record<string, unknown>)[k], `${where}.${k}`);
        }
        hash.update('}');
      }
    } finally {
      seen.delete(v);
    }
  };
  values.forEach((v, i) => feed(v, viaHashArgs ? 'the hashArgs result' : `argument ${i + 1}`));
  return hash.digest('base64');
}

function unhashable(where: string, what: string, method: string, viaHashArgs: boolean): UnhashableParamError {
  const fix = viaHashArgs
    ? 'Return JSON-like data (strings, numbers, arrays, plain objects) from hashArgs.'
    : 'Pass JSON-like data (strings, numbers, arrays, plain objects, Dates, bytes, Maps, Sets), ' +
      `or tell ${method} what identifies a call: ${method}(fn, { hashArgs: (...args) => id }).`;
  return new UnhashableParamError(`${method}: cannot hash ${where} (${what}). ${fix}`);
}

function copyable(value: unknown): boolean {
  try {
    copy(value, '');
    return true;
  } catch {
    return false;
  }
}

/** A copy of a cacheData value; what structuredClone cannot copy faithfully is refused (use cacheResource for it). */
function copy(value: unknown, method: string): unknown {
  if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    const plain =
      proto === Object.prototype ||
      proto === null ||
      Array.isArray(value) ||
      value instanceof Date ||
      value instanceof Map ||
      value instanceof Set ||
      value instanceof RegExp ||
      value instanceof Error ||
      ArrayBuffer.isView(value) ||
      value instanceof ArrayBuffer;
    if (!plain) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name || 'object';
      throw new TypeError(
        `${method}: the function returned a ${name} instance, which cannot be copied for each caller; cache it with st.cacheResource.`,
      );
    }
  }
  try {
    return structuredClone(value);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new TypeError(`${method}: the function's result cannot be copied (${reason}); return data, or cache it with st.cacheResource.`, {
      cause: err,
    });
  }
}
