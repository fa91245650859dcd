/**
 * Batches a v2 component's setStateValue/setTriggerValue calls into widget events: calls made in
 * quick succession become one event (state: latest value per name; triggers: every one, in order),
 * at most one event per FLUSH_INTERVAL_MS, so a flood costs the host a few reruns, not thousands.
 * Past MAX_PENDING changes in one interval, further triggers are dropped and reported.
 */
import type { V2Change } from '../../protocol';

export const FLUSH_INTERVAL_MS = 16;
export const MAX_PENDING = 1000;

export class ChangeBatcher {
  private state = new Map<string, V2Change>();
  private triggers: V2Change[] = [];
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduled = false;
  private lastFlush = -Infinity;
  private disposed = false;

  constructor(
    private readonly emit: (changes: V2Change[]) => void,
    private readonly onDropped: (count: number) => void,
  ) {}

  add(change: V2Change): void {
    if (this.disposed) return;
    if (change.kind === 'state') {
      this.state.delete(change.name); // keep the order of the latest calls
      this.state.set(change.name, change);
    } else if (this.triggers.length + this.state.size < MAX_PENDING) this.triggers.push(change);
    else this.dropped++;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFlush + FLUSH_INTERVAL_MS - performance.now();
    // A microtask for the first call (no added latency), a timer while calls keep coming.
    if (wait <= 0) queueMicrotask(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    this.scheduled = false;
    this.timer = undefined;
    if (this.disposed) return;
    const changes = [...this.state.values(), ...this.triggers];
    this.state.clear();
    this.triggers = [];
    if (this.dropped) this.onDropped(this.dropped);
    this.dropped = 0;
    if (changes.length === 0) return;
    this.lastFlush = performance.now();
    this.emit(changes);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
