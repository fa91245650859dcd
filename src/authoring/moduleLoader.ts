/**
 * Loads a workspace app and the local modules it imports: each is transpiled (transpile.ts) and
 * evaluated as CommonJS with its own path as filename, so stacks name the user's files. Packages
 * (bare specifiers) come from the workspace's node_modules through Node's own require. The files
 * of the last load are the app's import graph: a change to any of them (by stat or invalidate())
 * loads the graph again, and the save listener reruns the app for any of them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire, SourceMap, type SourceMapPayload } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { App } from '../app/st';
import type { LoopLoad } from './loopTrace';
import type { PositionMapper } from './stackMap';
import { appModuleExtensions, transpile } from './transpile';

export class AppLoadError extends Error {}

interface Compiled {
  stamp: string;
  /** Of the source text: a file touched or saved without a change keeps its transform. */
  hash: string;
  code: string;
  map: SourceMapPayload;
}

interface Module {
  exports: unknown;
}

export class AppModuleLoader {
  private readonly compiled = new Map<string, Compiled>();
  /** The last load; `app` is unset when it failed (its files still count, so saving the broken one reruns). */
  private last: { entry: string; stamps: Map<string, string>; hashes: Map<string, string>; app?: App } | undefined;
  /** What the last load() did (the benchmark's breakdown). */
  lastLoad: LoopLoad = { reloaded: false, transformed: 0, transformMs: 0, evaluated: 0 };

  /** `root`: only files under it are app modules (the workspace folder). */
  constructor(readonly root: string) {}

  /** The entry file of the last load. */
  get entry(): string | undefined {
    return this.last?.entry;
  }

  /** The app files of the last load: the entry and every local module it imported. */
  get files(): ReadonlySet<string> {
    return new Set(this.last?.stamps.keys());
  }

  /** The hash of the text each file of the last load was read with (the disk watcher's starting point). */
  get hashes(): ReadonlyMap<string, string> {
    return new Map(this.last?.hashes);
  }

  /** Forget the last load if `file` is part of it (a save: mtime alone can miss a same-size edit in the same tick). */
  invalidate(file: string): boolean {
    if (!this.last?.stamps.has(file)) return false;
    delete this.last.app;
    const compiled = this.compiled.get(file);
    if (compiled) compiled.stamp = ''; // read it again: its stamp may not have moved
    return true;
  }

  /** The app function of `entry`: cached while no file of its graph changed. */
  load(entry: string): App {
    const last = this.last;
    if (last?.app && last.entry === entry && [...last.stamps].every(([file, stamp]) => stampOf(file) === stamp)) {
      this.lastLoad = { reloaded: false, transformed: 0, transformMs: 0, evaluated: 0 };
      return last.app;
    }
    this.lastLoad = { reloaded: true, transformed: 0, transformMs: 0, evaluated: 0 };
    const stamps = new Map<string, string>();
    const registry = new Map<string, Module>();
    this.last = { entry, stamps, hashes: new Map() };
    const exported = this.evaluate(entry, registry, stamps);
    const app = typeof exported === 'function' ? exported : (exported as { default?: unknown } | null)?.default;
    if (typeof app !== 'function') {
      throw new AppLoadError(`${this.relative(entry)} does not export an app function (export default function app(st) { … }).`);
    }
    this.last.app = app as App;
    return app as App;
  }

  /** The source map of an app file of the last load, for mapping stack frames. */
  sourceMap(file: string): SourceMap | undefined {
    const compiled = this.compiled.get(file);
    // Only the map of the version that was loaded: a file that then failed to transform has none.
    return compiled && this.last?.stamps.get(file) === compiled.stamp ? new SourceMap(compiled.map) : undefined;
  }

  /** Original positions of frames in the files of the last load (stackMap.ts). */
  positions(): PositionMapper {
    const files = this.files;
    return {
      relative: (file) => this.relative(file),
      map: (file, line, column) => {
        if (!files.has(file)) return undefined;
        // sucrase keeps line numbers; the map corrects columns (a file that failed to transform has none).
        const entry = this.sourceMap(file)?.findEntry(line - 1, column - 1) as
          { originalLine?: number; originalColumn?: number } | undefined;
        return entry?.originalLine === line - 1 ? { line, column: (entry.originalColumn ?? 0) + 1 } : { line, column };
      },
    };
  }

  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  private evaluate(file: string, registry: Map<string, Module>, stamps: Map<string, string>): unknown {
    const known = registry.get(file);
    if (known) return known.exports; // a cycle, or a module imported twice: one instance per load
    const stamp = stampOf(file);
    if (stamp === undefined) throw new AppLoadError(`${this.relative(file)}: no such file`);
    stamps.set(file, stamp);
    const module: Module = { exports: {} };
    registry.set(file, module);
    if (file.endsWith('.json')) {
      const text = readFileSync(file, 'utf8');
      this.last!.hashes.set(file, contentHash(text));
      module.exports = JSON.parse(text);
      return module.exports;
    }
    const { code, hash } = this.compile(file, stamp);
    this.last!.hashes.set(file, hash);
    this.lastLoad.evaluated++;
    const nodeRequire = createRequire(file);
    const require = (specifier: string): unknown => {
      const local = this.resolveLocal(specifier, file);
      return local ? this.evaluate(local, registry, stamps) : nodeRequire(specifier);
    };
    const body = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
    body.call(module.exports, module.exports, Object.assign(require, { resolve: nodeRequire.resolve }), module, file, path.dirname(file));
    return module.exports;
  }

  private compile(file: string, stamp: string): Compiled {
    const cached = this.compiled.get(file);
    if (cached?.stamp === stamp) return cached;
    const text = readFileSync(file, 'utf8');
    const hash = contentHash(text);
    if (cached?.hash === hash) {
      cached.stamp = stamp;
      return cached;
    }
    const started = performance.now();
    const compiled = { stamp, hash, ...transpile(text, file) };
    this.lastLoad.transformed++;
    this.lastLoad.transformMs += performance.now() - started;
    this.compiled.set(file, compiled);
    return compiled;
  }

  /** A relative import of an app module inside the root (not in node_modules), or undefined for Node to resolve. */
  private resolveLocal(specifier: string, from: string): string | undefined {
    if (!specifier.startsWith('./') && !specifier.startsWith('../') && !path.isAbsolute(specifier)) return undefined;
    const base = path.resolve(path.dirname(from), specifier);
    if (!base.startsWith(this.root + path.sep) || base.split(path.sep).includes('node_modules')) return undefined;
    const candidates = [
      base,
      // TypeScript's convention: `./util.js` in the source names `./util.ts`.
      ...(/\.[mc]?js$/.test(base) ? [base.replace(/js$/, 'ts')] : []),
      ...appModuleExtensions.map((ext) => base + ext),
      ...appModuleExtensions.map((ext) => path.join(base, `index${ext}`)),
    ];
    const found = candidates.find((c) => stampOf(c) !== undefined);
    if (!found) throw new AppLoadError(`${this.relative(from)}: cannot find module "${specifier}"`);
    return appModuleExtensions.some((ext) => found.endsWith(ext)) || found.endsWith('.json') ? found : undefined;
  }
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function stampOf(file: string): string | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? `${s.mtimeMs}:${s.size}` : undefined;
  } catch {
    return undefined;
  }
}
