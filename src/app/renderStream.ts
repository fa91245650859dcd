/**
 * The host's side of streamed rendering: it keeps what the view was last sent and turns each output
 * of the runner (a run's elements so far, or its final elements) into the changes since then
 * (protocol/render.ts). While a run streams, the previous state's elements it has not reached yet
 * stay, marked stale; its final output removes them.
 */
import { diffTrees, emptyTree, flatten, withStaleTail, type FlatTree, type RenderMessage, type RenderMeta } from '../../protocol';
import type { RenderOutput } from './appRunner';

export class RenderStream {
  private shown: FlatTree = emptyTree();
  /** What was shown when the current run started: its stale elements come from here. */
  private base: FlatTree = emptyTree();
  private runId: number | undefined;
  private version = 0;
  private meta: RenderMeta | undefined;

  /** The changes that bring the view to this output. */
  next(output: RenderOutput): RenderMessage {
    const { elements, partial, ...meta } = output;
    if (output.runId !== this.runId) {
      this.base = this.shown;
      this.runId = output.runId;
    }
    const current = flatten(elements);
    const target = partial ? withStaleTail(current, this.base) : current;
    const changes = diffTrees(this.shown, target);
    const from = this.version++;
    this.shown = target;
    this.meta = meta;
    return { type: 'render', mode: 'patch', from, to: this.version, ...meta, ...changes };
  }

  /** Everything the view shows, for a new document (ready) or one that lost track (resync). */
  snapshot(): RenderMessage | undefined {
    if (!this.meta) return undefined;
    return { type: 'render', mode: 'snapshot', from: this.version, to: this.version, ...this.meta, ...diffTrees(emptyTree(), this.shown) };
  }
}
