/**
 * Batches a v2 component's setStateValue/setTriggerValue calls into widget events: calls made in
 * quick succession become one event (state: latest value per name; triggers: every one, in order).
 * A token bucket bounds the rate (bursts of BURST events, then one per REFILL_MS), so a component
 * that answers every render at once is not slowed down, while a flood costs the host a few hundred
 * events a second at most. Past MAX_PENDING changes in one batch, further triggers are dropped and
 * reported.
 */
import type { V2Change } from '../../protocol';

export const BURST = 10;
export const REFILL_MS = 4;
export const MAX_PENDING = 1000;

export class ChangeBatcher {
  private state = new Map<string, V2Change>();
  private triggers: V2Change[] = [];
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduled = false;
  private tokens = BURST;
  private refilledAt = performance.now();
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
    const now = performance.now();
    this.tokens = Math.min(BURST, this.tokens + (now - this.refilledAt) / REFILL_MS);
    this.refilledAt = now;
    // A microtask while tokens last (no added latency; synchronous calls still merge), a timer after.
    if (this.tokens >= 1) queueMicrotask(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), (1 - this.tokens) * REFILL_MS);
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
    this.tokens -= 1;
    this.emit(changes);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
