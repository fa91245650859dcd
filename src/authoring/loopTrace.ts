/**
 * Wall-clock stamps of the author's loop on the host (change seen on disk or by the save event → import graph check → run start →
 * module load → app run → render posted), the last cycle only: a handful of numbers, kept always,
 * read by the benchmark (bench/authoring.bench.ts) through the extension's test API to say where a
 * save → repaint spends its time. Wall clock (not performance.now() alone) so the stamps line up
 * with the ones the webview and VS Code's side take on the same machine.
 */
export type LoopMark = 'changeSeen' | 'saveEvent' | 'graphChecked' | 'runStart' | 'loaded' | 'appStart' | 'appEnd' | 'rendered' | 'posted';

export interface LoopLoad {
  /** The graph was loaded again (false: the cached app function was reused). */
  reloaded: boolean;
  /** Files transformed by sucrase in this load (the others came from the transform cache). */
  transformed: number;
  transformMs: number;
  /** Modules evaluated in this load. */
  evaluated: number;
}

export class LoopTrace {
  private marks: Partial<Record<LoopMark, number>> = {};
  private via: 'disk' | 'save' | undefined;
  load: LoopLoad | undefined;

  /** A change to the app's files was seen (by the disk watcher or a save event): a new cycle. */
  start(via: 'disk' | 'save'): void {
    this.marks = {};
    this.load = undefined;
    this.via = via;
    this.mark('changeSeen');
  }

  mark(mark: LoopMark): void {
    this.marks[mark] = performance.timeOrigin + performance.now();
  }

  snapshot(): { marks: Partial<Record<LoopMark, number>>; via?: 'disk' | 'save'; load?: LoopLoad } {
    return { marks: { ...this.marks }, ...(this.via ? { via: this.via } : {}), ...(this.load ? { load: { ...this.load } } : {}) };
  }
}
