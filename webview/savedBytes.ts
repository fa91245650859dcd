/**
 * The webview's saved state is JSON (VS Code's setState), but an event on its way to the host may
 * carry bytes (a component's table or bytes value). Saved, they become `{ [BYTES]: base64 }`; read
 * back, Uint8Arrays again, so an event sent again after a reload is the event that was first sent.
 */
const BYTES = '$componentHostBytes';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function bytesToSaved(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: toBase64(value) };
  if (Array.isArray(value)) return value.map(bytesToSaved);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesToSaved(v)]));
  }
  return value;
}

export function savedToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(savedToBytes);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record[BYTES] === 'string' && Object.keys(record).length === 1) {
      return Uint8Array.from(atob(record[BYTES]), (c) => c.charCodeAt(0));
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, savedToBytes(v)]));
  }
  return value;
}
