import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestBed } from './testBed';

/** Every file under a folder (none when it does not exist yet). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
  } catch {
    return [];
  }
}

/** Whether some log of the bed's VS Code (the extension's LogOutputChannel among them) matches. */
export function logsMatch(bed: TestBed, pattern: RegExp): boolean {
  return filesUnder(join(bed.workspace, '..', 'user', 'logs')).some((f) => f.endsWith('.log') && pattern.test(readFileSync(f, 'utf8')));
}

/** The extension's own log (its LogOutputChannel), for a failing test to print. */
export function extensionLog(bed: TestBed): string {
  return filesUnder(join(bed.workspace, '..', 'user', 'logs'))
    .filter((f) => f.endsWith('Component Host.log'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}
