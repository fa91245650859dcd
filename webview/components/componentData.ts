/**
 * A component's bytes and tables, from the blobs beside the nodes (protocol/blobs.ts) to what the
 * frame gets: Streamlit's `dfs` and bytes arguments for v1, the runtime's data for v2. Undefined when
 * a blob the node names is not here (a bug on the host's side): the element says so instead.
 */
import type { StreamlitDataframeArg, V2Data, V2RuntimeData } from '../../protocol';

type Blobs = (id: string) => Uint8Array | undefined;

export function v1Dfs(
  dfs: readonly { key: string; data: string; index: string; columns: string }[],
  blob: Blobs,
): StreamlitDataframeArg[] | undefined {
  const out: StreamlitDataframeArg[] = [];
  for (const df of dfs) {
    const [data, index, columns] = [blob(df.data), blob(df.index), blob(df.columns)];
    if (!data || !index || !columns) return undefined;
    out.push({ key: df.key, value: { data: { data, index, columns } } });
  }
  return out;
}

export function v1BytesArgs(bytesArgs: Record<string, string>, blob: Blobs): Record<string, Uint8Array> | undefined {
  const out: Record<string, Uint8Array> = {};
  for (const [key, id] of Object.entries(bytesArgs)) {
    const bytes = blob(id);
    if (!bytes) return undefined;
    out[key] = bytes;
  }
  return out;
}

export function v2RuntimeData(data: V2Data, blob: Blobs): V2RuntimeData | undefined {
  if (data.dataType === 'json') return data;
  if (data.dataType === 'mixed') {
    const blobs: Record<string, Uint8Array> = {};
    for (const id of data.blobs) {
      const bytes = blob(id);
      if (!bytes) return undefined;
      blobs[id] = bytes;
    }
    return { dataType: 'mixed', json: data.json, blobs };
  }
  const bytes = blob(data.blob);
  return bytes && { dataType: data.dataType, bytes };
}
