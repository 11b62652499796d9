/**
 * The FileStore (store/file-store.ts) on R2: originals under `<prefix>originals/<sha256>`, the
 * prefix being the district's in a shared bucket (./tenants.ts). A D1 row holds at most 2 MB,
 * an R2 object up to 5 GB, so on Workers the app's own upload limit (20 MB) is what counts.
 * The R2 types are declared structurally (only what is used).
 */
import type { FileStore } from '../store/file-store.js';

export interface R2BucketLike {
  put(key: string, value: Uint8Array | ArrayBuffer, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
  delete(key: string): Promise<void>;
}

export function r2FileStore(bucket: R2BucketLike, prefix = ''): FileStore {
  const key = (hash: string) => `${prefix}originals/${hash}`;
  return {
    name: 'r2',
    async put(hash, bytes, meta) {
      await bucket.put(key(hash), bytes, { httpMetadata: { contentType: meta.mime } });
    },
    async get(hash) {
      const o = await bucket.get(key(hash));
      return o ? new Uint8Array(await o.arrayBuffer()) : null;
    },
    async delete(hash) {
      await bucket.delete(key(hash));
    },
  };
}
