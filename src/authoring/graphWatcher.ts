/**
 * Watches the files of the running app's import graph on disk, so a save reruns the app as soon as
 * the editor has written the file, without waiting for VS Code to confirm the save to the extension
 * host (onDidSaveTextDocument arrives ~20 ms after the write in code-server; see docs/benchmarks.md).
 *
 * A change event is trusted at once only when the file on disk has exactly the text of its open
 * document (the editor's save has landed whole: a half-written file never equals it). A file written
 * by something else (git checkout, a generator, another editor: not open, or open without unsaved
 * edits) reruns once it has been quiet for `quietMs`, as Streamlit's file watcher does. A file whose
 * open document has other, unsaved text (a save under way, or edits) is left to the save event. The save event that follows a
 * rerun the watcher already asked for is then skipped (`alreadyRan`), so one save reruns once.
 *
 * Node's fs.watch (inotify on Linux) watches the graph's folders, not the files: editors that save
 * by renaming a new file over the old one replace the file's inode. A watcher that fails (no inotify
 * watches left) is dropped, and the save event still reruns.
 */
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { contentHash } from './moduleLoader';

/** How long after the disk change its save event is expected (it is ~20 ms; a late one reruns, which is harmless). */
const SAVE_FOLLOWS_MS = 5000;

export interface GraphWatcherDeps {
  /** `file`'s open document (its text, and whether it has unsaved edits), or undefined when it is not open. */
  openDocument(file: string): { text: string; dirty: boolean } | undefined;
  /** A graph file changed on disk: rerun. */
  changed(file: string): void;
  warn(message: string): void;
  /** How long a file no editor has open must stay unchanged before it reruns. */
  quietMs?: number;
}

export class GraphWatcher {
  private readonly folders = new Map<string, FSWatcher>();
  private files = new Set<string>();
  /** Per file, the hash of the text the last rerun was asked for (or first seen). */
  private readonly seen = new Map<string, string>();
  /** Reruns asked for by a disk change, by file, until the save event of that text arrives (or a few seconds pass). */
  private readonly ran = new Map<string, { hash: string; at: number }>();
  private readonly quiet = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: GraphWatcherDeps) {}

  /** The files of the app's latest load, with the hash of the text each was loaded from: watch their folders (and no others). */
  track(files: ReadonlyMap<string, string>): void {
    this.files = new Set(files.keys());
    for (const [file, hash] of files) this.seen.set(file, hash);
    for (const file of this.seen.keys()) if (!this.files.has(file)) this.seen.delete(file);
    const wanted = new Set([...this.files].map((f) => path.dirname(f)));
    for (const [folder, watcher] of this.folders) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.folders.delete(folder);
    }
    for (const folder of wanted) {
      if (this.folders.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => name && this.event(path.join(folder, name.toString())));
        watcher.on('error', (err) => this.drop(folder, err));
        this.folders.set(folder, watcher);
      } catch (err) {
        this.deps.warn(`not watching ${folder} (saves still rerun the app): ${String(err)}`);
      }
    }
  }

  /** The save event of `file` with `text`: true when a disk change already reran the app for exactly this text. */
  alreadyRan(file: string, text: string): boolean {
    const ran = this.ran.get(file);
    if (ran === undefined) return false;
    this.ran.delete(file);
    return ran.hash === contentHash(text) && performance.now() - ran.at < SAVE_FOLLOWS_MS;
  }

  dispose(): void {
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
    for (const timer of this.quiet.values()) clearTimeout(timer);
    this.quiet.clear();
  }

  private event(file: string): void {
    if (!this.files.has(file)) return;
    const text = readText(file);
    if (text === undefined) return; // removed, or renamed away mid-save: the next event (or the save) tells
    const hash = contentHash(text);
    const open = this.deps.openDocument(file);
    clearTimeout(this.quiet.get(file));
    this.quiet.delete(file);
    if (open?.text === text) return this.rerun(file, hash, true);
    // An editor's save under way (its document is dirty until the save is confirmed): the save event reruns.
    if (open?.dirty) return;
    // Another writer: wait until it is done (a later event restarts the wait).
    this.quiet.set(
      file,
      setTimeout(() => {
        this.quiet.delete(file);
        if (readText(file) === text) this.rerun(file, hash, false);
      }, this.deps.quietMs ?? 100),
    );
  }

  private rerun(file: string, hash: string, saveFollows: boolean): void {
    if (this.seen.get(file) === hash) return; // one write can raise several events
    this.seen.set(file, hash);
    if (saveFollows) this.ran.set(file, { hash, at: performance.now() });
    this.deps.changed(file);
  }

  private drop(folder: string, err: unknown): void {
    this.folders.get(folder)?.close();
    this.folders.delete(folder);
    this.deps.warn(`stopped watching ${folder} (saves still rerun the app): ${String(err)}`);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
