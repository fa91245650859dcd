/**
 * TypeScript and ES-module apps to CommonJS, in the extension host, with sucrase (see
 * docs/decisions.md: small, fast, keeps line numbers). A syntax error becomes an AppSourceError
 * that names the file and position, so the view and the Problems panel can point at it.
 */
import type { SourceMapPayload } from 'node:module';
import { transform, type Transform } from 'sucrase';

export interface Transpiled {
  code: string;
  /** Source map (version 3) from the output back to the file. */
  map: SourceMapPayload;
}

/** An app module that could not be transformed; `line` and `column` are 1-based (sucrase's `loc`). */
export class AppSourceError extends SyntaxError {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
    // The same shape as a V8 frame, so it is mapped and linked like a runtime error.
    this.stack = `SyntaxError: ${message}\n    at ${file}:${line}:${column}`;
  }
}

/** Extensions of the modules the app host transpiles itself (everything else goes through Node). */
export const appModuleExtensions = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

export function transpile(code: string, file: string): Transpiled {
  const transforms: Transform[] = /\.[mc]?ts$/.test(file) ? ['typescript', 'imports'] : file.endsWith('.cjs') ? [] : ['imports'];
  try {
    const out = transform(code, { transforms, filePath: file, sourceMapOptions: { compiledFilename: file }, production: true });
    return { code: out.code, map: { sourceRoot: '', sourcesContent: [], ...out.sourceMap } as SourceMapPayload };
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const reason = (err instanceof Error ? err.message : String(err)).replace(`Error transforming ${file}: `, '');
    throw new AppSourceError(reason, file, loc?.line ?? 1, loc?.column ?? 1);
  }
}
