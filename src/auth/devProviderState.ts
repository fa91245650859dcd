/**
 * What the development identity provider keeps across extension-host restarts (a window reload
 * restarts the extension host): its port (so the issuer, and with it the stored session's tenant,
 * stays the same), its signing key (so issued access tokens stay verifiable) and its grant records
 * (so refresh tokens keep working). A JSON file in the extension's global storage; without a file
 * everything lives in memory, as before.
 *
 * Records are keyed by a SHA-256 of their id and stored without `jti`: for opaque tokens
 * (refresh tokens, codes) the id is the token itself, and the file must not contain usable tokens.
 * This is the development provider's own database, never the extension's tokens (those live in
 * SecretStorage only).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JWK } from 'jose';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface StoredRecord {
  model: string;
  payload: AdapterPayload;
  expiresAt: number;
  /** The payload had `jti` (always its id): restored on read, never written. */
  jti?: true;
}

interface StateFile {
  version: 1;
  port?: number;
  signingKey?: JWK;
  cookieKey?: string;
  records: Record<string, StoredRecord>;
}

const hash = (model: string, id: string) => createHash('sha256').update(`${model}\u0000${id}`).digest('base64url');

export class DevProviderState {
  private state: StateFile = { version: 1, records: {} };

  constructor(private readonly file?: string) {
    if (!file) return;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFile>;
      if (parsed.version === 1 && parsed.records && typeof parsed.records === 'object') this.state = parsed as StateFile;
    } catch {
      // No file yet, or a torn one: start fresh (users sign in again).
    }
  }

  get port(): number | undefined {
    return this.state.port;
  }
  get signingKey(): JWK | undefined {
    return this.state.signingKey;
  }
  get cookieKey(): string | undefined {
    return this.state.cookieKey;
  }

  remember(values: { port: number; signingKey: JWK; cookieKey: string }): void {
    Object.assign(this.state, values);
    this.save();
  }

  /** oidc-provider's adapter for one model, backed by this state. */
  adapter(model: string): Adapter {
    const get = (id: string): StoredRecord | undefined => {
      const key = hash(model, id);
      const record = this.state.records[key];
      if (record && record.expiresAt <= Date.now()) {
        delete this.state.records[key];
        this.save();
        return undefined;
      }
      return record;
    };
    const findBy = (field: string, value: string) =>
      Object.values(this.state.records).find((r) => r.model === model && r.payload[field] === value && r.expiresAt > Date.now())?.payload;
    return {
      upsert: async (id, payload, expiresIn) => {
        const { jti, ...rest } = payload;
        this.state.records[hash(model, id)] = {
          model,
          payload: rest,
          expiresAt: Date.now() + expiresIn * 1000,
          ...(jti !== undefined ? { jti: true as const } : {}),
        };
        this.save();
      },
      find: async (id) => {
        const record = get(id);
        return record ? { ...record.payload, ...(record.jti ? { jti: id } : {}) } : undefined;
      },
      findByUid: async (uid) => findBy('uid', uid),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      consume: async (id) => {
        const record = get(id);
        if (record) {
          record.payload.consumed = Math.floor(Date.now() / 1000);
          this.save();
        }
      },
      destroy: async (id) => {
        delete this.state.records[hash(model, id)];
        this.save();
      },
      revokeByGrantId: async (grantId) => {
        for (const [key, record] of Object.entries(this.state.records)) {
          if (record.payload.grantId === grantId) delete this.state.records[key];
        }
        this.save();
      },
    };
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
