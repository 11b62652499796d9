/** Originals outside the row (store/file-store.ts): the row keeps the metadata, the FileStore the bytes. */
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/boot/migrations.js';
import { openSqlite } from '../../src/node/sqlite-driver.js';
import { memoryFileStore } from '../../src/store/file-store.js';
import { Store } from '../../src/store/store.js';
import { isStoreError } from '../../src/store/types.js';
import { fastHasher } from './helpers.js';

const same = (a: Uint8Array | null | undefined, b: Uint8Array) => !!a && Buffer.from(a).equals(Buffer.from(b));
const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

async function open(quota?: number) {
  const driver = openSqlite(':memory:');
  await migrate(driver);
  const files = memoryFileStore('r2');
  const store = new Store(driver, { hasher: fastHasher, files, ...(quota ? { storageQuotaBytes: quota } : {}) });
  return { driver, files, store };
}

describe('a Store with a FileStore', () => {
  it('keeps the bytes in the file store under their hash, the metadata in the row, and reads them back', async () => {
    const { driver, files, store } = await open();
    const bytes = bytesOf(3 * 1024 * 1024, 7); // beyond D1's 2 MB row
    const { hash, created } = await store.putDocument({ bytes, fileName: '大文件.docx', mime: 'application/octet-stream' }, null);
    expect(created).toBe(true);
    expect(same(files.objects.get(hash), bytes)).toBe(true);
    const row = await driver.first<{ size: number; n: number; files: string }>('SELECT size, length(bytes) AS n, files FROM documents WHERE hash = ?', [hash]);
    expect(row).toEqual({ size: bytes.length, n: 0, files: 'r2' });
    const got = await store.getDocument(hash);
    expect(same(got?.bytes, bytes)).toBe(true);
    expect(got?.fileName).toBe('大文件.docx');
    expect(await store.storageUsage()).toEqual({ bytes: bytes.length, documents: 1 });
    // the same bytes again: one object, one row
    expect((await store.putDocument({ bytes, fileName: '再次.docx' }, null)).created).toBe(false);
    expect(files.objects.size).toBe(1);
    driver.close();
  });

  it('leaves no object behind when the quota refuses the original', async () => {
    const { driver, files, store } = await open(1000);
    await store.putDocument({ bytes: bytesOf(800, 1), fileName: 'a.txt' }, null);
    const refused = await store.putDocument({ bytes: bytesOf(800, 2), fileName: 'b.txt' }, null).catch((e: unknown) => e);
    expect(isStoreError(refused) && refused.code).toBe('QUOTA');
    expect(files.objects.size).toBe(1);
    expect(await store.storageUsage()).toEqual({ bytes: 800, documents: 1 });
    driver.close();
  });

  it('reads rows stored in the row before the file store was added, and says so when an object is missing', async () => {
    const driver = openSqlite(':memory:');
    await migrate(driver);
    const old = bytesOf(500, 3);
    const { hash: inRow } = await new Store(driver, { hasher: fastHasher }).putDocument({ bytes: old, fileName: 'old.txt' }, null);
    const files = memoryFileStore('r2');
    const store = new Store(driver, { hasher: fastHasher, files });
    expect(same((await store.getDocument(inRow))?.bytes, old)).toBe(true);
    const { hash } = await store.putDocument({ bytes: bytesOf(500, 4), fileName: 'new.txt' }, null);
    files.objects.delete(hash);
    await expect(store.getDocument(hash)).rejects.toThrow(/找不到/);
    // a store without the file store cannot read it either, and says why
    await files.put(hash, bytesOf(500, 4), { mime: 'text/plain' });
    await expect(new Store(driver, { hasher: fastHasher }).getDocument(hash)).rejects.toThrow(/没有接入该存储/);
    driver.close();
  });
});
