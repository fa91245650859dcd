import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { hostProbes, hostTests } from './harness';

interface Command {
  id: number;
  kind: 'list' | 'test' | 'probe' | 'finish';
  name?: string;
  args?: unknown;
  timeoutMs?: number;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return inspect(err);
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Entry point VS Code calls for `extensionTestsPath`. It serves commands from the outer runner
 * (long-polling its loopback control server) until told to finish, so browser steps and host steps
 * can interleave while the extension host stays up.
 */
export async function run(): Promise<void> {
  const configFile = join(__dirname, 'config.json');
  if (!existsSync(configFile)) return runAllStandalone();
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { controlUrl: string };
  const control = config.controlUrl;
  // Which extension host polls: after a window reload the old one can live on for a while, and must not
  // answer for the new one.
  const hostId = `${process.pid}-${Date.now().toString(36)}`;
  for (;;) {
    let command: Command;
    try {
      const response = await fetch(`${control}/next?host=${hostId}`);
      if (response.status === 204) continue;
      command = (await response.json()) as Command;
    } catch {
      // The outer runner is gone: nothing left to serve.
      return;
    }
    let reply: { ok: boolean; value?: unknown; error?: string };
    try {
      switch (command.kind) {
        case 'list':
          reply = { ok: true, value: { tests: [...hostTests.keys()], probes: [...hostProbes.keys()] } };
          break;
        case 'test': {
          const fn = hostTests.get(command.name ?? '');
          if (!fn) throw new Error(`no host test "${command.name}"`);
          await withTimeout(Promise.resolve().then(fn), command.timeoutMs ?? 30_000, `host test "${command.name}"`);
          reply = { ok: true };
          break;
        }
        case 'probe': {
          const fn = hostProbes.get(command.name ?? '');
          if (!fn) throw new Error(`no host probe "${command.name}"`);
          const value = await withTimeout(
            Promise.resolve().then(() => fn(command.args)),
            command.timeoutMs ?? 30_000,
            `probe "${command.name}"`,
          );
          reply = { ok: true, value };
          break;
        }
        case 'finish':
          await fetch(`${control}/result/${command.id}`, { method: 'POST', body: JSON.stringify({ ok: true }) }).catch(() => undefined);
          return;
      }
    } catch (err) {
      reply = { ok: false, error: describeError(err) };
    }
    await fetch(`${control}/result/${command.id}`, { method: 'POST', body: JSON.stringify(reply) }).catch(() => undefined);
  }
}

/** Without an outer runner (desktop VS Code via @vscode/test-electron): run every host test, once. */
async function runAllStandalone(): Promise<void> {
  const failed: string[] = [];
  for (const [name, fn] of hostTests) {
    try {
      await withTimeout(Promise.resolve().then(fn), 30_000, `host test "${name}"`);
      console.log(`✔ ${name}`);
    } catch (err) {
      failed.push(name);
      console.error(`✖ ${name}\n${describeError(err)}`);
    }
  }
  console.log(`${hostTests.size - failed.length} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} host test(s) failed`);
}
