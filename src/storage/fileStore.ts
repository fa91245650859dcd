/**
 * A Memento-like key-value store in a JSON file on the extension host's side (component storage,
 * session state). Why not globalState/workspaceState: in VS Code for the browser, Memento writes go
 * to the browser's storage and are flushed lazily; a window reload right after a write lost it (seen
 * in code-server, see docs/decisions.md). A file written before the answer or render is sent
 * survives reloads and restarts.
 *
 * Every write goes to a temporary file first and is then renamed over the old one, so a crash
 * mid-write leaves the previous file whole. `async: true` (component storage, which components can
 * write often) writes off the extension host's thread and coalesces: updates made while a write is
 * under way share the next one, and each update's promise resolves once a write containing it has landed.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class FileStore {
  private readonly data = new Map<string, unknown>();
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  /** Writes done (the tests count coalescing with it). */
  writes = 0;
  /** What the file holds, as this store last wrote it: an update that changes nothing is not written again. */
  private written: string | undefined;

  constructor(
    folder: string,
    fileName: string,
    private readonly options: { async?: boolean } = {},
  ) {
    mkdirSync(folder, { recursive: true });
    this.file = join(folder, fileName);
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) this.data.set(k, v);
    } catch {
      // No file yet (or a torn one from a crash): start empty rather than refuse to work.
    }
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    if (!this.data.has(key)) return defaultValue;
    return this.data.get(key) as T | undefined;
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }

  /** Change a value in memory only: the next `update` writes it in the same file write (one atomic commit). */
  stage(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
    if (!this.options.async) {
      // Synchronous write-then-rename: done before the reply is sent. The same content again is not rewritten.
      const json = JSON.stringify(Object.fromEntries(this.data));
      if (json === this.written) return Promise.resolve();
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, json);
      renameSync(tmp, this.file);
      this.written = json;
      this.writes++;
      return Promise.resolve();
    }
    this.next ??= this.writing.then(() => {
      this.next = undefined;
      const write = this.writeNow();
      // A failed write rejects its own callers; the next update tries again.
      this.writing = write.catch(() => undefined);
      return write;
    });
    return this.next;
  }

  private async writeNow(): Promise<void> {
    const json = JSON.stringify(Object.fromEntries(this.data));
    if (json === this.written) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, json);
    await rename(tmp, this.file);
    this.written = json;
    this.writes++;
  }
}
