/** Schema of the review desk (送审件, deadlines, 集中会审) and the cleanup campaign: versions 20–39. */
import type { Migration } from './migrations.js';

export const DESK_MIGRATIONS: readonly Migration[] = [];
