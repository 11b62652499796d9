/** Schema of the 烦企扰民 cleanup campaign (inventory, pre-check jobs, decisions): versions 30–39. */
import type { Migration } from './migrations.js';

export const CLEANUP_MIGRATIONS: readonly Migration[] = [];
