/**
 * Widgets whose work happens on the host, not in the view: the file uploader (VS Code's open dialog;
 * the webview never reads the disk), the download button (VS Code's save dialog; the data never
 * leaves the host) and the link button (vscode.env.openExternal). A run records what each needs; an
 * event names the widget, and the host does the rest with what the last completed run recorded, so
 * the view can ask for nothing the app did not declare. No `vscode` here: the dialogs are
 * `RunServices` (wired in appController.ts, faked in unit tests).
 */
import { lookup } from 'mime-types';
import { MAX_UPLOAD_FILES, type UploadedFiles } from '../../protocol';
import { errorMessage } from '../util/errors';

/** A file picked in the open dialog: its size first, its bytes only when they fit. */
export interface PickedFile {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface OpenFilesOptions {
  /** The dialog's title: the uploader's label. */
  title: string;
  multiple: boolean;
  /** File name extensions without the dot; empty: any file. */
  extensions: readonly string[];
}

/** What the host does for these widgets. */
export interface HostDialogs {
  /** VS Code's open dialog; undefined when cancelled. */
  openFiles(options: OpenFilesOptions): Promise<PickedFile[] | undefined>;
  /** VS Code's save dialog, then the write; resolves to where it was saved, undefined when cancelled. */
  saveFile(data: Uint8Array, options: { title: string; fileName: string }): Promise<string | undefined>;
  /** vscode.env.openExternal: VS Code asks before it opens a site the user has not trusted. */
  openExternal(url: string): Promise<boolean>;
}

export type HostWidget =
  | { kind: 'upload'; label: string; extensions: string[]; multiple: boolean; maxBytes: number }
  | { kind: 'download'; label: string; data: Uint8Array; fileName: string }
  | { kind: 'link'; url: string };

/** A file uploader's default size limit (all its files together). */
export const DEFAULT_UPLOAD_BYTES = 200 * 1024;
/**
 * The most `maxBytes` may be: the bytes are kept in session state (so they survive reruns, hiding the
 * view and window reloads), which is saved as JSON of at most 1 000 000 characters; base64 makes
 * 512 KiB about 700 000.
 */
export const MAX_UPLOAD_BYTES = 512 * 1024;
/** The data a download button keeps on the host for its next click. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
/** Schemes a link button opens. */
export const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

/** The MIME type a browser would report for this file name (application/octet-stream when unknown). */
export function mimeType(name: string): string {
  return lookup(name) || 'application/octet-stream';
}

/** Normalised extensions ('.CSV' → 'csv'); throws a clear error for anything else. */
export function uploadExtensions(method: string, type: string | readonly string[] | undefined): string[] {
  const list = type === undefined ? [] : typeof type === 'string' ? [type] : [...type];
  return list.map((t) => {
    const ext = String(t).trim().replace(/^\./, '').toLowerCase();
    if (!/^[a-z0-9_+-]{1,20}$/.test(ext)) throw new Error(`${method}: type "${String(t).slice(0, 50)}" is not a file extension like "csv"`);
    return ext;
  });
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round((bytes / 1024) * 10) / 10} KiB`;
}

/**
 * Opens the dialog and reads what was picked into what the uploader keeps. Undefined when cancelled;
 * a pick that breaks a rule keeps the previous files and says why.
 */
export async function pickFiles(
  dialogs: HostDialogs,
  widget: Extract<HostWidget, { kind: 'upload' }>,
  previous: UploadedFiles | undefined,
): Promise<UploadedFiles | undefined> {
  const keep = (error: string): UploadedFiles => ({ files: previous?.files ?? [], error });
  let picked: PickedFile[] | undefined;
  try {
    picked = await dialogs.openFiles({ title: widget.label, multiple: widget.multiple, extensions: widget.extensions });
  } catch (err) {
    return keep(`The file dialog failed: ${errorMessage(err)}`.slice(0, 1000));
  }
  if (!picked || picked.length === 0) return undefined;
  if (!widget.multiple && picked.length > 1) picked = picked.slice(0, 1);
  if (picked.length > MAX_UPLOAD_FILES) return keep(`${picked.length} files picked; this uploader takes at most ${MAX_UPLOAD_FILES}.`);
  for (const file of picked) {
    const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (widget.extensions.length > 0 && !widget.extensions.includes(ext)) {
      return keep(`${file.name.slice(0, 200)} is not one of the accepted types (${widget.extensions.join(', ')}).`);
    }
  }
  const total = picked.reduce((sum, f) => sum + f.size, 0);
  if (total > widget.maxBytes) {
    const what = picked.length === 1 ? picked[0]!.name.slice(0, 200) : `${picked.length} files`;
    return keep(`${what}: ${kib(total)}, over this uploader's limit of ${kib(widget.maxBytes)}.`);
  }
  try {
    const files = await Promise.all(
      picked.map(async (f) => {
        const bytes = await f.read();
        // The size can change between the stat and the read: the limit holds for what was read.
        return {
          name: f.name.slice(0, 500),
          type: mimeType(f.name),
          size: bytes.byteLength,
          base64: Buffer.from(bytes).toString('base64'),
        };
      }),
    );
    const read = files.reduce((sum, f) => sum + f.size, 0);
    if (read > widget.maxBytes) return keep(`The files grew to ${kib(read)} while being read, over the limit of ${kib(widget.maxBytes)}.`);
    return { files };
  } catch (err) {
    return keep(`A file could not be read: ${errorMessage(err)}`.slice(0, 1000));
  }
}
