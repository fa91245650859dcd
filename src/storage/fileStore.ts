/**
 * A Memento-like key-value store in a JSON file on the extension host's side (component storage,
 * session state). Why not globalState/workspaceState: in VS Code for the browser, Memento writes go
 * to the browser's storage and are flushed lazily; a window reload right after a write lost it (seen
 * in code-server, see docs/decisions.md). A file written before the answer or render is sent
 * survives reloads and restarts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class FileStore {
  private readonly data = new Map<string, unknown>();
  private readonly file: string;

  constructor(folder: string, fileName: string) {
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

  /** Synchronous write-then-rename: never a half-written file, and done before the reply is sent. */
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.data)));
    renameSync(tmp, this.file);
    return Promise.resolve();
  }
}
