/**
 * Bounds a posted value before any schema sees it: zod (and JSON) walk values recursively, so 5 000
 * levels of nesting overflow the stack and a cyclic structured clone never ends. This walk is
 * iterative and stops at the first bound it crosses.
 */
export const MAX_MESSAGE_DEPTH = 64;
export const MAX_MESSAGE_NODES = 200_000;
/** String characters plus binary bytes (a Streamlit dataframe arrives as Arrow bytes). */
export const MAX_MESSAGE_SIZE = 8 * 1024 * 1024;

export type Bounded = { ok: true } | { ok: false; reason: string };

/** `bytes`, when given, is a separate budget for binary data (else it counts against `size`). */
export function checkValueBounds(
  value: unknown,
  limits: { depth: number; nodes: number; size: number; bytes?: number } = {
    depth: MAX_MESSAGE_DEPTH,
    nodes: MAX_MESSAGE_NODES,
    size: MAX_MESSAGE_SIZE,
  },
): Bounded {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  let size = 0;
  let bytes = 0;
  const binary = (n: number) => (limits.bytes === undefined ? (size += n) : (bytes += n));
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (++nodes > limits.nodes) return { ok: false, reason: `more than ${limits.nodes} values` };
    if (typeof current === 'string') size += current.length;
    else if (ArrayBuffer.isView(current)) binary(current.byteLength);
    else if (current instanceof ArrayBuffer) binary(current.byteLength);
    else if (typeof current === 'object' && current !== null) {
      if (depth >= limits.depth) return { ok: false, reason: `nested deeper than ${limits.depth} levels` };
      const children = current instanceof Map ? [...current.keys(), ...current.values()] : current instanceof Set ? [...current] : null;
      if (children) for (const child of children) stack.push([child, depth + 1]);
      else {
        for (const key of Object.keys(current)) {
          size += key.length;
          stack.push([(current as Record<string, unknown>)[key], depth + 1]);
        }
      }
    }
    if (size > limits.size) return { ok: false, reason: `larger than ${limits.size} characters` };
    if (limits.bytes !== undefined && bytes > limits.bytes) {
      return { ok: false, reason: `larger than ${limits.bytes} bytes of binary data` };
    }
  }
  return { ok: true };
}
