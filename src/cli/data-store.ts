/** The data directory's database for a CLI command, opened on demand (commands that need no SQLite never load it) and always closed. */
import type { Store } from '../store/store.js';

export async function withStore<T>(fn: (store: Store, where: { dir: string; file: string }) => Promise<T>): Promise<T> {
  const { openStore } = await import('../node/open-store.js');
  const { dataDir } = await import('../node/sqlite-driver.js');
  const dir = dataDir();
  const opened = await openStore({ dir });
  try {
    return await fn(opened.store, { dir, file: opened.driver.path });
  } finally {
    opened.close();
  }
}
