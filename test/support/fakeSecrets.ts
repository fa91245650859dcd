/** In-memory stand-in for vscode.SecretStorage, shared by "windows" like the real one. */
import type { SecretStorageLike } from '../../src/auth/tokenStore';

export class FakeSecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<(event: { key: string }) => unknown>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.emit(key);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.emit(key);
  }
  onDidChange(listener: (event: { key: string }) => unknown): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  private emit(key: string): void {
    for (const listener of this.listeners) listener({ key });
  }
}
