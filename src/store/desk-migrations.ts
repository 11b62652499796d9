/** Schema of the review desk (送审件, deadlines, 集中会审, calendars): versions 20–29. */
import type { Migration } from './migrations.js';

export const DESK_MIGRATIONS: readonly Migration[] = [];
