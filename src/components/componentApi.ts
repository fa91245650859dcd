/**
 * The host side of Component Host's component extensions: the allow-listed events notifier,
 * per-component storage (replaces localStorage, which an opaque-origin frame does not have) and the
 * host APIs (the original's serverless API routes). No `vscode` import: the extension wires the
 * effects in, so this logic is unit- and fuzz-tested in plain Node.
 */
import type { z } from 'zod';
import {
  assertNever,
  ComponentCall,
  componentMethods,
  describeIssues,
  notifierEvents,
  type ApiRoute,
  type ComponentMethod,
  type ComponentOutcome,
  type ComponentResult,
  type ErrorCode,
  type NotifierEventName,
} from '../../protocol';
import type { HostServices } from '../hostServices';
import { RateLimiter } from './rateLimit';

/** Storage limits per component: generous for settings and drafts, small enough for globalState. */
export const STORAGE_MAX_BYTES = 256 * 1024;
export const STORAGE_MAX_KEYS = 500;

/** A Memento-shaped store (VS Code's globalState in the extension, a Map in tests). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
  keys(): readonly string[];
}

export interface ComponentApiDeps extends Pick<HostServices, 'sessionInfo' | 'callApi'> {
  store: KeyValueStore;
  /** Opens a workspace-relative file; rejects paths outside the workspace. Returns what was opened. */
  openFile(path: string): Promise<string>;
  showNotification(message: string, severity: 'info' | 'warning' | 'error'): void;
  /** Accepted notifier events go here (the log, the app). */
  onEvent(component: string, event: NotifierEventName, payload: unknown): void;
  /** Requests per component frame (default: a burst of 200, then 100 a second). */
  rateLimiter?: RateLimiter;
}

export class ComponentApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const STORE_PREFIX = 'componentHost.componentStorage.';
type Stored = Record<string, z.core.util.JSONType>;

export class ComponentApi {
  /** Counters the tests read. */
  readonly stats = { handled: 0, refused: 0 };

  private readonly limiter: RateLimiter;

  constructor(private readonly deps: ComponentApiDeps) {
    this.limiter = deps.rateLimiter ?? new RateLimiter();
  }

  /** Never throws: every failure is a typed error the component receives. */
  async handle(raw: unknown): Promise<ComponentOutcome> {
    try {
      const call = ComponentCall.safeParse(raw);
      if (!call.success) throw new ComponentApiError('invalid-message', `invalid component call: ${describeIssues(call.error)}`);
      const { component, elementId, method, params } = call.data;
      if (!this.limiter.take(`${component}\u0000${elementId}`)) {
        throw new ComponentApiError('rate-limited', `too many requests from component ${component.slice(0, 100)}; slow down`);
      }
      if (!Object.hasOwn(componentMethods, method)) {
        throw new ComponentApiError('unknown-method', `unknown method "${method.slice(0, 100)}"`);
      }
      const spec = componentMethods[method as ComponentMethod];
      const checked = spec.params.safeParse(params);
      if (!checked.success) throw new ComponentApiError('invalid-message', `bad params for ${method}: ${describeIssues(checked.error)}`);
      const result = await this.run(component, method as ComponentMethod, checked.data);
      this.stats.handled++;
      // Results are checked too: e.g. session info is strict, so a token can never leak through it.
      const checkedResult = spec.result.safeParse(result);
      if (!checkedResult.success) {
        throw new ComponentApiError('internal', `bad result for ${method}: ${describeIssues(checkedResult.error)}`);
      }
      return { ok: true, result: checkedResult.data as z.core.util.JSONType };
    } catch (err) {
      this.stats.refused++;
      if (err instanceof ComponentApiError) return { ok: false, error: { code: err.code, message: err.message.slice(0, 4000) } };
      return { ok: false, error: { code: 'internal', message: (err instanceof Error ? err.message : 'request failed').slice(0, 4000) } };
    }
  }

  private async run(component: string, method: ComponentMethod, params: unknown): Promise<ComponentResult<ComponentMethod>> {
    switch (method) {
      case 'ping':
        return { sentAt: (params as { sentAt: number }).sentAt, hostAt: Date.now() };
      case 'notify': {
        const { event, payload } = params as { event: string; payload: unknown };
        if (!Object.hasOwn(notifierEvents, event)) {
          throw new ComponentApiError('not-allowed', `event ${event.slice(0, 100)} is not allowed`);
        }
        const name = event as NotifierEventName;
        const checked = notifierEvents[name].safeParse(payload);
        if (!checked.success) {
          throw new ComponentApiError('invalid-message', `bad payload for event ${name}: ${describeIssues(checked.error)}`);
        }
        this.deps.onEvent(component, name, checked.data);
        return { accepted: true };
      }
      case 'storage.get':
        return { value: this.read(component)[(params as { key: string }).key] ?? null };
      case 'storage.set': {
        const { key, value } = params as { key: string; value: z.core.util.JSONType };
        const next = { ...this.read(component), [key]: value };
        // The limit is on what is stored: UTF-8 bytes, not UTF-16 code units.
        const bytes = Buffer.byteLength(JSON.stringify(next), 'utf8');
        if (bytes > STORAGE_MAX_BYTES) {
          throw new ComponentApiError('too-large', `storage of ${component} would hold ${bytes} bytes (limit ${STORAGE_MAX_BYTES})`);
        }
        if (Object.keys(next).length > STORAGE_MAX_KEYS) {
          throw new ComponentApiError('too-large', `storage of ${component} would hold more than ${STORAGE_MAX_KEYS} keys`);
        }
        await this.deps.store.update(STORE_PREFIX + component, next);
        return { bytesUsed: bytes };
      }
      case 'storage.delete': {
        const { key } = params as { key: string };
        const current = this.read(component);
        if (!Object.hasOwn(current, key)) return { deleted: false };
        const { [key]: _removed, ...rest } = current;
        await this.deps.store.update(STORE_PREFIX + component, Object.keys(rest).length ? rest : undefined);
        return { deleted: true };
      }
      case 'storage.list':
        return { keys: Object.keys(this.read(component)) };
      case 'host.sessionInfo':
        return this.deps.sessionInfo();
      case 'host.callApi':
        return this.deps.callApi((params as { route: ApiRoute }).route);
      case 'host.openFile':
        return { opened: await this.deps.openFile((params as { path: string }).path) };
      case 'host.showNotification': {
        const { message, severity } = params as { message: string; severity: 'info' | 'warning' | 'error' };
        this.deps.showNotification(message, severity);
        return { shown: true };
      }
      default:
        return assertNever(method, 'component method');
    }
  }

  private read(component: string): Stored {
    const value = this.deps.store.get<unknown>(STORE_PREFIX + component);
    // Object.create(null)-like copy: keys such as "__proto__" stay plain data.
    return value && typeof value === 'object' && !Array.isArray(value)
      ? Object.assign(Object.create(null) as Stored, value)
      : (Object.create(null) as Stored);
  }

  /** Clear one component's storage, or all of it. Returns how many stores were cleared. */
  async clear(component?: string): Promise<number> {
    const keys = this.deps.store
      .keys()
      .filter((k) => k.startsWith(STORE_PREFIX) && (component === undefined || k === STORE_PREFIX + component));
    for (const key of keys) await this.deps.store.update(key, undefined);
    return keys.length;
  }
}
