/**
 * Bytes that travel beside the nodes, as tables do (protocol/render.ts): the Arrow IPC streams of a
 * component's table arguments and its bytes arguments. A node names each blob by a digest of its
 * content, so a rerun with the same table re-sends only the small node, and the bytes cross as binary
 * (typed arrays in VS Code's postMessage and in structured clone to a frame), never as JSON.
 */
import * as z from 'zod';

export const BlobId = z.string().regex(/^[0-9a-f]{16,64}$/);
/** What one blob may hold: a table argument of a few million cells. */
export const MAX_BLOB_BYTES = 64 * 1024 * 1024;
/** Any Uint8Array (typed as over any buffer, so Node's and apache-arrow's bytes fit without a copy). */
export const bytesUpTo = (max: number) =>
  z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength <= max, `a Uint8Array of at most ${max} bytes`);
export const BlobBytes = bytesUpTo(MAX_BLOB_BYTES);

/** The host's element carries its blobs here until flatten() moves them beside the nodes: a node in the view has none. */
export const BlobPayload = z.record(BlobId, BlobBytes).optional();

/** Arrow IPC streams start with a continuation marker (0xFFFFFFFF) and then a message length. */
export const looksLikeArrowIpc = (bytes: Uint8Array): boolean =>
  bytes.byteLength >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff;

/** Bytes a component sends back: bounded, and Arrow where Arrow is said. */
export const valueBytes = bytesUpTo;
export const arrowBytes = (max: number) => bytesUpTo(max).refine(looksLikeArrowIpc, 'not an Arrow IPC stream');
