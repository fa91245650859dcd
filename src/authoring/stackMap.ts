/**
 * An app error's stack, mapped to the user's sources: frames in app files get their original
 * positions (through each file's source map) and workspace-relative paths; frames of the extension
 * itself and of Node are dropped. The app frames become locations the view links to.
 */
import type { SourceLocation } from '../../protocol';

export interface PositionMapper {
  /** The original position of a 1-based line and column in `file`, or undefined when `file` is no app file. */
  map(file: string, line: number, column: number): { line: number; column: number } | undefined;
  relative(file: string): string;
}

const FRAME = /^(\s*at (?:.*? \()?)(.+?):(\d+):(\d+)(\)?)\s*$/;

export function mapStack(stack: string, mapper: PositionMapper): { stack: string; locations: SourceLocation[] } {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((l) => FRAME.test(l));
  const head = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frames: string[] = [];
  const locations: SourceLocation[] = [];
  for (const line of firstFrame < 0 ? [] : lines.slice(firstFrame)) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const [, before, file, l, c, close] = m as unknown as [string, string, string, string, string, string];
    const original = mapper.map(file, Number(l), Number(c));
    if (!original) continue;
    const relative = mapper.relative(file);
    frames.push(`${before}${relative}:${original.line}:${original.column}${close}`);
    if (locations.length < 20) locations.push({ file: relative, line: original.line, column: original.column });
  }
  return { stack: [...head, ...frames].join('\n'), locations };
}
