/**
 * Every migration of the product, put together where the features meet: the store's own
 * (store/migrations.ts) and each feature's from its folder. The store imports none of the
 * features, so this list lives above them. Web-standard: Node and Workers both migrate with it.
 */
import { CLEANUP_MIGRATIONS } from '../cleanup/migrations.js';
import { DECISION_MIGRATIONS } from '../decisions/migrations.js';
import { DESK_MIGRATIONS } from '../desk/migrations.js';
import { FILE_STORE_MIGRATIONS } from '../store/file-store.js';
import { LOCAL_TEXT_MIGRATIONS } from '../local-texts/migrations.js';
import type { SqlDriver } from '../store/sql-driver.js';
import { applyMigrations, CORE_MIGRATIONS, type MigrateResult, type Migration } from '../store/migrations.js';

export { schemaVersion, type MigrateResult, type Migration } from '../store/migrations.js';

/** In version order: a feature may own numbers in more than one range (e.g. the core 1 and 60). */
export const MIGRATIONS: readonly Migration[] = [...CORE_MIGRATIONS, ...FILE_STORE_MIGRATIONS, ...DECISION_MIGRATIONS, ...DESK_MIGRATIONS, ...CLEANUP_MIGRATIONS, ...LOCAL_TEXT_MIGRATIONS].sort((a, b) => a.version - b.version);

/** Applies the product's pending migrations (or the list given) in version order; safe on every start. */
export function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS, now: () => Date = () => new Date()): Promise<MigrateResult> {
  return applyMigrations(driver, migrations, now);
}
