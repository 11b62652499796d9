/** The Node store: SQLite under the data directory, migrated on open, scrypt passwords. */
import { migrate, type MigrateResult } from '../boot/migrations.js';
import type { PasswordHasher } from '../store/password.js';
import { Store } from '../store/store.js';
import { scryptHasher } from './scrypt-hasher.js';
import { dataDir, openDataDatabase, openSqlite, type SqliteDriver } from './sqlite-driver.js';

export interface OpenedStore {
  store: Store;
  driver: SqliteDriver;
  migration: MigrateResult;
  close(): void;
}

/** STORAGE_QUOTA_MB from the environment: the total size of stored originals allowed. */
export function storageQuota(): { storageQuotaBytes?: number } {
  const mb = Number(process.env.STORAGE_QUOTA_MB);
  return process.env.STORAGE_QUOTA_MB && Number.isFinite(mb) && mb > 0 ? { storageQuotaBytes: Math.floor(mb * 1024 * 1024) } : {};
}

/** Opens `<DATA_DIR>/fahu.sqlite` (or `':memory:'` when `memory` is set) and applies pending migrations. */
export async function openStore(options: { dir?: string; memory?: boolean; hasher?: PasswordHasher } = {}): Promise<OpenedStore> {
  const driver = options.memory ? openSqlite(':memory:') : openDataDatabase(options.dir ?? dataDir());
  try {
    const migration = await migrate(driver);
    const store = new Store(driver, { hasher: options.hasher ?? scryptHasher(), ...storageQuota() });
    return { store, driver, migration, close: () => driver.close() };
  } catch (e) {
    driver.close();
    throw e;
  }
}
