/**
 * Where the browser sits relative to the extension host.
 *  - local: browser, code-server and extension host share one loopback (desktop-like).
 *  - remote: code-server and its extension host run in their own network namespace, joined to the
 *    test runner's namespace (where Chromium runs) only by a veth pair, as for VS Code in the
 *    browser, Codespaces or Remote-SSH: the browser reaches code-server at its veth address and
 *    nothing on the extension host's loopback. Only these namespaces' own addresses are used.
 */
import { execFileSync } from 'node:child_process';
import { onExit } from './processes';

export interface Topology {
  readonly kind: 'local' | 'remote';
  /** Address code-server binds to and the browser uses. */
  readonly serverHost: string;
  /** Address the outer runner's control server binds to (reachable from the extension host). */
  readonly controlHost: string;
  /** Wraps a command so it runs on the extension host's side. */
  wrap(command: string, args: string[]): [string, string[]];
  dispose(): void;
}

export const localTopology: Topology = {
  kind: 'local',
  serverHost: '127.0.0.1',
  controlHost: '127.0.0.1',
  wrap: (command, args) => [command, args],
  dispose: () => undefined,
};

/** Why the remote topology cannot be built here, or undefined when it can. */
export function remoteTopologyUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'creating network namespaces needs root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return "the 'ip' command (iproute2) is missing";
  }
  return undefined;
}

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function createRemoteTopology(): Topology {
  const id = process.pid % 100_000;
  const subnet = `10.231.${(process.pid % 250) + 1}`;
  const ns = `chhost${id}`;
  const uiEnd = `chu${id}`;
  const hostEnd = `chh${id}`;
  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    try {
      ip('netns', 'del', ns); // removes both veth ends with it
    } catch {
      // already gone
    }
  };
  onExit(dispose);
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', uiEnd, 'type', 'veth', 'peer', 'name', hostEnd);
    ip('link', 'set', hostEnd, 'netns', ns);
    ip('addr', 'add', `${subnet}.1/24`, 'dev', uiEnd);
    ip('link', 'set', uiEnd, 'up');
    ip('-n', ns, 'addr', 'add', `${subnet}.2/24`, 'dev', hostEnd);
    ip('-n', ns, 'link', 'set', hostEnd, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  } catch (err) {
    dispose();
    throw new Error(`could not create the remote topology: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return {
    kind: 'remote',
    serverHost: `${subnet}.2`,
    controlHost: `${subnet}.1`,
    wrap: (command, args) => ['ip', ['netns', 'exec', ns, command, ...args]],
    dispose,
  };
}
