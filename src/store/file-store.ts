/**
 * Where the bytes of stored originals live. By default in the documents row itself (SQLite on
 * Node: one file to back up); an adapter may hand the Store a FileStore instead (Workers: R2,
 * since a D1 row holds at most 2 MB). The documents row keeps the metadata either way (hash,
 * name, type, size — so the quota, names and links work alike) and says where its bytes are:
 * `files` NULL means in the row, else the FileStore's name (migration 67).
 *
 * Keys are the original's SHA-256, so a put is idempotent and two uploads of the same bytes
 * share one object.
 */
import type { Migration } from './migrations.js';

export interface FileStore {
  /** A short name recorded in documents.files, e.g. 'r2'. */
  readonly name: string;
  put(key: string, bytes: Uint8Array, meta: { mime: string }): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

export const FILE_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 67,
    name: 'originals kept outside the row (Workers: R2): documents.files names the file store',
    sql: [`ALTER TABLE documents ADD COLUMN files TEXT`],
  },
];

/** A FileStore in memory (tests, and a model of the contract). */
export function memoryFileStore(name = 'memory'): FileStore & { objects: Map<string, Uint8Array> } {
  const objects = new Map<string, Uint8Array>();
  return {
    name,
    objects,
    async put(key, bytes) {
      objects.set(key, bytes.slice());
    },
    async get(key) {
      const b = objects.get(key);
      return b ? b.slice() : null;
    },
    async delete(key) {
      objects.delete(key);
    },
  };
}
