/**
 * The text `st.json` shows. Bytes (a Uint8Array, a Buffer, an ArrayBuffer) are shown as Streamlit
 * 1.64 shows Python bytes, by their repr (`"b'\x01\x02\x03'"`), not as an object of numbered keys.
 */

/** Python's repr of a bytes object: printable ASCII as itself, \t \n \r and \\ escaped, the rest \xhh. */
export function bytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (c === quote || c === '\\') out += `\\${c}`;
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return out + quote;
}

function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

/** Pretty-printed JSON; `undefined` for a value JSON has no text for (as JSON.stringify). */
export function jsonText(value: unknown): string | undefined {
  // `this[key]` is the value before toJSON: a Buffer's toJSON would otherwise hide that it is bytes.
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, converted: unknown) {
      const bytes = asBytes(this[key]);
      return bytes ? bytesRepr(bytes) : converted;
    },
    2,
  );
}
