/**
 * Requests waiting for their response by id, each with a timeout, each result checked against its
 * schema. Shared by every side that asks another side something (the webview asking the host, a
 * component asking the webview).
 */
import type { z } from 'zod';
import type { ErrorInfo } from './errors';

type Waiter = { resolve: (value: unknown) => void; reject: (err: Error) => void; timer: ReturnType<typeof setTimeout> };

export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };

export class PendingRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();

  /** `toError` makes each side's own error type from a protocol error. */
  constructor(private readonly toError: (info: ErrorInfo) => Error) {}

  /** Send a request (given its id) and wait for its validated result, a typed error, or the timeout. */
  start<T>(method: string, result: z.ZodType<T>, timeoutMs: number, send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(this.toError({ code: 'timeout', message: `${method} timed out after ${timeoutMs} ms` }));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (value) => {
          const checked = result.safeParse(value);
          if (checked.success) resolve(checked.data);
          else reject(this.toError({ code: 'invalid-message', message: `bad result for ${method}` }));
        },
        reject,
        timer,
      });
      send(id);
    });
  }

  /** Deliver a response; false when nobody waits for that id (late, duplicate or forged). */
  settle(id: number, outcome: Outcome): boolean {
    const waiter = this.waiting.get(id);
    if (!waiter) return false;
    this.waiting.delete(id);
    clearTimeout(waiter.timer);
    if (outcome.ok) waiter.resolve(outcome.result);
    else waiter.reject(this.toError(outcome.error));
    return true;
  }
}
