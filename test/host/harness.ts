/**
 * The in-host side of the end-to-end suite: test files register tests and probes here; the runner
 * executes them inside the real extension host when the outer runner asks.
 */
export type HostTest = () => Promise<void> | void;
export type HostProbe = (args: unknown) => Promise<unknown> | unknown;

export const hostTests = new Map<string, HostTest>();
export const hostProbes = new Map<string, HostProbe>();

/** A test that runs entirely inside the extension host, with the real `vscode` API. */
export function hostTest(name: string, fn: HostTest): void {
  if (hostTests.has(name)) throw new Error(`duplicate host test "${name}"`);
  hostTests.set(name, fn);
}

/** A function the outer runner can call between browser steps, to read or drive host state. */
export function hostProbe(name: string, fn: HostProbe): void {
  if (hostProbes.has(name)) throw new Error(`duplicate host probe "${name}"`);
  hostProbes.set(name, fn);
}
